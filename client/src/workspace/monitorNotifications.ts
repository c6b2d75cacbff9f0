// Monitor events a person should hear about at once, as VS Code notifications: a job failed or
// restarted, checkpoints fail, a cluster was lost or came back, a job was stopped outside the
// editor. (Email and webhooks are the alert rules' job, core/alerts.) Repeats within a minute for
// the same job and kind are dropped, so a restart loop does not flood the window.
import * as vscode from 'vscode';
import type { FlinkWorkspace } from './flinkWorkspace';
import { describeMonitorEvent } from './monitorEventText';

const REPEAT_WINDOW_MS = 60_000;

export function registerMonitorNotifications(workspace: FlinkWorkspace, log: vscode.LogOutputChannel): vscode.Disposable {
  const lastShown = new Map<string, number>();
  return workspace.onMonitorEvent((event) => {
    const message = describeMonitorEvent(event);
    if (!message) return;
    const key = `${event.kind}:${event.cluster}:${'job' in event ? event.job.jobId : ''}`;
    const now = Date.now();
    log[message.level === 'error' ? 'error' : message.level === 'warning' ? 'warn' : 'info'](message.text);
    if (now - (lastShown.get(key) ?? 0) < REPEAT_WINDOW_MS) return;
    lastShown.set(key, now);
    const actions = 'job' in event ? ['Show Jobs', 'Show Exceptions'] : ['Show Clusters'];
    const show = message.level === 'error' ? vscode.window.showErrorMessage : message.level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(message.text, ...actions).then((choice) => {
      if (choice === 'Show Jobs') void vscode.commands.executeCommand('flinkPilot.showJobs');
      if (choice === 'Show Clusters') void vscode.commands.executeCommand('flinkPilot.clusters.focus');
      if (choice === 'Show Exceptions' && 'job' in event) {
        void vscode.commands.executeCommand('flinkPilot.showExceptions', {
          id: `job:${event.cluster}:${event.job.jobId}`,
          data: { kind: 'job', cluster: event.cluster, jobId: event.job.jobId, name: event.job.name, state: event.job.state },
        });
      }
    });
  });
}
