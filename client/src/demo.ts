// `flink-pilot demo` (`npm run demo`): the whole life of a stateful SQL job on a real local Flink —
// start the cluster, submit (datagen → keyed aggregation → print), wait for RUNNING, savepoint, stop
// with savepoint, restore from it and show that FLINK reports that savepoint as the restore point,
// stop again. Each step is printed with its duration; the exit code says whether the restore was
// verified by Flink.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeError, FlinkPilotError } from './core/errors';
import { JobHistoryStore } from './core/history/jobHistory';
import { startLocalCluster, type LocalClusterInfo } from './core/local';
import { loadJobFile } from './core/jobs/jobFile';
import { jobSpecFromJobFile } from './core/jobs/jobSpec';
import { cancelJob, restoreJob, stopJob, submitJob, triggerSavepoint, type ClusterConnection, type JobContext, type JobSpec } from './core/jobs/jobService';
import type { Result } from './core/result';

/** The demo job, also shipped as test/fixtures/demo/; embedded so `dist/cli.js demo` works anywhere. */
export const DEMO_SQL = `-- Flink Pilot demo: a stateful aggregation over generated orders.
CREATE TEMPORARY TABLE orders (
  order_id    BIGINT,
  customer_id INT,
  amount      DECIMAL(10, 2)
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '\${rowsPerSecond}',
  'fields.customer_id.min' = '1',
  'fields.customer_id.max' = '20',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500'
);

CREATE TEMPORARY TABLE revenue_per_customer (
  customer_id INT,
  order_count BIGINT,
  revenue     DECIMAL(38, 2),
  PRIMARY KEY (customer_id) NOT ENFORCED
) WITH (
  'connector' = 'print'
);

INSERT INTO revenue_per_customer
SELECT customer_id, COUNT(*) AS order_count, SUM(amount) AS revenue
FROM orders
GROUP BY customer_id;
`;

export function demoJobSpec(flinkVersion: string): JobSpec {
  return {
    name: 'flink-pilot-demo',
    type: 'sql',
    flinkVersion,
    sql: { text: DEMO_SQL, path: 'demo.flink.sql' },
    parallelism: 1,
    config: {
      'parallelism.default': '1',
      'execution.checkpointing.interval': '10 s',
      'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
    },
    dependencies: { maven: [], jars: [] },
    savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 120_000 },
    restore: { from: 'latest-savepoint', allowNonRestoredState: false, claimMode: 'no_claim' },
    variables: { rowsPerSecond: '10' },
  };
}

export interface RunDemoOptions {
  /** Local Flink line, `2.3` (default) or `1.20`. */
  flinkVersion?: string;
  /** Use an already running local cluster instead of starting one. */
  cluster?: LocalClusterInfo;
  /** Where the demo's history goes; default the current directory (`.flink-pilot/history`). */
  workspaceRoot?: string;
  stateDir?: string;
  out?: (line: string) => void;
  signal?: AbortSignal;
}

export interface DemoStep {
  step: string;
  ms: number;
  detail: string;
}

export interface DemoResult {
  steps: DemoStep[];
  restoreVerified: boolean;
  firstJobId?: string;
  restoredJobId?: string;
  savepointPath?: string;
  webUrl?: string;
}

export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? ((line: string) => console.log(line));
  const steps: DemoStep[] = [];
  const result: DemoResult = { steps, restoreVerified: false };
  const clock = () => performance.now();
  const record = (step: string, since: number, detail: string) => {
    const ms = clock() - since;
    steps.push({ step, ms, detail });
    out(`✔ ${step.padEnd(28)} ${formatMs(ms).padStart(8)}  ${detail}`);
  };
  const need = <T>(outcome: Result<T, FlinkPilotError>, step: string): T => {
    if (outcome.ok) return outcome.value;
    out(`✘ ${step}: ${describeError(outcome.error)}`);
    throw outcome.error;
  };

  out('Flink Pilot demo — submit, savepoint, stop, restore on a real local Flink');
  let t = clock();
  const info =
    options.cluster ??
    (await startLocalCluster({ version: options.flinkVersion ?? '2.3', stateDir: options.stateDir, signal: options.signal, onProgress: (m) => out(`  … ${m}`) }));
  const startedHere = !options.cluster && clock() - t > 1000;
  record(
    'Local Flink ready',
    t,
    `Flink ${info.version}, Web UI ${info.restUrl}, SQL Gateway ${info.gatewayUrl}; cluster start-up ${info.startupMs !== undefined ? formatMs(info.startupMs) : 'n/a'}${startedHere ? '' : ' (already running)'}`,
  );

  const cluster: ClusterConnection = { name: info.name, restUrl: info.restUrl, gatewayUrl: info.gatewayUrl };
  const workspaceRoot = resolve(options.workspaceRoot ?? process.cwd());
  const { jobFilePath, job, source } = demoJob(workspaceRoot, info.line);
  out(`  … Demo job: ${source}`);
  const ctx: JobContext = {
    jobFilePath,
    job,
    cluster,
    history: new JobHistoryStore({ workspaceRoot }),
    signal: options.signal,
    onProgress: (m) => out(`  … ${m}`),
  };

  // A demo job left running by an interrupted earlier run would hold slots and block the submission.
  const leftover = await cancelJob({ ...ctx, onProgress: undefined });
  if (leftover.ok) out(`  … Cancelled demo job ${leftover.value.jobId} left running by an earlier run`);

  t = clock();
  const submitted = need(await submitJob(ctx), 'Submit');
  result.firstJobId = submitted.jobId;
  result.webUrl = submitted.webUrl;
  record('Submitted, all tasks RUNNING', t, `job ${submitted.jobId} ${submitted.state} — ${submitted.webUrl}`);

  // Let the aggregation build some state worth keeping.
  await new Promise((r) => setTimeout(r, 2000));

  t = clock();
  const savepoint = need(await triggerSavepoint(ctx), 'Savepoint');
  record('Savepoint', t, `${savepoint.path} (${formatBytes(savepoint.sizeBytes)})`);

  t = clock();
  const stopped = need(await stopJob(ctx, { mode: 'savepoint' }), 'Stop with savepoint');
  result.savepointPath = stopped.savepointPath;
  record('Stopped with savepoint', t, `job ${stopped.jobId} ${stopped.finalState}; savepoint ${stopped.savepointPath}`);

  t = clock();
  const restored = need(await restoreJob(ctx, { from: { kind: 'savepoint', path: stopped.savepointPath! } }), 'Restore');
  result.restoredJobId = restored.jobId;
  result.restoreVerified = restored.verification.verified;
  record('Restored, all tasks RUNNING', t, `job ${restored.jobId} ${restored.state} — ${restored.webUrl}`);
  if (restored.verification.verified) {
    out(`  ✔ Flink reports job ${restored.jobId} restored from ${restored.verification.flinkRestoredPath} (checkpoint id ${restored.verification.flinkRestoredCheckpointId}, savepoint: ${restored.verification.isSavepoint})`);
  } else {
    out(`  ✘ ${restored.verification.explanation}`);
  }

  t = clock();
  const stoppedAgain = need(await stopJob(ctx, { mode: 'savepoint' }), 'Stop again');
  record('Stopped again', t, `job ${stoppedAgain.jobId} ${stoppedAgain.finalState}; savepoint ${stoppedAgain.savepointPath}`);

  const total = steps.reduce((sum, s) => sum + s.ms, 0);
  out(`Done in ${formatMs(total)}. History: ${ctx.history!.fileFor(ctx.jobFilePath)}`);
  out(result.restoreVerified ? 'Result: the job was restored from its own savepoint, as Flink itself reports.' : 'Result: restore NOT verified.');
  if (!options.cluster) out(`Local Flink ${info.version} keeps running (Web UI ${info.restUrl}); stop it with: npm run local -- stop --flink ${info.line}`);
  return result;
}

/** The repository's demo job file when it is there and valid (what users open), else the embedded copy. */
function demoJob(workspaceRoot: string, line: string): { jobFilePath: string; job: JobSpec; source: string } {
  const fixture = join(workspaceRoot, 'test', 'fixtures', 'demo', 'demo.flink.yaml');
  if (existsSync(fixture)) {
    const loaded = loadJobFile(fixture);
    const spec = loaded.ok ? jobSpecFromJobFile(loaded.value) : undefined;
    if (spec?.ok && spec.value.type === 'sql') {
      // The demo runs on the local cluster it started, whatever line the file names.
      return { jobFilePath: fixture, job: { ...spec.value, flinkVersion: line }, source: fixture };
    }
  }
  return { jobFilePath: join(workspaceRoot, 'demo.flink.yaml'), job: demoJobSpec(line), source: 'embedded demo job (datagen → keyed aggregation → print)' };
}

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'size unknown';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;
}
