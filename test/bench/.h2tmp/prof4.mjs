import * as esbuild from 'esbuild';
import { antlrRuntimePlugin } from '../../../grammars/antlrRuntimePlugin.mjs';
await esbuild.build({ entryPoints: ['test/bench/sqlCompletionEntry.ts'], outfile: 'test/bench/.h2tmp/entry.mjs', bundle: true, platform: 'node', format: 'esm', plugins: [antlrRuntimePlugin], logLevel: 'warning' });
const { createSqlLanguageFeatures, TextDocument } = await import('./entry.mjs');
const { cleanDocument } = await import('../sqlDocuments.mjs');
const wideMode = process.argv[2] === 'wide';
let big;
const carets = [];
if (wideMode) {
  const names = Array.from({ length: 2000 }, (_, i) => `c${i}`);
  const ddl = (t) => `CREATE TABLE ${t} (\n${names.map((n) => `  ${n} BIGINT`).join(',\n')}\n) WITH ('connector' = 'datagen');\n`;
  big = `${ddl('src')}${ddl('dst')}INSERT INTO dst\nSELECT\n${names.map((n) => `  s.${n}`).join(',\n')}\nFROM src AS s\nWHERE s.c1 > 0;\n`;
  carets.push(big.indexOf('  s.c1000,') + 4, big.indexOf('  s.c1999') + 2, big.indexOf('WHERE s.') + 6);
} else {
  big = cleanDocument(5000);
  for (const marker of ['SELECT ', 'FROM ', 'WHERE ']) {
    let n = 0;
    for (let at = big.indexOf(marker); at >= 0 && n < 20; at = big.indexOf(marker, at + 1000)) { carets.push(at + marker.length); n++; }
  }
}
const f = createSqlLanguageFeatures(() => ({ flinkVersion: '2.3', variables: {} }));
f.diagnostics(TextDocument.create('file:///a', 'flinksql', 1, big));
let v = 2;
const t = [];
for (let i = 0; i < 90; i++) {
  const c = carets[i % carets.length];
  const ed = big.slice(0, c) + 'x' + big.slice(c);
  const d = TextDocument.create('file:///a', 'flinksql', v++, ed);
  const cpu = process.cpuUsage();
  f.completion(d, d.positionAt(c + 1));
  const u = process.cpuUsage(cpu);
  t.push((u.user + u.system) / 1000); if ((u.user + u.system) / 1000 > 8) console.log("slow", ((u.user + u.system) / 1000).toFixed(1), JSON.stringify(big.slice(c - 40, c + 10)));
}
t.sort((a, b) => a - b);
console.log('cpu p50', t[45].toFixed(1), 'p95', t[85].toFixed(1));
