// Completion latency: Flink Pilot's SQL completion vs dt-sql-parser 4.5.1's
// getSuggestionAtCaretPosition (the named baseline), same process, same documents, same carets.
//  1. a 5,000-line document (realistic pipelines): target p95 ≤ 15 ms
//  2. inside a 2,000-column INSERT … SELECT: target p95 ≤ 30 ms
// Every Flink Pilot sample is taken right after a one-character edit of the document (as when
// typing), so it includes the incremental re-analysis of the edited statement.
// CPU time of the call is printed too: on a loaded machine wall time includes waiting for a core.
// Usage: node test/bench/sqlCompletion.bench.mjs [--runs N] [--baseline-runs N]
import { availableParallelism, loadavg } from 'node:os';
import { importBundled } from './bundle.mjs';
import { cleanDocument } from './sqlDocuments.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 60);
const BASELINE_RUNS = arg('--baseline-runs', 8);

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** Caret positions (document offsets) in a text: after `marker` occurrences, spread over the document. */
function caretsAfter(text, marker, count) {
  const offsets = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) offsets.push(at + marker.length);
  const step = Math.max(1, Math.floor(offsets.length / count));
  return offsets.filter((_, i) => i % step === 0).slice(0, count);
}

function wideInsert(columns) {
  const names = Array.from({ length: columns }, (_, i) => `c${i}`);
  const ddl = (table) => `CREATE TABLE ${table} (\n${names.map((n) => `  ${n} BIGINT`).join(',\n')}\n) WITH ('connector' = 'datagen');\n`;
  const select = names.map((n) => `  s.${n}`).join(',\n');
  return `${ddl('src')}${ddl('dst')}INSERT INTO dst\nSELECT\n${select}\nFROM src AS s\nWHERE s.c1 > 0;\n`;
}

async function main() {
  const ours = await importBundled('test/bench/sqlCompletionEntry.ts');
  const baseline = await importBundled('test/bench/baselineDtSqlParser.ts', { plain: true });
  const { createSqlLanguageFeatures, TextDocument } = ours.module;
  const dtFlink = new baseline.module.FlinkSQL();

  const scenarios = [];
  const big = cleanDocument(5000);
  scenarios.push({
    name: '5,000-line document',
    target: 15,
    text: big,
    // In select lists, after FROM, in WHERE clauses, in WITH options.
    carets: [...caretsAfter(big, 'SELECT ', 6), ...caretsAfter(big, 'FROM ', 6), ...caretsAfter(big, 'WHERE ', 4)],
  });
  const wide = wideInsert(2000);
  const inSelect = wide.indexOf('  s.c1000,') + '  s.'.length;
  scenarios.push({
    name: '2,000-column INSERT … SELECT',
    target: 30,
    text: wide,
    carets: [inSelect, wide.indexOf('  s.c1999') + 2, wide.indexOf('WHERE s.') + 'WHERE '.length],
  });

  console.log(`SQL completion: Flink Pilot vs dt-sql-parser 4.5.1 getSuggestionAtCaretPosition (${RUNS} / ${BASELINE_RUNS} runs)`);
  let failed = false;
  for (const scenario of scenarios) {
    const features = createSqlLanguageFeatures(() => ({ flinkVersion: '2.3', variables: {} }));
    let version = 1;
    let text = scenario.text;
    const uri = 'file:///bench.flink.sql';
    // Warm-up: first analysis of the document (measured by the parser benchmark, not here) and a
    // few completions, as in a server that has been running for a moment.
    features.diagnostics(TextDocument.create(uri, 'flinksql', version, text));
    for (const caret of scenario.carets.slice(0, 5)) {
      const warm = TextDocument.create(uri, 'flinksql', ++version, text);
      features.completion(warm, warm.positionAt(caret));
    }
    const samples = [];
    const cpuSamples = [];
    let items = 0;
    for (let run = 0; run < RUNS; run++) {
      const caret = scenario.carets[run % scenario.carets.length];
      // Type one character at the caret, then ask for completion right after it.
      const edited = `${text.slice(0, caret)}x${text.slice(caret)}`;
      const document = TextDocument.create(uri, 'flinksql', ++version, edited);
      const position = document.positionAt(caret + 1);
      const cpu = process.cpuUsage();
      const start = performance.now();
      const result = features.completion(document, position);
      samples.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      cpuSamples.push((used.user + used.system) / 1000);
      items += result.length;
      text = scenario.text;
    }
    const p50 = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    const cpuP95 = percentile(cpuSamples, 95);

    const baselineSamples = [];
    for (let run = 0; run < BASELINE_RUNS; run++) {
      const caret = scenario.carets[run % scenario.carets.length];
      const edited = `${scenario.text.slice(0, caret)}x${scenario.text.slice(caret)}`;
      const before = edited.slice(0, caret + 1);
      const lineNumber = before.split('\n').length;
      const column = caret + 1 - before.lastIndexOf('\n');
      // dt-sql-parser prints ANTLR's syntax errors to the console: keep the report readable.
      const { log, error } = console;
      console.log = console.error = () => {};
      const start = performance.now();
      try {
        dtFlink.getSuggestionAtCaretPosition(edited, { lineNumber, column });
      } finally {
        baselineSamples.push(performance.now() - start);
        console.log = log;
        console.error = error;
      }
    }
    const baseP50 = percentile(baselineSamples, 50);
    const baseP95 = percentile(baselineSamples, 95);
    const ok = p95 <= scenario.target;
    failed ||= !ok;
    console.log(
      `  ${scenario.name}: p50 ${fmt(p50)}, p95 ${fmt(p95)} (CPU p95 ${fmt(cpuP95)}; target ≤ ${scenario.target} ms: ${ok ? 'met' : 'MISSED'}; ${Math.round(items / RUNS)} items)` +
        ` | baseline p50 ${fmt(baseP50)}, p95 ${fmt(baseP95)} | ${(baseP95 / p95).toFixed(1)}× faster at p95`,
    );
  }
  const load = loadavg()[0];
  if (load > availableParallelism()) {
    console.log(`  note: load average ${load.toFixed(1)} on ${availableParallelism()} cores — wall times include waiting for a core; CPU p95 is the time the work itself takes.`);
  }
  ours.dispose();
  baseline.dispose();
  if (failed) process.exitCode = 1;
}

await main();
