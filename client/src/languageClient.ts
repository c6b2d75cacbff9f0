// Starts the Flink SQL / job file language server (dist/server.js) over IPC and keeps its settings
// in sync. Loaded lazily by extension.ts, so activation does not pay for vscode-languageclient.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { FLINK_JOB_YAML_LANGUAGE_ID, FLINK_SQL_LANGUAGE_ID, LOCAL_CLUSTERS_NOTIFICATION, type LocalClustersParams, type ServerSettings } from '../../server/src/protocol';

const CLIENT_ID = 'flinkPilot';
const CLIENT_NAME = 'Flink SQL Language Server';

export function serverSettingsFromConfiguration(configuration: vscode.WorkspaceConfiguration): ServerSettings {
  const flinkVersion = configuration.get<string>('flinkVersion');
  return flinkVersion ? { flinkVersion: flinkVersion as ServerSettings['flinkVersion'] } : {};
}

/** Starts the server; the returned client is stopped by the extension's disposal. */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server keeps V8's compiled code of its bundle in the extension's storage (faster next start).
  const env = { FLINK_PILOT_CODE_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.flink.yaml,*.flink.yml,.flink/clusters.yaml,.flink/projects.yaml}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    // `file` and `untitled` only: the server reads referenced files from disk, which virtual
    // file systems would not have.
    documentSelector: [
      { scheme: 'file', language: FLINK_SQL_LANGUAGE_ID },
      { scheme: 'untitled', language: FLINK_SQL_LANGUAGE_ID },
      { scheme: 'file', language: FLINK_JOB_YAML_LANGUAGE_ID },
      { scheme: 'untitled', language: FLINK_JOB_YAML_LANGUAGE_ID },
    ],
    synchronize: {
      configurationSection: 'flinkPilot',
      // Job files and cluster definitions change the context SQL files are checked in.
      fileEvents: watcher,
    },
    initializationOptions: serverSettingsFromConfiguration(vscode.workspace.getConfiguration('flinkPilot')),
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  await client.start();
  return client;
}

/** The part of the workspace model the server needs to hear about. */
export interface LocalClusterSource {
  readonly clusters: readonly { name: string; origin: 'local' | 'definition' }[];
  readonly onDidChange: vscode.Event<void>;
}

/**
 * Tells the server which local clusters run (LOCAL_CLUSTERS_NOTIFICATION), now and after every
 * change of the workspace model, so `cluster: flink-2.3` in a job file is not called unknown.
 */
export function publishLocalClusters(client: LanguageClient, source: LocalClusterSource): vscode.Disposable {
  let last = '';
  const send = () => {
    const names = source.clusters.filter((c) => c.origin === 'local').map((c) => c.name).sort();
    const key = names.join('\n');
    if (key === last) return;
    last = key;
    const params: LocalClustersParams = { names };
    void client.sendNotification(LOCAL_CLUSTERS_NOTIFICATION, params);
  };
  send();
  return source.onDidChange(send);
}
