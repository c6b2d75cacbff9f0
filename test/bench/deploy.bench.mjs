// Deployment benchmark on a real local Flink (2.3 by default), each measurement against a named
// baseline in the same run:
//  1. SQL job submit → job RUNNING: Flink Pilot (SQL Gateway REST) vs `bin/sql-client.sh gateway -f`
//     against the same gateway (ratio, goal ≥ 3×).
//  2. Jar job submit → job RUNNING: Flink Pilot (/jars/upload + /jars/:id/run) vs `bin/flink run -d`
//     (ratio, goal ≥ 3×).
//  Both sides wait the same way (job status polled every 10 ms). The time until every task runs is
//  printed too: it adds Flink's task deployment, which is the same for both.
//  3. Stop with savepoint: Flink Pilot's wall time minus Flink's own savepoint duration
//     (`end_to_end_duration` of the savepoint in /jobs/:id/checkpoints) — goal ≤ 200 ms.
// Reuses running clusters when FLINK_PILOT_BENCH_CLUSTERS (or FLINK_PILOT_TEST_CLUSTERS) names a
// clusters JSON (as written by the lead's harness); otherwise starts its own local cluster and stops it.
// Usage: node test/bench/deploy.bench.mjs [--runs N] [--flink 2.3|1.20]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles the TypeScript core once, so the benchmark measures the same code the CLI ships. */
async function loadCore(workDir) {
  const outfile = join(workDir, 'core.cjs');
  await build({
    stdin: {
      contents: [
        "export * from './client/src/core/jobs/jobService';",
        "export { submitJar } from './client/src/core/jobs/jarSubmission';",
        "export { waitForTasksRunning } from './client/src/core/jobs/clusterClients';",
        "export { FlinkRestClient } from './client/src/core/flink/flinkRestClient';",
        "export { JobHistoryStore } from './client/src/core/history/jobHistory';",
        "export { startLocalCluster, stopLocalCluster } from './client/src/core/local';",
        "export { buildFlinkRunCommand } from './client/src/core/modes/flinkRunCommand';",
        "export { runFlinkCli } from './client/src/core/modes/flinkCliRunner';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    external: ['vscode'],
  });
  return createRequire(import.meta.url)(outfile);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;

const SQL = (name) => `CREATE TEMPORARY TABLE src (id INT, v BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '10', 'fields.id.min' = '1', 'fields.id.max' = '5');
CREATE TEMPORARY TABLE snk (id INT, c BIGINT) WITH ('connector' = 'blackhole');
SET 'pipeline.name' = '${name}';
INSERT INTO snk SELECT id, COUNT(*) FROM src GROUP BY id;
`;

function jobSpec(name, line, sql) {
  return {
    name,
    type: 'sql',
    flinkVersion: line,
    sql: { text: sql, path: 'bench.flink.sql' },
    config: { 'parallelism.default': '1' },
    dependencies: { maven: [], jars: [] },
    savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 120_000 },
    restore: { from: 'latest-savepoint', allowNonRestoredState: false, claimMode: 'no_claim' },
    variables: {},
  };
}

export async function benchDeploy(options = {}) {
  const runs = options.runs ?? 3;
  const line = options.flink ?? '2.3';
  const workDir = mkdtempSync(join(tmpdir(), 'fp-bench-deploy-'));
  const core = await loadCore(workDir);
  const clustersFile = process.env.FLINK_PILOT_BENCH_CLUSTERS ?? process.env.FLINK_PILOT_TEST_CLUSTERS;
  let cluster;
  let startedHere = false;
  if (clustersFile) {
    cluster = JSON.parse(readFileSync(clustersFile, 'utf8'))[line];
    console.log(`[deploy bench] reusing ${cluster.name} (Flink ${cluster.version}) from ${clustersFile}`);
  } else {
    cluster = await core.startLocalCluster({ version: line, name: `bench-${line}`, onProgress: (m) => console.log(`[deploy bench] ${m}`) });
    startedHere = true;
  }
  const connection = { name: cluster.name, restUrl: cluster.restUrl, gatewayUrl: cluster.gatewayUrl };
  const rest = new core.FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl });
  const history = new core.JobHistoryStore({ workspaceRoot: workDir });
  const unique = (what) => `fp-bench-${what}-${Date.now().toString(36)}`;
  const must = (result) => {
    if (!result.ok) throw result.error;
    return result.value;
  };
  const cancel = async (jobId) => {
    await rest.cancelJob(jobId);
  };
  const results = {};
  // Same wait for both sides: Flink's job status RUNNING, polled every 10 ms.
  const jobRunning = async (jobId) => {
    for (;;) {
      const status = await rest.jobStatus(jobId);
      if (status.ok && status.value === 'RUNNING') return;
      if (status.ok && ['FAILED', 'CANCELED', 'FINISHED'].includes(status.value)) throw new Error(`job ${jobId} ended: ${status.value}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const tasksRunning = async (jobId) => must(await core.waitForTasksRunning(rest, jobId, { timeoutMs: 120_000 }));

  try {
    // --- 1. SQL submit → RUNNING ------------------------------------------------------------
    const ours = [];
    const baseline = [];
    const oursTasks = [];
    const baselineTasks = [];
    const gateway = new URL(cluster.gatewayUrl);
    for (let i = 0; i < runs; i++) {
      const name = unique('sql');
      const ctx = { jobFilePath: join(workDir, `${name}.flink.yaml`), job: jobSpec(name, line, SQL(name)), cluster: connection, history };
      let t = performance.now();
      const submitted = must(await core.submitJob(ctx, { waitForRunning: false }));
      await jobRunning(submitted.jobId);
      ours.push(performance.now() - t);
      await tasksRunning(submitted.jobId);
      oursTasks.push(performance.now() - t);
      await cancel(submitted.jobId);

      const baseName = unique('sqlclient');
      const script = join(workDir, `${baseName}.sql`);
      writeFileSync(script, SQL(baseName));
      t = performance.now();
      const { stdout } = await run(join(cluster.flinkHome, 'bin', 'sql-client.sh'), ['gateway', '-e', `${gateway.hostname}:${gateway.port}`, '-f', script], {
        env: { ...process.env, FLINK_CONF_DIR: cluster.confDir },
        maxBuffer: 16 * 1024 * 1024,
      });
      const jobId = /Job ID: ([0-9a-f]{32})/.exec(stdout)?.[1];
      if (!jobId) throw new Error(`sql-client printed no job id:\n${stdout.slice(-2000)}`);
      await jobRunning(jobId);
      baseline.push(performance.now() - t);
      await tasksRunning(jobId);
      baselineTasks.push(performance.now() - t);
      await cancel(jobId);
    }
    results.sql = { ours: median(ours), baseline: median(baseline), ratio: median(baseline) / median(ours), oursTasks: median(oursTasks), baselineTasks: median(baselineTasks) };

    // --- 2. Jar submit → RUNNING ---------------------------------------------------------------
    const jarDir = join(workDir, 'jar');
    await run('javac', ['-d', join(jarDir, 'classes'), '-cp', join(cluster.flinkHome, 'lib', '*'), join(root, 'test', 'fixtures', 'cli-remote-job', 'TickJob.java')]);
    const jar = join(jarDir, 'tick.jar');
    await run('jar', ['cfe', jar, 'TickJob', '-C', join(jarDir, 'classes'), '.']);
    const oursJar = [];
    const baselineJar = [];
    const oursJarTasks = [];
    const baselineJarTasks = [];
    const restUrl = new URL(cluster.restUrl);
    for (let i = 0; i < runs; i++) {
      const name = unique('jar');
      let t = performance.now();
      const submitted = must(await core.submitJar(rest, { jarPath: jar, jobName: name, entryClass: 'TickJob', args: [name], variables: {}, parallelism: 1, config: {} }));
      await jobRunning(submitted.jobId);
      oursJar.push(performance.now() - t);
      await tasksRunning(submitted.jobId);
      oursJarTasks.push(performance.now() - t);
      await cancel(submitted.jobId);

      const baseName = unique('flinkrun');
      const command = core.buildFlinkRunCommand(
        { mode: 'remote', flinkVersion: cluster.version, jar, jobName: baseName, args: [baseName], parallelism: 1, remote: { host: restUrl.hostname, port: Number(restUrl.port) }, config: {} },
        cluster.flinkHome,
      );
      t = performance.now();
      const cli = await core.runFlinkCli(command, { timeoutMs: 180_000 });
      await jobRunning(cli.jobId);
      baselineJar.push(performance.now() - t);
      await tasksRunning(cli.jobId);
      baselineJarTasks.push(performance.now() - t);
      await cancel(cli.jobId);
    }
    results.jar = { ours: median(oursJar), baseline: median(baselineJar), ratio: median(baselineJar) / median(oursJar), oursTasks: median(oursJarTasks), baselineTasks: median(baselineJarTasks) };

    // --- 3. Stop-with-savepoint overhead above Flink's own savepoint duration ------------------
    const overheads = [];
    const stopTotals = [];
    for (let i = 0; i < runs; i++) {
      const name = unique('stop');
      const ctx = { jobFilePath: join(workDir, `${name}.flink.yaml`), job: jobSpec(name, line, SQL(name)), cluster: connection, history };
      const submitted = must(await core.submitJob(ctx));
      await new Promise((r) => setTimeout(r, 1000));
      const stopped = must(await core.stopJob(ctx, { mode: 'savepoint' }));
      // Flink caches checkpoint statistics for a few seconds: poll until the savepoint shows up.
      let flinkMs;
      for (let attempt = 0; attempt < 40 && flinkMs === undefined; attempt++) {
        const stats = await rest.checkpoints(submitted.jobId);
        const sp = stats.ok ? [stats.value.latest?.savepoint, ...(stats.value.history ?? [])].find((c) => c && c.external_path === stopped.savepointPath) : undefined;
        if (sp) flinkMs = sp.end_to_end_duration;
        else await new Promise((r) => setTimeout(r, 250));
      }
      if (flinkMs === undefined) throw new Error('Flink did not report the stop savepoint in its statistics');
      stopTotals.push(stopped.durationMs);
      overheads.push(stopped.durationMs - flinkMs);
    }
    results.stop = { total: median(stopTotals), overhead: median(overheads) };
  } finally {
    await rest.close();
    if (startedHere) await core.stopLocalCluster({ name: cluster.name });
    rmSync(workDir, { recursive: true, force: true });
  }

  const verdict = (ok) => (ok ? 'goal met' : 'goal MISSED');
  console.log(`\nDeploy benchmark — Flink ${cluster.version}, median of ${runs} runs`);
  console.log(
    `  SQL submit → job RUNNING  flink-pilot ${ms(results.sql.ours).padStart(8)} | baseline bin/sql-client.sh gateway -f ${ms(results.sql.baseline).padStart(8)} | ${results.sql.ratio.toFixed(2)}× faster (goal ≥ 3×: ${verdict(results.sql.ratio >= 3)})`,
  );
  console.log(
    `  Jar submit → job RUNNING  flink-pilot ${ms(results.jar.ours).padStart(8)} | baseline bin/flink run -d          ${ms(results.jar.baseline).padStart(8)} | ${results.jar.ratio.toFixed(2)}× faster (goal ≥ 3×: ${verdict(results.jar.ratio >= 3)})`,
  );
  console.log(
    `  (until every task runs, which Flink's task deployment dominates: SQL ${ms(results.sql.oursTasks)} vs ${ms(results.sql.baselineTasks)}, ${(results.sql.baselineTasks / results.sql.oursTasks).toFixed(2)}×; jar ${ms(results.jar.oursTasks)} vs ${ms(results.jar.baselineTasks)}, ${(results.jar.baselineTasks / results.jar.oursTasks).toFixed(2)}×)`,
  );
  console.log(
    `  Stop with savepoint       flink-pilot ${ms(results.stop.total).padStart(8)} | overhead above Flink's own savepoint duration ${ms(results.stop.overhead)} (goal ≤ 200 ms: ${verdict(results.stop.overhead <= 200)})`,
  );
  results.goalsMet = results.sql.ratio >= 3 && results.jar.ratio >= 3 && results.stop.overhead <= 200;
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const runsIndex = args.indexOf('--runs');
  const flinkIndex = args.indexOf('--flink');
  benchDeploy({ runs: runsIndex >= 0 ? Number(args[runsIndex + 1]) : undefined, flink: flinkIndex >= 0 ? args[flinkIndex + 1] : undefined }).then(
    // Like every bench file run by run.mjs: a missed target is a non-zero exit.
    (results) => process.exit(results.goalsMet ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
