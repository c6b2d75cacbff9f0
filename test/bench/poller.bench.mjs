// Poller benchmark: the monitor over 1,000 jobs on 20 clusters, against simulated JobManagers
// (pollerFakeClusters.mjs, a child process of node:http servers on 127.0.0.1) whose responses are
// checked against the Flink 2.3 OpenAPI schemas with ajv before anything is measured.
// Measured per cycle, in this process only (process.cpuUsage; the servers run elsewhere):
//  - requests per cluster per cycle (goal: ≤ 1 when nothing changed),
//  - CPU per cycle (goal: ≤ 50 ms),
// for the monitor and for a named baseline in the same run, "naive poller": GET /jobs/overview and
// then /jobs/:id, /checkpoints and /exceptions for every job every cycle (what a dashboard without
// change detection does). Ratios baseline / monitor are printed. Exit code 1 when a goal is missed.
// Usage: node test/bench/poller.bench.mjs [--clusters 20] [--jobs 50] [--cycles 30]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { build } from 'esbuild';
import { repoRoot } from './bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CLUSTERS = arg('clusters', 20);
const JOBS = arg('jobs', 50);
const CYCLES = arg('cycles', 30);
const BASELINE_CYCLES = Math.max(3, Math.round(CYCLES / 6));
const CPU_GOAL_MS = 50;
const SPEC = join(repoRoot, '..', 'shared', 'reference', 'flink-rest', '2.3.0', 'rest_v1_dispatcher.yml');

// ------------------------------------------------------------------ spec validation

/**
 * The spec's component schemas made strict: `allOf` merged, discriminated bases replaced by their
 * subtypes, and `additionalProperties: false` on every object with properties — so a simulated
 * response with a misspelled or invented field fails, not only one with a wrong type.
 */
function strictSchemas(components) {
  const resolve = (schema) => (schema.$ref ? components[schema.$ref.split('/').pop()] : schema);
  const flatten = (schema) => {
    if (!schema || typeof schema !== 'object') return schema;
    if (Array.isArray(schema)) return schema.map(flatten);
    const out = {};
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      out.type = 'object';
      out.properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
      const required = parts.flatMap((p) => p.required ?? []);
      if (required.length > 0) out.required = required;
    }
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'allOf' || key === 'discriminator' || (schema.allOf && (key === 'properties' || key === 'required' || key === 'type'))) continue;
      out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flatten(v)])) : flatten(value);
    }
    if (schema.discriminator?.mapping) return { anyOf: Object.values(schema.discriminator.mapping).map(($ref) => ({ $ref })) };
    if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };
  return Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, flatten(schema)]));
}

async function validateAgainstSpec(port) {
  const spec = parseYaml(readFileSync(SPEC, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
  ajv.addFormat('binary', true);
  ajv.addSchema({ components: { schemas: strictSchemas(spec.components.schemas) } }, 'flink-rest');
  const responseSchema = (path) => {
    const ref = spec.paths[path].get.responses['200'].content['application/json'].schema.$ref;
    return ajv.getSchema(`flink-rest${ref}`);
  };
  const get = async (path) => (await fetch(`http://127.0.0.1:${port}${path}`)).json();
  const overview = await get('/jobs/overview');
  const jid = overview.jobs[0].jid;
  const samples = [
    ['/jobs/overview', '/jobs/overview', overview],
    ['/jobs', '/jobs', await get('/jobs')],
    ['/jobs/{jobid}', `/jobs/${jid}`, await get(`/jobs/${jid}`)],
    ['/jobs/{jobid}/checkpoints', `/jobs/${jid}/checkpoints`, await get(`/jobs/${jid}/checkpoints`)],
    ['/jobs/{jobid}/exceptions', `/jobs/${jid}/exceptions`, await get(`/jobs/${jid}/exceptions`)],
  ];
  const names = [];
  for (const [specPath, url, body] of samples) {
    const validate = responseSchema(specPath);
    if (!validate(body)) throw new Error(`Simulated ${url} does not follow the spec: ${ajv.errorsText(validate.errors)}`);
    names.push(spec.paths[specPath].get.responses['200'].content['application/json'].schema.$ref.split('/').pop());
  }
  // The check must be able to fail: an invented field is rejected.
  const bad = structuredClone(overview);
  bad.jobs[0].restartCount = 3;
  if (responseSchema('/jobs/overview')(bad)) throw new Error('Spec validation accepted an invented field; the check is not strict.');
  return names;
}

/** Bundles the monitor as CommonJS (undici needs `require` of node built-ins), like the CLI bundle. */
async function bundleCore() {
  const dir = mkdtempSync(join(tmpdir(), 'flink-pilot-poller-bench-'));
  const outfile = join(dir, 'poller.cjs');
  await build({ entryPoints: [join(here, 'pollerEntry.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning', external: ['vscode'] });
  return { module: createRequire(import.meta.url)(outfile), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

// ------------------------------------------------------------------ measurement

const cpuMs = (start) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const fmt = (x) => x.toFixed(1);

async function stats(control, reset = true) {
  return (await fetch(`http://127.0.0.1:${control}/stats${reset ? '?reset=1' : ''}`)).json();
}

/** The baseline: everything about every job, every cycle. */
async function naiveCycle(clients) {
  await Promise.all(
    clients.map(async (client) => {
      const jobs = await client.jobsOverview();
      if (!jobs.ok) return;
      const queue = [...jobs.value];
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          await Promise.all([client.jobDetails(job.jid), client.checkpoints(job.jid), client.jobExceptions(job.jid, { maxExceptions: 20 })]);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    }),
  );
}

async function measure(label, cycles, runCycle, control, before) {
  const cpu = [];
  const wall = [];
  // run.mjs starts benchmarks with --expose-gc: start each scenario with a clean heap.
  globalThis.gc?.();
  await stats(control);
  for (let i = 0; i < cycles; i++) {
    if (before) await before(i);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await runCycle();
    cpu.push(cpuMs(c0));
    wall.push(performance.now() - t0);
  }
  const counts = await stats(control);
  const perClusterPerCycle = counts.map((c) => (c.overview + c.details + c.other) / cycles);
  const result = {
    label,
    cycles,
    cpuMedianMs: median(cpu),
    cpuMaxMs: max(cpu),
    wallMedianMs: median(wall),
    requestsPerClusterPerCycleMax: max(perClusterPerCycle),
    requestsPerCycle: perClusterPerCycle.reduce((a, b) => a + b, 0),
  };
  console.log(
    `${label.padEnd(44)} cpu/cycle median ${fmt(result.cpuMedianMs).padStart(6)} ms, max ${fmt(result.cpuMaxMs).padStart(6)} ms | wall median ${fmt(result.wallMedianMs).padStart(6)} ms | requests/cycle ${fmt(result.requestsPerCycle).padStart(7)}, max per cluster ${fmt(result.requestsPerClusterPerCycleMax)}`,
  );
  return result;
}

async function main() {
  const child = spawn(process.execPath, [join(here, 'pollerFakeClusters.mjs'), String(CLUSTERS), String(JOBS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stopChild = () => child.kill('SIGTERM');
  process.on('exit', stopChild);
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake clusters exited with ${code}`)));
  });
  const { ports, control } = JSON.parse(line);
  const bundle = await bundleCore();
  const { JobMonitor, FlinkRestClient, workspaceHealth, systemClock } = bundle.module;
  let failed = false;
  try {
    const validated = await validateAgainstSpec(ports[0]);
    console.log(`Simulated responses follow the Flink 2.3 OpenAPI spec (strict): ${validated.join(', ')}`);
    console.log(`Poller benchmark: ${CLUSTERS} clusters × ${JOBS} jobs = ${CLUSTERS * JOBS} jobs, ${CYCLES} cycles per scenario\n`);

    const clients = ports.map((port, i) => new FlinkRestClient({ clusterName: `sim-${i}`, baseUrl: `http://127.0.0.1:${port}`, getRetries: 0, timeoutMs: 10_000 }));
    // Cycles run back to back, but the monitor's clock moves 5 s (the normal interval) per cycle, so
    // time-based work (the re-check of changed jobs after Flink's detail cache expired) happens
    // in the measured cycles as it would in real use.
    const real = systemClock();
    let skewMs = 0;
    const clock = { now: () => Date.now() + skewMs, setTimeout: real.setTimeout, clearTimeout: real.clearTimeout };
    const monitor = new JobMonitor({ clock, clusters: clients.map((c) => ({ name: c.clusterName, source: c })), trackedCheckpointRefreshMs: 0 });
    const cycle = () => {
      skewMs += 5_000;
      return monitor.pollNow();
    };
    // Discovery and JIT warm-up.
    for (let i = 0; i < 5; i++) await cycle();
    const jobsSeen = monitor.snapshot().clusters.reduce((n, c) => n + c.jobs.length, 0);
    if (jobsSeen !== CLUSTERS * JOBS) throw new Error(`monitor sees ${jobsSeen} jobs, expected ${CLUSTERS * JOBS}`);

    const steady = await measure('Flink Pilot monitor, nothing changes', CYCLES, cycle, control);
    const restartsPerCycle = Math.max(1, Math.round((CLUSTERS * JOBS) / 100));
    const restartsBefore = monitor.snapshot().clusters.reduce((n, c) => n + c.jobs.reduce((m, j) => m + j.restarts, 0), 0);
    const churn = await measure(`Flink Pilot monitor, ${restartsPerCycle} jobs restart per cycle`, CYCLES, cycle, control, () =>
      fetch(`http://127.0.0.1:${control}/restart?count=${restartsPerCycle}`).then((r) => r.json()),
    );
    const restartsSeen = monitor.snapshot().clusters.reduce((n, c) => n + c.jobs.reduce((m, j) => m + j.restarts, 0), 0) - restartsBefore;
    const health = workspaceHealth(monitor.snapshot(), { now: Date.now(), scope: 'all' });
    // Warm the baseline the same way, then measure it.
    for (let i = 0; i < 2; i++) await naiveCycle(clients);
    const naive = await measure('baseline "naive poller" (details for all jobs)', BASELINE_CYCLES, () => naiveCycle(clients), control);
    monitor.dispose();
    await Promise.all(clients.map((c) => c.close()));

    console.log('');
    console.log(`restarts injected ${restartsPerCycle * CYCLES}, restarts counted by the monitor ${restartsSeen}; health of all jobs: ${health.summary}`);
    console.log(`ratio CPU per cycle (baseline / monitor, steady):  ${fmt(naive.cpuMedianMs / steady.cpuMedianMs)}×`);
    console.log(`ratio CPU per cycle (baseline / monitor, churn):   ${fmt(naive.cpuMedianMs / churn.cpuMedianMs)}×`);
    console.log(`ratio requests per cycle (baseline / monitor):     ${fmt(naive.requestsPerCycle / steady.requestsPerCycle)}× steady, ${fmt(naive.requestsPerCycle / churn.requestsPerCycle)}× churn`);
    const checks = [
      [`≤ 1 request per cluster per cycle when nothing changes (max ${fmt(steady.requestsPerClusterPerCycleMax)})`, steady.requestsPerClusterPerCycleMax <= 1],
      [`≤ ${CPU_GOAL_MS} ms CPU per cycle, steady (max ${fmt(steady.cpuMaxMs)} ms)`, steady.cpuMaxMs <= CPU_GOAL_MS],
      [`≤ ${CPU_GOAL_MS} ms CPU per cycle with 1% of jobs restarting (median ${fmt(churn.cpuMedianMs)} ms)`, churn.cpuMedianMs <= CPU_GOAL_MS],
      [`every injected restart counted (${restartsSeen} of ${restartsPerCycle * CYCLES})`, restartsSeen === restartsPerCycle * CYCLES],
    ];
    console.log('');
    for (const [text, ok] of checks) {
      console.log(`${ok ? 'PASS' : 'FAIL'} ${text}`);
      if (!ok) failed = true;
    }
  } finally {
    bundle.dispose();
    stopChild();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
