// `flink-pilot submit|savepoint|stop|restore|history JOBFILE`: a job file's lifecycle. Mode `remote`
// (and any cluster with a REST address) goes through the deployment service (REST + SQL Gateway);
// YARN and native Kubernetes submissions run the matching installation's `bin/flink`; mode
// `kubernetes-operator` applies operator manifests with kubectl.
import { join } from 'node:path';
import { FlinkPilotError } from '../../core/errors';
import type { HistoryEntry } from '../../core/history/historyTypes';
import { discoverInstallations } from '../../core/installations';
import type { ClaimModeSetting, RestoreSource, SavepointFormat, StopMode } from '../../core/jobs/deploymentTypes';
import { jobHistory, restoreJob, stopJob, submitJob, triggerSavepoint } from '../../core/jobs/jobService';
import { submitWithFlinkCli } from '../../core/modes/cliModeDeployment';
import type { CliDeploymentMode } from '../../core/modes/deploymentTargets';
import { operatorManifests, runOperatorAction, type OperatorAction } from '../../core/modes/operatorDeployment';
import { manifestsToYaml } from '../../core/modes/operatorManifests';
import type { Result } from '../../core/result';
import { exclusiveFlags, flag, parseCommandArgs, requirePositionals, stringOption, usageError } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { clusterForJob, historyFor, jobBaseDir, jobContextFor, loadCliJob, type LoadedCliJob } from '../cliJobs';
import { ExitCode } from '../exitCodes';

export const SUBMIT_HELP = `Usage: flink-pilot submit JOBFILE [--cluster NAME] [--no-wait] [--json]

Submits the job its file describes. SQL jobs go through the cluster's SQL Gateway (one session with the
job's configuration, DDL in order, all INSERTs as one statement set); jar jobs through /jars/upload and
/jars/:id/run; YARN and native Kubernetes modes run \`bin/flink\` of the installation of the job's Flink
version; mode kubernetes-operator applies a FlinkDeployment/FlinkSessionJob with kubectl.
  --cluster NAME   override the job file's cluster (\`local\` = the running local Flink of the job's version)
  --no-wait        return once Flink accepted the job, without waiting for RUNNING
  --print-manifests  (kubernetes-operator) print the manifests instead of applying them, e.g. for GitOps`;

export const SAVEPOINT_HELP = `Usage: flink-pilot savepoint JOBFILE [--job-id ID] [--dir DIR] [--format canonical|native] [--cluster NAME] [--json]

Triggers a savepoint of the job's running job and records it in the job's history. If the savepoint
fails, the job keeps running and Flink's cause is shown (exit 1).`;

export const STOP_HELP = `Usage: flink-pilot stop JOBFILE [--savepoint | --drain | --cancel] [--job-id ID] [--dir DIR] [--format canonical|native] [--cluster NAME] [--json]

Stops the job: with a savepoint (default: the job file's savepoints.stopMode), with a savepoint after
draining (emits MAX_WATERMARK, ends event-time windows), or cancels it without one.`;

export const RESTORE_HELP = `Usage: flink-pilot restore JOBFILE [--from latest|checkpoint|PATH] [--allow-non-restored-state] [--claim-mode claim|no_claim] [--cluster NAME] [--json]

Starts the job from state and checks with Flink (/jobs/:id/checkpoints → latest.restored) that it really
restored from that point; exit 1 when Flink reports another restore point or none.
  --from latest       the newest savepoint in the job's history (default: the job file's restore.from)
  --from checkpoint   the newest retained checkpoint of the previous run
  --from PATH         a savepoint or retained checkpoint path`;

export const HISTORY_HELP = `Usage: flink-pilot history JOBFILE [--limit N] [--json]

The job's history, oldest first: submissions (Flink version, cluster, job id, SQL hash), savepoints and
checkpoints (path, trigger, size), stops and restores (verified or not).`;

const COMMON = { cluster: { type: 'string', short: 'c' }, 'print-manifests': { type: 'boolean' } } as const;

function unwrap<T>(result: Result<T, FlinkPilotError>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function cliMode(mode: LoadedCliJob['mode']): CliDeploymentMode | undefined {
  return mode === 'remote' || mode === 'kubernetes-operator' ? undefined : mode;
}

async function operator(ctx: CliContext, loaded: LoadedCliJob, action: OperatorAction, printOnly: boolean): Promise<number> {
  if (printOnly) {
    const { documents, warnings } = await operatorManifests({ job: loaded.job, settings: loaded.kubernetes ?? {}, action, baseDir: jobBaseDir(loaded), env: ctx.env, namespace: loaded.kubernetes?.namespace, context: loaded.kubernetes?.context, lookUpDeployedNonce: false });
    for (const warning of warnings) ctx.io.err(`Warning: ${warning}`);
    ctx.io.json({ action: action.kind, documents, warnings });
    ctx.io.out(manifestsToYaml(documents).trimEnd());
    return ExitCode.ok;
  }
  const outcome = await runOperatorAction({
    job: loaded.job,
    settings: loaded.kubernetes ?? {},
    action,
    manifestDir: join(ctx.workspace, '.flink-pilot', 'manifests'),
    baseDir: jobBaseDir(loaded),
    env: ctx.env,
    namespace: loaded.kubernetes?.namespace,
    context: loaded.kubernetes?.context,
  });
  for (const warning of outcome.warnings) ctx.io.err(`Warning: ${warning}`);
  ctx.io.json({ action: action.kind, documents: outcome.documents, warnings: outcome.warnings, ...outcome.apply });
  if (outcome.apply.applied) {
    ctx.io.out(outcome.apply.output.trim());
    return ExitCode.ok;
  }
  ctx.io.out(outcome.apply.message);
  return ExitCode.ok;
}

export async function submitCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('submit', args, { ...COMMON, 'no-wait': { type: 'boolean' } });
  if (parsed.values.help) return help(ctx, SUBMIT_HELP);
  const [jobFile] = requirePositionals('submit', parsed, ['jobfile']);
  const loaded = await loadCliJob(ctx, jobFile, { build: true });
  if (loaded.mode === 'kubernetes-operator') return operator(ctx, loaded, { kind: 'deploy' }, flag(parsed, 'print-manifests'));
  const mode = cliMode(loaded.mode);
  if (mode) return submitThroughCli(ctx, loaded, stringOption(parsed, 'cluster'));
  const cluster = await clusterForJob(ctx, loaded, stringOption(parsed, 'cluster'));
  ctx.io.progress(`Submitting ${loaded.job.type.toUpperCase()} job "${loaded.job.name}" to "${cluster.connection.name}" (${cluster.connection.restUrl})`);
  const outcome = unwrap(await submitJob(jobContextFor(ctx, loaded, cluster), { waitForRunning: !flag(parsed, 'no-wait') }));
  ctx.io.json(outcome);
  ctx.io.out(`Submitted "${outcome.jobName}" to ${cluster.connection.name} (Flink ${outcome.clusterVersion}): job ${outcome.jobId} ${outcome.state}`);
  ctx.io.out(`  Web UI  ${outcome.webUrl}`);
  ctx.io.out(`  Took    ${Math.round(outcome.timings.submitMs)} ms to submit${outcome.timings.runningMs !== undefined ? `, ${Math.round(outcome.timings.runningMs)} ms until all tasks ran` : ''}`);
  return ExitCode.ok;
}

async function submitThroughCli(ctx: CliContext, loaded: LoadedCliJob, clusterOverride: string | undefined, restorePath?: string, restoreOptions: { allowNonRestoredState?: boolean; claimMode?: ClaimModeSetting } = {}): Promise<number> {
  const mode = cliMode(loaded.mode)!;
  ctx.io.progress('Looking for Flink installations');
  const installations = await discoverInstallations({ env: ctx.env });
  const clusterName = clusterOverride ?? loaded.clusterName ?? loaded.kubernetes?.clusterId ?? loaded.yarn?.applicationId ?? mode;
  const outcome = unwrap(await submitWithFlinkCli({
    jobFilePath: loaded.jobFilePath,
    job: loaded.job,
    mode,
    clusterName,
    yarn: loaded.yarn,
    kubernetes: loaded.kubernetes,
    resources: loaded.resources,
    jarUri: loaded.jarUri,
    restore: restorePath ? { path: restorePath, allowNonRestoredState: restoreOptions.allowNonRestoredState ?? loaded.job.restore.allowNonRestoredState, claimMode: restoreOptions.claimMode ?? loaded.job.restore.claimMode } : undefined,
    installations,
    installationName: loaded.installationName,
    history: historyFor(loaded),
    onProgress: ctx.io.progress,
    onLine: (line) => ctx.io.progress(`  flink: ${line}`),
    signal: ctx.signal,
  }));
  ctx.io.json(outcome);
  ctx.io.out(`Submitted "${loaded.job.name}" in mode ${mode} with ${outcome.installation.name} (Flink ${outcome.installation.version})`);
  if (outcome.jobId) ctx.io.out(`  Job id        ${outcome.jobId}`);
  if (outcome.yarnApplicationId) ctx.io.out(`  YARN app      ${outcome.yarnApplicationId}`);
  if (outcome.kubernetesClusterId) ctx.io.out(`  K8s cluster   ${outcome.kubernetesClusterId}`);
  if (outcome.webInterfaceUrl) ctx.io.out(`  Web UI        ${outcome.webInterfaceUrl}`);
  return ExitCode.ok;
}

function formatOption(value: string | undefined): SavepointFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'canonical' || value === 'native') return value;
  throw usageError(`--format must be canonical or native, not "${value}".`);
}

export async function savepointCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('savepoint', args, { ...COMMON, 'job-id': { type: 'string' }, dir: { type: 'string' }, format: { type: 'string' } });
  if (parsed.values.help) return help(ctx, SAVEPOINT_HELP);
  const [jobFile] = requirePositionals('savepoint', parsed, ['jobfile']);
  const format = formatOption(stringOption(parsed, 'format'));
  const loaded = await loadCliJob(ctx, jobFile);
  if (loaded.mode === 'kubernetes-operator') return operator(ctx, loaded, { kind: 'savepoint', path: stringOption(parsed, 'dir'), format }, flag(parsed, 'print-manifests'));
  const cluster = await clusterForJob(ctx, loaded, stringOption(parsed, 'cluster'));
  const outcome = unwrap(await triggerSavepoint(jobContextFor(ctx, loaded, cluster), { jobId: stringOption(parsed, 'job-id'), targetDirectory: stringOption(parsed, 'dir'), format }));
  ctx.io.json(outcome);
  ctx.io.out(`Savepoint of job ${outcome.jobId} (${outcome.formatType}, ${Math.round(outcome.durationMs)} ms${outcome.sizeBytes !== undefined ? `, ${outcome.sizeBytes} bytes` : ''}):`);
  ctx.io.out(`  ${outcome.path}`);
  return ExitCode.ok;
}

export async function stopCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('stop', args, {
    ...COMMON, savepoint: { type: 'boolean' }, drain: { type: 'boolean' }, cancel: { type: 'boolean' },
    'job-id': { type: 'string' }, dir: { type: 'string' }, format: { type: 'string' },
  });
  if (parsed.values.help) return help(ctx, STOP_HELP);
  const [jobFile] = requirePositionals('stop', parsed, ['jobfile']);
  const mode = exclusiveFlags('stop', parsed, ['savepoint', 'drain', 'cancel']) as StopMode | undefined;
  const format = formatOption(stringOption(parsed, 'format'));
  const loaded = await loadCliJob(ctx, jobFile);
  if (loaded.mode === 'kubernetes-operator') {
    if (mode === 'cancel' || mode === 'drain') throw usageError(`stop --${mode} is not available through the operator: it suspends jobs with a savepoint.`, 'Use stop (or stop --savepoint).');
    return operator(ctx, loaded, { kind: 'suspend' }, flag(parsed, 'print-manifests'));
  }
  const cluster = await clusterForJob(ctx, loaded, stringOption(parsed, 'cluster'));
  const outcome = unwrap(await stopJob(jobContextFor(ctx, loaded, cluster), { jobId: stringOption(parsed, 'job-id'), mode, targetDirectory: stringOption(parsed, 'dir'), format }));
  ctx.io.json(outcome);
  ctx.io.out(`Job ${outcome.jobId} is ${outcome.finalState} (${outcome.mode}, ${Math.round(outcome.durationMs)} ms).`);
  if (outcome.savepointPath) ctx.io.out(`  Savepoint  ${outcome.savepointPath}`);
  return ExitCode.ok;
}

function restoreSource(from: string | undefined): RestoreSource | undefined {
  if (from === undefined) return undefined;
  if (from === 'latest' || from === 'latest-savepoint') return { kind: 'latest-savepoint' };
  if (from === 'checkpoint' || from === 'latest-checkpoint') return { kind: 'latest-checkpoint' };
  return { kind: 'path', path: from };
}

export async function restoreCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('restore', args, {
    ...COMMON, from: { type: 'string' }, 'allow-non-restored-state': { type: 'boolean', short: 'n' }, 'claim-mode': { type: 'string' },
  });
  if (parsed.values.help) return help(ctx, RESTORE_HELP);
  const [jobFile] = requirePositionals('restore', parsed, ['jobfile']);
  const claimMode = stringOption(parsed, 'claim-mode');
  if (claimMode !== undefined && !['claim', 'no_claim', 'legacy'].includes(claimMode)) throw usageError(`--claim-mode must be claim or no_claim, not "${claimMode}".`);
  const allowNonRestoredState = flag(parsed, 'allow-non-restored-state') || undefined;
  const loaded = await loadCliJob(ctx, jobFile, { build: true });
  let source = restoreSource(stringOption(parsed, 'from'));
  const history = historyFor(loaded);
  if (loaded.mode === 'kubernetes-operator' || cliMode(loaded.mode)) {
    // Without a REST address the restore point comes from the job's history or the command line.
    source ??= loaded.job.restore.from === 'path' && loaded.job.restore.path ? { kind: 'path', path: loaded.job.restore.path } : { kind: 'latest-savepoint' };
    let path: string | undefined;
    if (source.kind === 'path' || source.kind === 'savepoint') path = source.path;
    else if (source.kind === 'latest-savepoint') path = (await history.latestSavepoint(loaded.jobFilePath))?.path;
    else throw usageError(`restore --from checkpoint needs the cluster's REST API; mode ${loaded.mode} restores from savepoints.`, 'Use --from latest or --from PATH.');
    if (!path) throw new FlinkPilotError(`No savepoint of ${jobFile} in its history to restore from.`, { code: 'no-savepoint', hint: 'Pass --from PATH.' });
    if (loaded.mode === 'kubernetes-operator') return operator(ctx, loaded, { kind: 'restore', savepointPath: path }, flag(parsed, 'print-manifests'));
    return submitThroughCli(ctx, loaded, stringOption(parsed, 'cluster'), path, { allowNonRestoredState, claimMode: claimMode as ClaimModeSetting | undefined });
  }
  const cluster = await clusterForJob(ctx, loaded, stringOption(parsed, 'cluster'));
  const outcome = unwrap(await restoreJob(jobContextFor(ctx, loaded, cluster), { from: source, allowNonRestoredState, claimMode: claimMode as ClaimModeSetting | undefined }));
  ctx.io.json(outcome);
  ctx.io.out(`Restored "${outcome.jobName}" as job ${outcome.jobId} ${outcome.state} from ${outcome.requestedPath}`);
  if (outcome.verification.verified) {
    ctx.io.out(`  Verified: Flink reports the job restored from ${outcome.verification.flinkRestoredPath}${outcome.verification.flinkRestoredCheckpointId !== undefined ? ` (checkpoint ${outcome.verification.flinkRestoredCheckpointId})` : ''}.`);
    ctx.io.out(`  Web UI  ${outcome.webUrl}`);
    return ExitCode.ok;
  }
  ctx.io.err(`NOT VERIFIED: ${outcome.verification.explanation ?? 'Flink does not report the requested restore point.'}`);
  return ExitCode.failed;
}

function describeEntry(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'submission':
      return `${entry.jobType} job ${entry.jobId} "${entry.jobName}" on Flink ${entry.flinkVersion}${entry.sqlHash ? `, SQL ${entry.sqlHash.slice(0, 12)}` : ''}${entry.jarChecksum ? `, jar ${entry.jarChecksum.slice(0, 12)}` : ''}${entry.restoredFrom ? `, from ${entry.restoredFrom}` : ''}`;
    case 'savepoint':
      return `savepoint (${entry.trigger}, ${entry.formatType}) of ${entry.jobId}: ${entry.path}${entry.sizeBytes !== undefined ? ` (${entry.sizeBytes} bytes)` : ''}`;
    case 'checkpoint':
      return `checkpoint ${entry.checkpointId} of ${entry.jobId}: ${entry.path}`;
    case 'stop':
      return `stop (${entry.mode}) of ${entry.jobId} → ${entry.finalState}${entry.savepointPath ? `, savepoint ${entry.savepointPath}` : ''}`;
    case 'restore':
      return `restore of ${entry.jobId} from ${entry.requestedPath}: ${entry.verified ? 'verified by Flink' : `NOT verified${entry.flinkRestoredPath ? ` (Flink reports ${entry.flinkRestoredPath})` : ''}`}`;
    case 'disposal':
      return `disposed savepoint ${entry.path}`;
    case 'build':
      return `build of ${entry.project} at ${entry.commit.slice(0, 12)} (${entry.ref})${entry.reused ? ' reused' : ''}: ${entry.jarPath}${entry.mainClass ? `, main ${entry.mainClass}` : ''}`;
  }
}

export async function historyCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('history', args, { limit: { type: 'string' } });
  if (parsed.values.help) return help(ctx, HISTORY_HELP);
  const [jobFile] = requirePositionals('history', parsed, ['jobfile']);
  const limitText = stringOption(parsed, 'limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw usageError(`--limit must be a positive integer, not "${limitText}".`);
  const loaded = await loadCliJob(ctx, jobFile);
  const view = unwrap(await jobHistory({ jobFilePath: loaded.jobFilePath, history: historyFor(loaded) }));
  const entries = limit ? view.entries.slice(-limit) : view.entries;
  ctx.io.json({ file: view.file, skippedLines: view.skippedLines, entries });
  if (entries.length === 0) ctx.io.out(`No history yet for ${jobFile}.`);
  for (const entry of entries) ctx.io.out(`${entry.at}  ${entry.kind.padEnd(10)} ${entry.cluster.padEnd(12)} ${describeEntry(entry)}`);
  if (view.skippedLines.length) ctx.io.err(`Warning: damaged line(s) ${view.skippedLines.join(', ')} of ${view.file} were skipped (a write was interrupted); every other entry is intact.`);
  return ExitCode.ok;
}

function help(ctx: CliContext, text: string): number {
  ctx.io.out(text);
  return ExitCode.ok;
}
