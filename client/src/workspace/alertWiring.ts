// The alert service of the core (email, webhooks, auto-restart from the job files' `alerts:` and
// `autoRestart:` blocks) running in the editor: secrets from SecretStorage, auto-restart through the
// same job context the commands use, its log in the Flink Pilot output, failed deliveries and
// automatic restarts shown as notifications (job failures themselves are monitorNotifications').
import * as vscode from 'vscode';
import type { CommandEnv } from '../commands/commandSupport';
import { jobContext } from '../commands/commandSupport';
import type { FlinkSecrets } from '../secrets';

export async function startAlerts(env: CommandEnv, secrets: FlinkSecrets): Promise<vscode.Disposable> {
  const { AlertService, restoreThroughJobService } = await import('../core/alerts');
  const { workspace, log } = env;
  const alerts = new AlertService({
    monitor: workspace.monitor,
    resolveSecret: secrets.resolver(),
    restore: restoreThroughJobService(async (request) => {
      const entry = workspace.jobFile(request.jobFilePath);
      if (!entry) return undefined;
      const ctx = await jobContext(env, entry);
      if (!ctx.ok) {
        log.error(`Automatic restart of ${request.jobName}: ${ctx.error.message}`);
        return undefined;
      }
      return ctx.value;
    }),
    log: (level, message) => log[level](message),
  });
  const bind = () => {
    const problems = alerts.setJobs(
      workspace.jobFiles.flatMap((entry) =>
        entry.loaded
          ? [{ jobFilePath: entry.file.path, jobName: entry.loaded.job.name, cluster: entry.file.cluster ?? entry.loaded.job.cluster ?? '', alerts: entry.loaded.job.alerts, autoRestart: entry.loaded.job.autoRestart }]
          : [],
      ),
    );
    for (const [file, list] of problems) for (const problem of list) log.warn(`${vscode.workspace.asRelativePath(file)}: ${problem.path}: ${problem.message}`);
  };
  bind();
  const subscriptions = [
    workspace.onDidChangeJobFiles(bind),
    alerts.onAlert((alert) => {
      if (!alert.topic.startsWith('auto-restart')) return;
      const show = alert.severity === 'error' ? vscode.window.showErrorMessage : alert.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(`${alert.title}. ${alert.summary}`, 'Show Jobs').then((choice) => choice && vscode.commands.executeCommand('flinkPilot.showJobs'));
      workspace.nudge();
    }),
    alerts.onDelivery((delivery) => {
      if (delivery.outcome !== 'failed') return;
      const why = delivery.error ? `${delivery.error.message}${delivery.error.hint ? ` ${delivery.error.hint}` : ''}` : 'unknown error';
      void vscode.window.showWarningMessage(`The alert "${delivery.alert.title}" could not be sent to ${delivery.channel}: ${why}`, 'Open Log').then((choice) => choice && log.show(true));
    }),
  ];
  return {
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      alerts.dispose();
    },
  };
}
