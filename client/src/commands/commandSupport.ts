// What every command family shares: long work under a cancellable progress notification, failures
// as notifications with "Open log" and "Retry", and finding the job file a command is about (from a
// tree row, an explorer/editor URI, or the active editor — a job file or a SQL file it references).
import * as vscode from 'vscode';
import { describeError, FlinkPilotError } from '../core/errors';
import type { ClusterConnection, JobContext } from '../core/jobs/deploymentTypes';
import { jobSpecFromJobFile } from '../core/jobs/jobSpec';
import { err, ok, type Result } from '../core/result';
import type { NodeData, TreeNode } from '../views/treeNode';
import type { FlinkWorkspace, JobFileEntry } from '../workspace/flinkWorkspace';
import type { CommandRegistry } from './commandRegistry';

export interface CommandEnv {
  workspace: FlinkWorkspace;
  log: vscode.LogOutputChannel;
  context: vscode.ExtensionContext;
  commands: CommandRegistry;
}

export type Progress = (step: string) => void;

/** Runs `work` under a progress notification; the signal aborts when the user cancels. */
export function withProgress<T>(title: string, cancellable: boolean, work: (progress: Progress, signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, async (progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort(new Error(`${title}: cancelled`)));
    try {
      return await work((step) => progress.report({ message: step }), abort.signal);
    } finally {
      subscription.dispose();
    }
  });
}

/** Logs the whole error and shows its message with "Open log" (and "Retry" when given). */
export async function reportError(env: CommandEnv, what: string, error: unknown, retry?: () => unknown): Promise<void> {
  const text = describeError(error);
  env.log.error(`${what}: ${text}`);
  if (error instanceof Error && error.cause) env.log.debug(`cause: ${describeError(error.cause)}`);
  const message = error instanceof FlinkPilotError ? [error.message, error.hint].filter(Boolean).join(' ') : text;
  const actions = ['Open Log', ...(retry ? ['Retry'] : [])];
  const choice = await vscode.window.showErrorMessage(`${what}: ${message}`, ...actions);
  if (choice === 'Open Log') env.log.show(true);
  if (choice === 'Retry' && retry) await retry();
}

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'data' in value && 'id' in value;
}

export function nodeData(arg: unknown): NodeData | undefined {
  return isTreeNode(arg) ? arg.data : undefined;
}

/** The job file a command was invoked on. Asks with a quick pick when it cannot tell. */
export async function pickJobFile(env: CommandEnv, arg: unknown): Promise<JobFileEntry | undefined> {
  const data = nodeData(arg);
  let path: string | undefined;
  if (data && 'jobFilePath' in data && data.jobFilePath) path = data.jobFilePath;
  else if (arg instanceof vscode.Uri) path = arg.fsPath;
  else if (vscode.window.activeTextEditor) path = vscode.window.activeTextEditor.document.uri.fsPath;
  await env.workspace.reload();
  const entries = env.workspace.jobFiles;
  if (path) {
    const direct = env.workspace.jobFile(path);
    if (direct) return direct;
    // A SQL file: the job file(s) that use it.
    const users = entries.filter((entry) => entry.loaded?.sql?.path === path);
    if (users.length === 1) return users[0];
    if (users.length > 1) return quickPickJobFile(users, 'Several job files use this SQL file: which one?');
  }
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('This workspace has no job files (*.flink.yaml). Create one, or run "Flink: Create the Demo Job".');
    return undefined;
  }
  if (entries.length === 1) return entries[0];
  return quickPickJobFile(entries, 'Which job?');
}

async function quickPickJobFile(entries: readonly JobFileEntry[], placeHolder: string): Promise<JobFileEntry | undefined> {
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: entry.file.name, description: entry.file.relativePath, detail: entry.file.problem, entry })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.entry;
}

/** Everything the core's job operations need for one job file, or why it cannot be had. */
export async function jobContext(env: CommandEnv, entry: JobFileEntry, progress?: Progress, signal?: AbortSignal): Promise<Result<JobContext, FlinkPilotError>> {
  if (!entry.loaded) return err(entry.error ?? new FlinkPilotError(`${entry.file.relativePath} cannot be loaded.`));
  const spec = jobSpecFromJobFile(entry.loaded);
  if (!spec.ok) return spec;
  const cluster = env.workspace.resolveCluster(entry.loaded.job.cluster, entry.loaded.job.flinkVersion);
  if (!cluster) {
    const name = entry.loaded.job.cluster;
    return err(
      new FlinkPilotError(name ? `Cluster "${name}" of ${entry.file.relativePath} is not defined and no matching local Flink is running.` : `${entry.file.relativePath} names no cluster.`, {
        code: 'cluster-not-found',
        hint: name === 'local' || name?.startsWith('local-') ? 'Run "Flink: Start Local Flink".' : 'Add the cluster with "Flink: Add Cluster", or set `cluster:` in the job file.',
      }),
    );
  }
  const connection: Result<ClusterConnection, FlinkPilotError> = await env.workspace.connection(cluster);
  if (!connection.ok) return connection;
  return ok({
    jobFilePath: entry.file.path,
    job: spec.value,
    cluster: connection.value,
    history: env.workspace.history(entry.file.path),
    onProgress: (step) => {
      env.log.info(`[${entry.file.name}] ${step}`);
      progress?.(step);
    },
    signal,
  });
}

/**
 * Registers a command handler (dispatched from the stub extension.ts registered at activation);
 * failures are reported with "Open log" and "Retry" instead of VS Code's generic toast.
 */
export function registerCommand(env: CommandEnv, id: string, title: string, handler: (...args: unknown[]) => Promise<unknown>): vscode.Disposable {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (error) {
      await reportError(env, title, error, () => run(...args));
      return undefined;
    }
  };
  return env.commands.set(id, run);
}
