// "Dispose Savepoint" on a Savepoints row: Flink deletes the savepoint's files (POST
// /savepoint-disposal on the job's cluster, so it works for any state backend and file system the
// cluster can reach). The job history keeps the savepoint's entry (it records what happened) and
// gains a `disposal` entry, which takes the savepoint out of the view and the restore choices.
import * as vscode from 'vscode';
import { FlinkPilotError } from '../core/errors';
import { nodeData, registerCommand, reportError, withProgress, type CommandEnv } from './commandSupport';

const POLL_MS = 500;
const TIMEOUT_MS = 120_000;

async function dispose(env: CommandEnv, arg: unknown): Promise<void> {
  const data = nodeData(arg);
  if (data?.kind !== 'snapshot' || data.snapshotKind !== 'savepoint') return;
  const confirm = await vscode.window.showWarningMessage(
    `Dispose savepoint ${data.path}?`,
    { modal: true, detail: 'Flink deletes its files. A job cannot be restored from it afterwards.' },
    'Dispose',
  );
  if (confirm !== 'Dispose') return;
  const connection = await env.workspace.connectionByName(data.cluster);
  if (!connection.ok) return reportError(env, 'Disposing the savepoint failed', connection.error);
  const { openClusterClients } = await import('../core/jobs/clusterClients');
  const clients = openClusterClients(connection.value);
  try {
    const outcome = await withProgress(`Disposing ${data.path.split('/').at(-1)}`, true, async (_progress, signal) => {
      const trigger = await clients.rest.disposeSavepoint(data.path, { signal });
      if (!trigger.ok) return trigger.error;
      const deadline = Date.now() + TIMEOUT_MS;
      while (Date.now() < deadline) {
        const status = await clients.rest.savepointDisposalStatus(trigger.value, { signal });
        if (!status.ok) return status.error;
        if (status.value.status.id === 'COMPLETED') {
          const cause = status.value.operation?.['failure-cause'];
          return cause ? new FlinkPilotError(`Flink could not dispose ${data.path}: ${(cause['stack-trace'] ?? cause.class ?? 'unknown cause').split('\n')[0]}`, { code: 'dispose-failed' }) : undefined;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      return new FlinkPilotError(`Disposing ${data.path} did not finish within ${TIMEOUT_MS / 1000} s.`, { code: 'timeout', hint: 'Check the JobManager log.' });
    });
    if (outcome) return reportError(env, 'Disposing the savepoint failed', outcome, () => dispose(env, arg));
    env.log.info(`Disposed savepoint ${data.path} on ${data.cluster}`);
    // The history records it: the savepoint leaves the view and the restore choices.
    if (data.jobFilePath) {
      try {
        await env.workspace.history(data.jobFilePath).append(data.jobFilePath, { kind: 'disposal', at: new Date().toISOString(), cluster: data.cluster, path: data.path });
      } catch (error) {
        env.log.warn(`Disposed ${data.path}, but could not record it in the job history: ${String(error)}`);
      }
    }
    void vscode.window.showInformationMessage(`Savepoint ${data.path} disposed.`);
    await env.workspace.reload();
  } finally {
    await clients.close();
  }
}

export function registerSavepointCommands(env: CommandEnv): vscode.Disposable[] {
  return [registerCommand(env, 'flinkPilot.disposeSavepoint', 'Dispose Savepoint', (arg) => dispose(env, arg))];
}
