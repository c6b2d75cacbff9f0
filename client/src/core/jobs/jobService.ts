// The deployment operations the CLI and the extension call: submit, savepoint, stop, cancel,
// restore, list, details, history. Each takes the job (a JobSpec from the loaded job file), the
// cluster connection, a progress callback and an AbortSignal, and returns a Result — failures are
// values that say what happened, where, and what to do. History is written only for what really
// happened on the cluster, so a failed savepoint leaves it unchanged.
import { FlinkPilotError } from '../errors';
import type { CheckpointingStatistics, JobDetails, JobExceptions, JobOverview } from '../flink/flinkRestTypes';
import { TERMINAL_JOB_STATES } from '../flink/flinkRestTypes';
import { findWorkspaceRoot, JobHistoryStore, sqlHash, type JobHistoryView } from '../history/jobHistory';
import { checkClusterVersion } from '../installations/clusterVersionCheck';
import { err, ok, type Result } from '../result';
import { jobWebUrl, openClusterClients, waitForTasksRunning, type ClusterClients } from './clusterClients';
import type {
  ClaimModeSetting,
  ClusterConnection,
  DeployResult,
  JobContext,
  RestoreOutcome,
  RestoreSource,
  SavepointFormat,
  SavepointOutcome,
  StopMode,
  StopOutcome,
  SubmitOutcome,
} from './deploymentTypes';
import { programArguments, submitJar } from './jarSubmission';
import { cancel, stopWithSavepoint, takeSavepoint } from './lifecycle';
import { resolveMavenDependencies } from './mavenDependencies';
import { resolveRestorePoint, retainedCheckpointOf, verifyRestore } from './restore';
import { prepareSqlScript, submitSqlScript } from './sqlSubmission';

export * from './deploymentTypes';
export { SqlSubmissionError } from './sqlSubmission';
// jobSpecFromJobFile lives in ./jobSpec (it pulls in the job file validator; deployment does not need it).

const RUNNING_TIMEOUT_MS = 180_000;
const RESTORE_REPORT_TIMEOUT_MS = 60_000;

function historyOf(ctx: Pick<JobContext, 'jobFilePath' | 'history'>): JobHistoryStore {
  return ctx.history ?? new JobHistoryStore({ workspaceRoot: findWorkspaceRoot(ctx.jobFilePath) });
}

function asPilotError(error: unknown, fallback: string): FlinkPilotError {
  if (error instanceof FlinkPilotError) return error;
  return new FlinkPilotError(`${fallback}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, code: 'internal' });
}

/** Runs an operation with the cluster's clients and closes them afterwards; unexpected throws become values. */
async function withClients<T>(connection: ClusterConnection, what: string, body: (clients: ClusterClients) => DeployResult<T>): DeployResult<T> {
  const clients = openClusterClients(connection);
  try {
    return await body(clients);
  } catch (error) {
    return err(asPilotError(error, what));
  } finally {
    await clients.close();
  }
}

export interface SubmitOptions {
  /** Wait until every task runs (default true). */
  waitForRunning?: boolean;
  /** Start from this savepoint/checkpoint. */
  restorePath?: string;
  allowNonRestoredState?: boolean;
  claimMode?: ClaimModeSetting;
  /** Submit even when a job of this file already runs on the cluster (a second copy). */
  allowDuplicate?: boolean;
}

export function submitJob(ctx: JobContext, options: SubmitOptions = {}): DeployResult<SubmitOutcome> {
  return withClients(ctx.cluster, 'Submitting the job failed', async (clients) => {
    // Mistakes in the job's own files are reported first, without a round trip to the cluster.
    const checked = checkJobOffline(ctx);
    if (!checked.ok) return checked;
    if (!options.allowDuplicate) {
      const running = await locateJob(clients, ctx);
      if (running.ok) {
        return err(
          new FlinkPilotError(`Job ${running.value} of ${ctx.jobFilePath} already runs on "${ctx.cluster.name}".`, {
            code: 'already-running',
            hint: 'Stop it first (keeping its state with a savepoint), or submit a second copy on purpose.',
          }),
        );
      }
      // Only "nothing runs" lets the submission go on; an unreachable cluster is reported as such.
      if (running.error.code !== 'no-running-job') return running;
    }
    return submitWith(clients, ctx, options);
  });
}

/** Variables and statement structure (SQL) or program arguments (jar): what can be checked without a cluster. */
export function checkJobOffline(ctx: Pick<JobContext, 'job' | 'jobFilePath'>): Result<void, FlinkPilotError> {
  const { job } = ctx;
  if (job.type === 'sql' && job.sql) {
    const prepared = prepareSqlScript({ sqlText: job.sql.text, sqlFile: job.sql.path ?? ctx.jobFilePath, sqlOrigin: job.sql.origin, variables: job.variables });
    return prepared.ok ? ok(undefined) : prepared;
  }
  if (job.type === 'jar') {
    const args = programArguments(job.jar?.args ?? [], job.variables);
    return args.ok ? ok(undefined) : args;
  }
  return ok(undefined);
}

async function submitWith(clients: ClusterClients, ctx: JobContext, options: SubmitOptions): DeployResult<SubmitOutcome> {
  const { job, cluster } = ctx;
  const progress = ctx.onProgress ?? (() => undefined);
  const started = performance.now();

  progress(`Checking that cluster "${cluster.name}" runs Flink ${job.flinkVersion}`);
  const config = await clients.rest.config({ signal: ctx.signal });
  if (!config.ok) return config;
  const versionCheck = checkClusterVersion(job.flinkVersion, config.value, { clusterName: cluster.name, restUrl: cluster.restUrl });
  if (!versionCheck.ok) return err(versionCheck.error);

  const restore = options.restorePath
    ? { path: options.restorePath, allowNonRestoredState: options.allowNonRestoredState ?? job.restore.allowNonRestoredState, claimMode: options.claimMode ?? job.restore.claimMode }
    : undefined;
  if (restore?.claimMode === 'legacy' && Number(versionCheck.clusterVersion.split('.')[0]) >= 2) {
    return err(new FlinkPilotError(`Claim mode "legacy" was removed in Flink 2.0; cluster "${cluster.name}" runs ${versionCheck.clusterVersion}.`, { code: 'invalid-claim-mode', hint: 'Use claimMode: no_claim (default) or claim.' }));
  }
  const history = historyOf(ctx);

  let jobId: string;
  let record: { sqlText?: string; sqlHash?: string; jarPath?: string; jarChecksum?: string; entryClass?: string; programArgs?: string[]; configuration: Record<string, string> };
  if (job.type === 'sql') {
    if (!job.sql) return err(new FlinkPilotError(`Job "${job.name}" is a SQL job without SQL.`, { code: 'no-sql', hint: 'Set "sql:" in the job file to a .flink.sql file or inline SQL.' }));
    if (!clients.gateway) {
      return err(new FlinkPilotError(`Cluster "${cluster.name}" has no SQL Gateway address, which SQL jobs need.`, { code: 'no-gateway', hint: 'Add the gateway address to the cluster definition.' }));
    }
    const jars = [...job.dependencies.jars];
    if (job.dependencies.maven.length > 0) {
      jars.push(...(await resolveMavenDependencies(job.dependencies.maven, { cacheDir: ctx.dependencyCacheDir, signal: ctx.signal, onProgress: progress })));
    }
    const submitted = await submitSqlScript(
      clients.gateway,
      { jobName: job.name, sqlText: job.sql.text, sqlFile: job.sql.path ?? ctx.jobFilePath, sqlOrigin: job.sql.origin, variables: job.variables, config: job.config, jars, restore },
      { signal: ctx.signal, onProgress: progress },
    );
    if (!submitted.ok) return submitted;
    jobId = submitted.value.jobId;
    record = { sqlText: job.sql.text, sqlHash: sqlHash(job.sql.text), configuration: submitted.value.sessionProperties };
  } else {
    const jarPath = await resolveJarPath(ctx, progress);
    if (!jarPath.ok) return jarPath;
    const submitted = await submitJar(
      clients.rest,
      {
        jarPath: jarPath.value,
        jobName: job.name,
        entryClass: job.jar?.entryClass,
        args: job.jar?.args ?? [],
        variables: job.variables,
        parallelism: job.parallelism,
        config: job.config,
        restore,
        keepUploadedJar: job.keepUploadedJar,
      },
      { signal: ctx.signal, onProgress: progress },
    );
    if (!submitted.ok) return submitted;
    jobId = submitted.value.jobId;
    record = { jarPath: jarPath.value, jarChecksum: submitted.value.jarChecksum, entryClass: job.jar?.entryClass, programArgs: submitted.value.programArgs, configuration: submitted.value.flinkConfiguration };
  }
  const submitMs = performance.now() - started;

  // Recorded before waiting: the job exists on the cluster from here on, whatever happens next.
  await history.append(ctx.jobFilePath, {
    kind: 'submission',
    at: new Date().toISOString(),
    cluster: cluster.name,
    jobId,
    jobName: job.name,
    jobType: job.type,
    flinkVersion: versionCheck.clusterVersion,
    ...record,
    restoredFrom: restore?.path,
  });
  progress(`Submitted job ${jobId}`);

  let state = 'SUBMITTED';
  let runningMs: number | undefined;
  if (options.waitForRunning !== false) {
    progress('Waiting until all tasks are running');
    const running = await waitForTasksRunning(clients.rest, jobId, { timeoutMs: RUNNING_TIMEOUT_MS, signal: ctx.signal });
    if (!running.ok) return running;
    state = running.value.state;
    runningMs = performance.now() - started;
  }
  return ok({ jobId, jobName: job.name, clusterVersion: versionCheck.clusterVersion, state, webUrl: jobWebUrl(cluster, jobId), restoredFrom: restore?.path, timings: { submitMs, runningMs } });
}

async function resolveJarPath(ctx: JobContext, progress: (step: string) => void): Promise<Result<string, FlinkPilotError>> {
  const jar = ctx.job.jar;
  if (jar?.path) return ok(jar.path);
  if (jar?.maven) {
    // Only the artifact itself: a job jar is expected to be shaded.
    const files = await resolveMavenDependencies([{ coordinates: jar.maven, exclusions: ['*:*'] }], { cacheDir: ctx.dependencyCacheDir, signal: ctx.signal, onProgress: progress });
    const artifactId = jar.maven.split(':')[1] ?? '';
    const match = files.find((f) => f.split('/').pop()!.startsWith(`${artifactId}-`)) ?? files[0];
    if (match) return ok(match);
  }
  return err(new FlinkPilotError(`Job "${ctx.job.name}" has no jar to submit.`, { code: 'no-jar', hint: 'Set the jar path or Maven coordinates in the job file, or build the project first.' }));
}

/** The running job deployed from this job file: explicit id, else history, else a running job with the job's name. */
export async function locateJob(clients: ClusterClients, ctx: JobContext, explicitJobId?: string): Promise<Result<string, FlinkPilotError>> {
  if (explicitJobId) return ok(explicitJobId);
  const latest = await historyOf(ctx).latestSubmission(ctx.jobFilePath, ctx.cluster.name);
  if (latest) {
    const status = await clients.rest.jobStatus(latest.jobId, { signal: ctx.signal });
    if (status.ok && !TERMINAL_JOB_STATES.has(status.value)) return ok(latest.jobId);
    if (!status.ok && status.error.kind !== 'http') return status;
  }
  const jobs = await clients.rest.jobsOverview({ signal: ctx.signal });
  if (!jobs.ok) return jobs;
  const byName = jobs.value.filter((j) => j.name === ctx.job.name && !TERMINAL_JOB_STATES.has(j.state));
  if (byName.length === 1) return ok(byName[0]!.jid);
  if (byName.length > 1) {
    return err(new FlinkPilotError(`${byName.length} running jobs on "${ctx.cluster.name}" are named "${ctx.job.name}": ${byName.map((j) => j.jid).join(', ')}.`, { code: 'ambiguous-job', hint: 'Name the job id explicitly (--job-id).' }));
  }
  return err(new FlinkPilotError(`No running job of ${ctx.jobFilePath} on cluster "${ctx.cluster.name}".`, { code: 'no-running-job', hint: 'Submit or restore it first; "jobs" lists what runs on the cluster.' }));
}

export interface SavepointOptions {
  jobId?: string;
  targetDirectory?: string;
  format?: SavepointFormat;
}

export function triggerSavepoint(ctx: JobContext, options: SavepointOptions = {}): DeployResult<SavepointOutcome> {
  return withClients(ctx.cluster, 'Taking a savepoint failed', async (clients) => {
    const located = await locateJob(clients, ctx, options.jobId);
    if (!located.ok) return located;
    const jobId = located.value;
    ctx.onProgress?.(`Triggering a savepoint of job ${jobId}`);
    const savepoint = await takeSavepoint(clients.rest, jobId, {
      targetDirectory: options.targetDirectory ?? ctx.job.savepoints.directory,
      format: options.format ?? ctx.job.savepoints.format,
      timeoutMs: ctx.job.savepoints.timeoutMs,
      signal: ctx.signal,
    });
    if (!savepoint.ok) return savepoint;
    await historyOf(ctx).append(ctx.jobFilePath, {
      kind: 'savepoint',
      at: new Date().toISOString(),
      cluster: ctx.cluster.name,
      jobId,
      path: savepoint.value.path,
      trigger: 'manual',
      formatType: savepoint.value.formatType,
      sizeBytes: savepoint.value.sizeBytes,
      durationMs: Math.round(savepoint.value.durationMs),
    });
    ctx.onProgress?.(`Savepoint written to ${savepoint.value.path}`);
    return ok({ jobId, path: savepoint.value.path, formatType: savepoint.value.formatType, durationMs: savepoint.value.durationMs, sizeBytes: savepoint.value.sizeBytes });
  });
}

export interface StopOptions {
  jobId?: string;
  mode?: StopMode;
  targetDirectory?: string;
  format?: SavepointFormat;
}

export function stopJob(ctx: JobContext, options: StopOptions = {}): DeployResult<StopOutcome> {
  return withClients<StopOutcome>(ctx.cluster, 'Stopping the job failed', async (clients) => {
    const located = await locateJob(clients, ctx, options.jobId);
    if (!located.ok) return located;
    const jobId = located.value;
    const mode = options.mode ?? ctx.job.savepoints.stopMode;
    const history = historyOf(ctx);
    const started = performance.now();
    if (mode === 'cancel') {
      ctx.onProgress?.(`Cancelling job ${jobId}`);
      const state = await cancel(clients.rest, jobId, { timeoutMs: ctx.job.savepoints.timeoutMs, signal: ctx.signal });
      if (!state.ok) return state;
      const at = new Date().toISOString();
      // A checkpoint retained on cancel is a restore point: keep it in the history.
      const checkpoint = await retainedCheckpointOf(clients.rest, jobId, ctx.signal);
      if (checkpoint) {
        await history.append(ctx.jobFilePath, { kind: 'checkpoint', at, cluster: ctx.cluster.name, jobId, path: checkpoint.path, checkpointId: checkpoint.checkpointId, trigger: 'periodic', sizeBytes: checkpoint.sizeBytes });
      }
      await history.append(ctx.jobFilePath, { kind: 'stop', at, cluster: ctx.cluster.name, jobId, mode, finalState: state.value });
      return ok({ jobId, mode, finalState: state.value, durationMs: performance.now() - started });
    }
    ctx.onProgress?.(`Stopping job ${jobId} with a savepoint${mode === 'drain' ? ' (drain)' : ''}`);
    const stopped = await stopWithSavepoint(clients.rest, jobId, {
      drain: mode === 'drain',
      targetDirectory: options.targetDirectory ?? ctx.job.savepoints.directory,
      format: options.format ?? ctx.job.savepoints.format,
      timeoutMs: ctx.job.savepoints.timeoutMs,
      signal: ctx.signal,
    });
    if (!stopped.ok) return stopped;
    const at = new Date().toISOString();
    await history.append(ctx.jobFilePath, {
      kind: 'savepoint',
      at,
      cluster: ctx.cluster.name,
      jobId,
      path: stopped.value.path,
      trigger: mode === 'drain' ? 'stop-drain' : 'stop',
      formatType: stopped.value.formatType,
      sizeBytes: stopped.value.sizeBytes,
      durationMs: Math.round(stopped.value.durationMs),
    });
    await history.append(ctx.jobFilePath, { kind: 'stop', at, cluster: ctx.cluster.name, jobId, mode, savepointPath: stopped.value.path, finalState: stopped.value.finalState });
    ctx.onProgress?.(`Job ${jobId} is ${stopped.value.finalState}; savepoint ${stopped.value.path}`);
    return ok({ jobId, mode, finalState: stopped.value.finalState, savepointPath: stopped.value.path, durationMs: performance.now() - started, flinkSavepointMs: stopped.value.flinkDurationMs });
  });
}

export function cancelJob(ctx: JobContext, options: { jobId?: string } = {}): DeployResult<StopOutcome> {
  return stopJob(ctx, { jobId: options.jobId, mode: 'cancel' });
}

export interface RestoreOptions {
  from?: RestoreSource;
  allowNonRestoredState?: boolean;
  claimMode?: ClaimModeSetting;
}

/** The restore source the job file asks for. */
export function restoreSourceOf(ctx: JobContext): RestoreSource {
  const restore = ctx.job.restore;
  if (restore.from === 'path' && restore.path) return { kind: 'path', path: restore.path };
  if (restore.from === 'latest-checkpoint') return { kind: 'latest-checkpoint' };
  return { kind: 'latest-savepoint' };
}

export function restoreJob(ctx: JobContext, options: RestoreOptions = {}): DeployResult<RestoreOutcome> {
  return withClients(ctx.cluster, 'Restoring the job failed', async (clients) => {
    const source = options.from ?? restoreSourceOf(ctx);
    const running = await locateJob(clients, ctx);
    if (running.ok) {
      return err(new FlinkPilotError(`Job ${running.value} of ${ctx.jobFilePath} is still running on "${ctx.cluster.name}"; restoring now would run it twice.`, { code: 'already-running', hint: 'Stop it first (stop --savepoint), then restore.' }));
    }
    if (running.error.code !== 'no-running-job') return running;

    const checked = checkJobOffline(ctx);
    if (!checked.ok) return checked;
    ctx.onProgress?.(`Finding the restore point (${source.kind})`);
    const checkpointDir = await checkpointDirectory(clients, ctx);
    const point = await resolveRestorePoint(source, { rest: clients.rest, history: historyOf(ctx), jobFilePath: ctx.jobFilePath, clusterName: ctx.cluster.name, checkpointDir, signal: ctx.signal });
    if (!point.ok) return point;
    ctx.onProgress?.(`Restoring from ${point.value.path}`);

    const submitted = await submitWith(clients, ctx, { restorePath: point.value.path, allowNonRestoredState: options.allowNonRestoredState, claimMode: options.claimMode });
    if (!submitted.ok) return submitted;
    ctx.onProgress?.('Checking what Flink restored the job from');
    const verification = await verifyRestore(clients.rest, submitted.value.jobId, point.value.path, { timeoutMs: RESTORE_REPORT_TIMEOUT_MS, signal: ctx.signal });
    await historyOf(ctx).append(ctx.jobFilePath, {
      kind: 'restore',
      at: new Date().toISOString(),
      cluster: ctx.cluster.name,
      fromJobId: point.value.fromJobId,
      jobId: submitted.value.jobId,
      source: source.kind === 'latest-checkpoint' ? 'checkpoint' : source.kind === 'path' ? 'path' : 'savepoint',
      requestedPath: point.value.path,
      verified: verification.verified,
      flinkRestoredPath: verification.flinkRestoredPath,
      flinkRestoredCheckpointId: verification.flinkRestoredCheckpointId,
    });
    ctx.onProgress?.(verification.verified ? `Flink reports the job restored from ${verification.flinkRestoredPath}` : `NOT restored as requested: ${verification.explanation}`);
    return ok({ ...submitted.value, source: source.kind, requestedPath: point.value.path, verification });
  });
}

/** The job's checkpoint directory: its own config, else the cluster's. */
async function checkpointDirectory(clients: ClusterClients, ctx: JobContext): Promise<string | undefined> {
  const own = ctx.job.config['execution.checkpointing.dir'] ?? ctx.job.config['state.checkpoints.dir'];
  if (own) return own;
  const config = await clients.rest.jobManagerConfig({ signal: ctx.signal });
  if (!config.ok) return undefined;
  return config.value.find((e) => e.key === 'execution.checkpointing.dir' || e.key === 'state.checkpoints.dir')?.value;
}

export function listJobs(cluster: ClusterConnection, options: { signal?: AbortSignal } = {}): DeployResult<JobOverview[]> {
  return withClients(cluster, 'Listing jobs failed', async (clients) => {
    const jobs = await clients.rest.jobsOverview({ signal: options.signal });
    if (!jobs.ok) return jobs;
    return ok([...jobs.value].sort((a, b) => b['start-time'] - a['start-time']));
  });
}

export interface JobDetailsView {
  details: JobDetails;
  checkpoints?: CheckpointingStatistics;
  exceptions?: JobExceptions;
  webUrl: string;
}

export function getJobDetails(cluster: ClusterConnection, jobId: string, options: { signal?: AbortSignal } = {}): DeployResult<JobDetailsView> {
  return withClients(cluster, 'Reading job details failed', async (clients) => {
    const [details, checkpoints, exceptions] = await Promise.all([
      clients.rest.jobDetails(jobId, options),
      clients.rest.checkpoints(jobId, options),
      clients.rest.jobExceptions(jobId, { ...options, maxExceptions: 10 }),
    ]);
    if (!details.ok) return details;
    return ok({ details: details.value, checkpoints: checkpoints.ok ? checkpoints.value : undefined, exceptions: exceptions.ok ? exceptions.value : undefined, webUrl: jobWebUrl(cluster, jobId) });
  });
}

export async function jobHistory(ctx: Pick<JobContext, 'jobFilePath' | 'history'>): DeployResult<JobHistoryView> {
  try {
    return ok(await historyOf(ctx).read(ctx.jobFilePath));
  } catch (error) {
    return err(asPilotError(error, `Reading the history of ${ctx.jobFilePath} failed`));
  }
}
