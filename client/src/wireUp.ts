// Everything behind activation, loaded lazily by extension.ts: the workspace model and its
// monitor, the views, the status bar item, the command families and the notifications for
// monitor events. Each piece is disposed with the extension.
import * as vscode from 'vscode';
import type { CommandRegistry } from './commands/commandRegistry';
import type { CommandEnv } from './commands/commandSupport';
import { registerBuildCommands } from './commands/buildCommands';
import { registerClusterCommands } from './commands/clusterCommands';
import { registerDemoCommands } from './commands/demoCommands';
import { deployDiagnostics } from './commands/deployDiagnostics';
import { registerJobCommands } from './commands/jobCommands';
import { registerSavepointCommands } from './commands/savepointCommands';
import { registerSqlCommands } from './commands/sqlCommands';
import { FlinkSecrets } from './secrets';
import { HealthStatusItem } from './statusBar/healthStatusItem';
import { trackTrust } from './trust';
import { JobCodeLensProvider } from './views/jobCodeLens';
import { registerViews } from './views/registerViews';
import { registerJobDetail } from './webviews/jobDetailPanel';
import { startAlerts } from './workspace/alertWiring';
import { FlinkWorkspace } from './workspace/flinkWorkspace';
import { registerMonitorNotifications } from './workspace/monitorNotifications';

export async function wireUp(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, commands: CommandRegistry): Promise<FlinkWorkspace> {
  const secrets = new FlinkSecrets(context.secrets);
  const workspace = new FlinkWorkspace(secrets, log);
  const env: CommandEnv = { workspace, log, context, commands };
  const codeLens = new JobCodeLensProvider(workspace);
  context.subscriptions.push(
    secrets,
    workspace,
    trackTrust(),
    deployDiagnostics(),
    registerViews(env),
    new HealthStatusItem(workspace),
    registerMonitorNotifications(workspace, log),
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', language: 'flink-job-yaml' },
        { scheme: 'file', language: 'flinksql' },
      ],
      codeLens,
    ),
    codeLens,
    ...registerJobCommands(env),
    ...registerClusterCommands(env, secrets),
    ...registerDemoCommands(env),
    ...registerSqlCommands(env),
    ...registerSavepointCommands(env),
    ...registerBuildCommands(env, secrets),
    ...registerJobDetail(env),
  );
  await workspace.start();
  context.subscriptions.push(await startAlerts(env, secrets));
  log.info(`Flink Pilot ready: ${workspace.jobFiles.length} job file(s), ${workspace.clusters.length} cluster(s)`);
  return workspace;
}
