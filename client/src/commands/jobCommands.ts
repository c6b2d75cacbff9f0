// Job commands: submit, stop (savepoint / drain / cancel), trigger savepoint, restore, cancel, open
// the Web UI, show exceptions. All operations go through the deployment core (core/jobs/jobService),
// loaded on first use so activation stays fast.
import * as vscode from 'vscode';
import type { RestoreSource, StopMode } from '../core/jobs/deploymentTypes';
import { requireTrust } from '../trust';
import { formatAge, formatBytes, formatTimestamp } from '../views/format';
import { mergeSnapshotRows, rowsFromHistory, type SnapshotRow } from '../views/savepointTreeModel';
import type { JobFileEntry } from '../workspace/flinkWorkspace';
import { jobContext, nodeData, pickJobFile, registerCommand, reportError, withProgress, type CommandEnv } from './commandSupport';
import { clearDeployDiagnostics, showDeployDiagnostic } from './deployDiagnostics';

const loadJobService = () => import('../core/jobs/jobService');

async function submit(env: CommandEnv, arg: unknown): Promise<void> {
  if (!(await requireTrust('Submitting a job'))) return;
  const entry = await pickJobFile(env, arg);
  if (!entry) return;
  const jobs = await loadJobService();
  clearDeployDiagnostics(entry);
  const result = await withProgress(`Submitting ${entry.file.name}`, true, async (progress, signal) => {
    const ctx = await jobContext(env, entry, progress, signal);
    if (!ctx.ok) return ctx;
    return jobs.submitJob(ctx.value);
  });
  if (!result.ok) {
    showDeployDiagnostic(result.error);
    return reportError(env, `Submitting ${entry.file.name} failed`, result.error, () => submit(env, arg));
  }
  const outcome = result.value;
  env.workspace.monitor.trackJob({ cluster: env.workspace.resolveCluster(entry.loaded?.job.cluster, entry.file.flinkVersion)?.name ?? '', jobId: outcome.jobId, jobFilePath: entry.file.path, name: entry.file.name, expectedRunning: true });
  afterAction(env);
  env.log.info(`Submitted ${entry.file.name}: job ${outcome.jobId} is ${outcome.state} (Flink ${outcome.clusterVersion}) ${outcome.webUrl}`);
  void showJobMessage(`Job "${entry.file.name}" is ${outcome.state} (${outcome.jobId}).`, outcome.webUrl);
}

async function showJobMessage(message: string, webUrl?: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(message, ...(webUrl ? ['Open Flink Web UI'] : []));
  if (choice === 'Open Flink Web UI' && webUrl) await vscode.env.openExternal(vscode.Uri.parse(webUrl));
}

function afterAction(env: CommandEnv): void {
  env.workspace.nudge();
  void env.workspace.reload();
}

/** The job id of a tree row, when the command was invoked on a job row. */
function jobIdOf(arg: unknown): string | undefined {
  const data = nodeData(arg);
  return data?.kind === 'job' || data?.kind === 'snapshot' ? data.jobId : undefined;
}

const STOP_MODES: { mode: StopMode; label: string; detail: string }[] = [
  { mode: 'savepoint', label: '$(save) Stop with savepoint', detail: 'Take a savepoint, then stop. Restore from it later.' },
  { mode: 'drain', label: '$(debug-step-over) Stop with savepoint and drain', detail: 'Emit MAX_WATERMARK first: all event-time windows fire. For a final stop, not an upgrade.' },
  { mode: 'cancel', label: '$(circle-slash) Cancel', detail: 'Stop at once, no savepoint (a retained checkpoint may remain).' },
];

async function stop(env: CommandEnv, arg: unknown, preset?: StopMode): Promise<void> {
  if (!(await requireTrust('Stopping a job'))) return;
  const entry = await pickJobFile(env, arg);
  if (!entry) return;
  let mode = preset;
  if (!mode) {
    const fileDefault = entry.loaded?.job.savepoints?.stopMode ?? 'savepoint';
    const items = [...STOP_MODES].sort((a, b) => Number(b.mode === fileDefault) - Number(a.mode === fileDefault));
    const picked = await vscode.window.showQuickPick(
      items.map((item) => ({ label: item.label, detail: item.detail, description: item.mode === fileDefault ? 'job file default' : undefined, mode: item.mode })),
      { placeHolder: `Stop ${entry.file.name} how?` },
    );
    if (!picked) return;
    mode = picked.mode;
  }
  const jobs = await loadJobService();
  const jobId = jobIdOf(arg);
  const result = await withProgress(`Stopping ${entry.file.name}`, false, async (progress) => {
    const ctx = await jobContext(env, entry, progress);
    if (!ctx.ok) return ctx;
    const cluster = ctx.value.cluster.name;
    if (jobId) env.workspace.monitor.expectStop(cluster, jobId);
    const latest = await ctx.value.history?.latestSubmission(entry.file.path, cluster);
    if (latest) env.workspace.monitor.expectStop(cluster, latest.jobId);
    return jobs.stopJob(ctx.value, { jobId, mode });
  });
  if (!result.ok) return reportError(env, `Stopping ${entry.file.name} failed`, result.error, () => stop(env, arg, mode));
  afterAction(env);
  const outcome = result.value;
  env.log.info(`Stopped ${entry.file.name} (${outcome.jobId}): ${outcome.finalState}${outcome.savepointPath ? `, savepoint ${outcome.savepointPath}` : ''}`);
  if (outcome.savepointPath) {
    const choice = await vscode.window.showInformationMessage(`Job "${entry.file.name}" is ${outcome.finalState}. Savepoint: ${outcome.savepointPath}`, 'Copy Path');
    if (choice === 'Copy Path') await vscode.env.clipboard.writeText(outcome.savepointPath);
  } else {
    void vscode.window.showInformationMessage(`Job "${entry.file.name}" is ${outcome.finalState}.`);
  }
}

async function savepoint(env: CommandEnv, arg: unknown): Promise<void> {
  if (!(await requireTrust('Taking a savepoint'))) return;
  const entry = await pickJobFile(env, arg);
  if (!entry) return;
  const jobs = await loadJobService();
  const result = await withProgress(`Savepoint of ${entry.file.name}`, true, async (progress, signal) => {
    const ctx = await jobContext(env, entry, progress, signal);
    if (!ctx.ok) return ctx;
    return jobs.triggerSavepoint(ctx.value, { jobId: jobIdOf(arg) });
  });
  if (!result.ok) return reportError(env, `Savepoint of ${entry.file.name} failed`, result.error, () => savepoint(env, arg));
  afterAction(env);
  const size = result.value.sizeBytes !== undefined ? ` (${formatBytes(result.value.sizeBytes)})` : '';
  const choice = await vscode.window.showInformationMessage(`Savepoint of "${entry.file.name}" written${size}: ${result.value.path}`, 'Copy Path');
  if (choice === 'Copy Path') await vscode.env.clipboard.writeText(result.value.path);
}

/** Savepoints and retained checkpoints of a job file, newest first: history plus what the cluster reports. */
async function restorePoints(env: CommandEnv, entry: JobFileEntry): Promise<SnapshotRow[]> {
  const history = await env.workspace.history(entry.file.path).snapshots(entry.file.path);
  const known = env.workspace.savepointRows().get(entry.file.path) ?? [];
  return mergeSnapshotRows(rowsFromHistory(history), known);
}

async function restore(env: CommandEnv, arg: unknown): Promise<void> {
  if (!(await requireTrust('Restoring a job'))) return;
  const entry = await pickJobFile(env, arg);
  if (!entry) return;
  const data = nodeData(arg);
  let source: RestoreSource | undefined;
  if (data?.kind === 'snapshot') {
    source = data.snapshotKind === 'savepoint' ? { kind: 'savepoint', path: data.path } : { kind: 'path', path: data.path };
  } else {
    const rows = await restorePoints(env, entry);
    if (rows.length === 0) {
      void vscode.window.showWarningMessage(`"${entry.file.name}" has no savepoint or retained checkpoint yet. Stop it with a savepoint or take one first.`);
      return;
    }
    const now = Date.now();
    const picked = await vscode.window.showQuickPick(
      rows.map((row) => ({
        label: `${row.kind === 'savepoint' ? '$(save)' : '$(history)'} ${row.path.split('/').filter(Boolean).at(-1)}`,
        description: [row.kind, formatAge(row.at, now), row.sizeBytes !== undefined ? formatBytes(row.sizeBytes) : undefined].filter(Boolean).join(' · '),
        detail: `${formatTimestamp(row.at)} · ${row.path}`,
        row,
      })),
      { placeHolder: `Restore ${entry.file.name} from… (newest first)`, matchOnDetail: true },
    );
    if (!picked) return;
    source = picked.row.kind === 'savepoint' ? { kind: 'savepoint', path: picked.row.path } : { kind: 'path', path: picked.row.path };
  }
  const jobs = await loadJobService();
  const result = await withProgress(`Restoring ${entry.file.name}`, true, async (progress, signal) => {
    const ctx = await jobContext(env, entry, progress, signal);
    if (!ctx.ok) return ctx;
    return jobs.restoreJob(ctx.value, { from: source });
  });
  if (!result.ok) return reportError(env, `Restoring ${entry.file.name} failed`, result.error, () => restore(env, arg));
  const outcome = result.value;
  env.workspace.monitor.trackJob({ cluster: env.workspace.resolveCluster(entry.loaded?.job.cluster, entry.file.flinkVersion)?.name ?? '', jobId: outcome.jobId, jobFilePath: entry.file.path, name: entry.file.name, expectedRunning: true });
  afterAction(env);
  const verified = outcome.verification.verified ? 'Flink confirms the restored state' : `restore not confirmed: ${outcome.verification.explanation ?? 'Flink did not report the path'}`;
  env.log.info(`Restored ${entry.file.name} as ${outcome.jobId} from ${outcome.requestedPath} (${verified})`);
  void showJobMessage(`Job "${entry.file.name}" is ${outcome.state}, restored from ${outcome.requestedPath} (${verified}).`, outcome.webUrl);
}

async function cancel(env: CommandEnv, arg: unknown): Promise<void> {
  if (!(await requireTrust('Cancelling a job'))) return;
  const data = nodeData(arg);
  const name = data?.kind === 'job' ? data.name : undefined;
  const confirm = await vscode.window.showWarningMessage(`Cancel ${name ? `"${name}"` : 'the job'} without a savepoint?`, { modal: true, detail: 'Its state is lost unless a retained checkpoint remains.' }, 'Cancel Job');
  if (confirm !== 'Cancel Job') return;
  if (data?.kind === 'job' && !data.jobFilePath) {
    // A job no job file deployed: cancel it directly on its cluster.
    const connection = await env.workspace.connectionByName(data.cluster);
    if (!connection.ok) return reportError(env, 'Cancelling failed', connection.error);
    const { openClusterClients } = await import('../core/jobs/clusterClients');
    const clients = openClusterClients(connection.value);
    try {
      env.workspace.monitor.expectStop(data.cluster, data.jobId);
      const result = await clients.rest.cancelJob(data.jobId);
      if (!result.ok) return reportError(env, `Cancelling ${data.name} failed`, result.error);
    } finally {
      await clients.close();
    }
    afterAction(env);
    return;
  }
  return stop(env, arg, 'cancel');
}

async function openWebUi(env: CommandEnv, arg: unknown): Promise<void> {
  const data = nodeData(arg);
  let url: string | undefined;
  if (data?.kind === 'job') {
    const cluster = env.workspace.clusters.find((c) => c.name === data.cluster);
    if (cluster) url = `${cluster.restUrl.replace(/\/+$/, '')}/#/job/running/${data.jobId}/overview`;
  } else if (data?.kind === 'cluster') {
    url = env.workspace.clusters.find((c) => c.name === data.cluster)?.restUrl;
  } else {
    const clusters = env.workspace.clusters;
    const picked = clusters.length === 1 ? clusters[0] : (await vscode.window.showQuickPick(clusters.map((c) => ({ label: c.name, description: c.restUrl, c })), { placeHolder: 'Open the Web UI of which cluster?' }))?.c;
    url = picked?.restUrl;
  }
  if (!url) {
    if (env.workspace.clusters.length === 0) void vscode.window.showInformationMessage('No cluster is configured or running.');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

async function showExceptions(env: CommandEnv, arg: unknown): Promise<void> {
  const data = nodeData(arg);
  let cluster: string | undefined;
  let jobId: string | undefined;
  let name = 'job';
  if (data?.kind === 'job') {
    ({ cluster, jobId, name } = data);
  } else {
    const entry = await pickJobFile(env, arg);
    if (!entry) return;
    const live = env.workspace.snapshot.clusters.flatMap((c) => c.jobs).filter((j) => j.tracked?.jobFilePath === entry.file.path || j.name === entry.file.name);
    const newest = live.sort((a, b) => b.startTime - a.startTime)[0];
    if (!newest) {
      void vscode.window.showInformationMessage(`No job of "${entry.file.name}" is known on the clusters.`);
      return;
    }
    ({ cluster, jobId, name } = newest);
  }
  const connection = await env.workspace.connectionByName(cluster!);
  if (!connection.ok) return reportError(env, 'Reading exceptions failed', connection.error);
  const jobs = await loadJobService();
  const details = await jobs.getJobDetails(connection.value, jobId!);
  if (!details.ok) return reportError(env, 'Reading exceptions failed', details.error, () => showExceptions(env, arg));
  const entries = details.value.exceptions?.exceptionHistory?.entries ?? [];
  const text = entries.length
    ? entries.map((e) => `# ${formatTimestamp(e.timestamp)} ${e.exceptionName}${e.taskName ? ` in ${e.taskName}` : ''}${e.endpoint ? ` (${e.endpoint})` : ''}\n\n${e.stacktrace}`).join('\n\n')
    : (details.value.exceptions?.['root-exception'] ?? `No exceptions reported for ${name} (${jobId}).`);
  const document = await vscode.workspace.openTextDocument({ content: `Exceptions of ${name} (${jobId}) on ${cluster}\n\n${text}`, language: 'log' });
  await vscode.window.showTextDocument(document, { preview: true });
}

export function registerJobCommands(env: CommandEnv): vscode.Disposable[] {
  return [
    registerCommand(env, 'flinkPilot.submitJob', 'Submit Job', (arg) => submit(env, arg)),
    registerCommand(env, 'flinkPilot.stopJob', 'Stop Job', (arg) => stop(env, arg)),
    registerCommand(env, 'flinkPilot.triggerSavepoint', 'Trigger Savepoint', (arg) => savepoint(env, arg)),
    registerCommand(env, 'flinkPilot.restoreJob', 'Restore Job', (arg) => restore(env, arg)),
    registerCommand(env, 'flinkPilot.cancelJob', 'Cancel Job', (arg) => cancel(env, arg)),
    registerCommand(env, 'flinkPilot.openWebUi', 'Open Flink Web UI', (arg) => openWebUi(env, arg)),
    registerCommand(env, 'flinkPilot.showExceptions', 'Show Exceptions', (arg) => showExceptions(env, arg)),
  ];
}
