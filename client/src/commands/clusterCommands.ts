// Cluster commands: add/remove a cluster definition (`.flink/clusters.yaml`, credentials only as a
// SecretStorage reference), set a cluster's secret, start/stop the local Flink.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { CLUSTER_DEFINITIONS_PATH } from '../core/jobs/clusterDefinitions';
import type { FlinkSecrets } from '../secrets';
import { requireTrust } from '../trust';
import { nodeData, registerCommand, reportError, withProgress, type CommandEnv } from './commandSupport';

const NAME_PATTERN = /^[A-Za-z0-9][\w.-]*$/;

function definitionsPath(env: CommandEnv): string | undefined {
  const root = env.workspace.root;
  return root ? join(root, CLUSTER_DEFINITIONS_PATH) : undefined;
}

async function addCluster(env: CommandEnv, secrets: FlinkSecrets): Promise<void> {
  const path = definitionsPath(env);
  if (!path) {
    void vscode.window.showWarningMessage('Open a folder first: clusters are defined in its .flink/clusters.yaml.');
    return;
  }
  const taken = new Set(env.workspace.clusters.map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: 'Add Cluster (1/4)',
    prompt: 'Cluster name, as job files refer to it (`cluster: <name>`)',
    validateInput: (v) => (!NAME_PATTERN.test(v) ? 'Letters, digits, ".", "-" and "_"' : taken.has(v) ? `"${v}" already exists` : undefined),
  });
  if (!name) return;
  const restUrl = await vscode.window.showInputBox({
    title: 'Add Cluster (2/4)',
    prompt: 'JobManager REST address',
    value: 'http://127.0.0.1:8081',
    validateInput: (v) => (/^https?:\/\/[^/\s]+/.test(v) ? undefined : 'An http:// or https:// address'),
  });
  if (!restUrl) return;
  const gatewayUrl = await vscode.window.showInputBox({
    title: 'Add Cluster (3/4)',
    prompt: 'SQL Gateway REST address (needed for SQL jobs; leave empty for jar jobs only)',
    validateInput: (v) => (v === '' || /^https?:\/\/[^/\s]+/.test(v) ? undefined : 'An http:// or https:// address, or empty'),
  });
  if (gatewayUrl === undefined) return;
  const auth = await vscode.window.showQuickPick(
    [
      { label: 'No authentication', type: undefined },
      { label: 'Bearer token', type: 'token' as const },
      { label: 'Basic (user and password)', type: 'basic' as const },
    ],
    { title: 'Add Cluster (4/4)', placeHolder: 'How does the cluster authenticate requests?' },
  );
  if (!auth) return;
  const definition: Record<string, unknown> = { name, restUrl, ...(gatewayUrl ? { gatewayUrl } : {}) };
  if (auth.type) {
    const username = auth.type === 'basic' ? await vscode.window.showInputBox({ prompt: 'User name (stored in the file; not a secret)' }) : undefined;
    if (auth.type === 'basic' && username === undefined) return;
    const secretName = `${name}-${auth.type === 'token' ? 'token' : 'password'}`;
    const value = await vscode.window.showInputBox({ prompt: `${auth.type === 'token' ? 'Token' : 'Password'} (kept in VS Code's SecretStorage as "${secretName}", never in the file)`, password: true });
    if (value === undefined) return;
    await secrets.store(secretName, value);
    definition.auth = { type: auth.type, secret: secretName, ...(username ? { username } : {}) };
  }
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '';
  }
  // Edit the YAML document, so the user's comments and formatting elsewhere stay as written.
  const { parseDocument, isSeq } = await import('yaml');
  const document = parseDocument(text.trim() === '' ? 'clusters: []\n' : text);
  if (!document.has('clusters')) document.set('clusters', document.createNode([]));
  document.addIn(['clusters'], document.createNode(definition));
  const list = document.get('clusters');
  if (isSeq(list)) list.flow = false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, document.toString());
  await env.workspace.reload();
  env.workspace.nudge();
  void vscode.window.showInformationMessage(`Cluster "${name}" added to ${CLUSTER_DEFINITIONS_PATH}.`);
}

async function removeCluster(env: CommandEnv, arg: unknown): Promise<void> {
  const data = nodeData(arg);
  const defined = env.workspace.clusters.filter((c) => c.origin === 'definition');
  const name = data?.kind === 'cluster' ? data.cluster : (await vscode.window.showQuickPick(defined.map((c) => ({ label: c.name, description: c.restUrl })), { placeHolder: 'Remove which cluster definition?' }))?.label;
  if (!name) return;
  const cluster = env.workspace.clusters.find((c) => c.name === name);
  if (cluster?.origin !== 'definition') {
    void vscode.window.showInformationMessage(`"${name}" is a local cluster: stop it with "Flink: Stop Local Flink".`);
    return;
  }
  const path = definitionsPath(env)!;
  const confirm = await vscode.window.showWarningMessage(`Remove cluster "${name}" from ${CLUSTER_DEFINITIONS_PATH}?`, { modal: true }, 'Remove');
  if (confirm !== 'Remove') return;
  const { parseDocument } = await import('yaml');
  const document = parseDocument(readFileSync(path, 'utf8'));
  const list = document.get('clusters') as { items?: { get?: (k: string) => unknown }[] } | undefined;
  const index = list?.items?.findIndex((item) => item.get?.('name') === name) ?? -1;
  if (index < 0) {
    void vscode.window.showWarningMessage(`"${name}" was not found in ${path}.`);
    return;
  }
  document.deleteIn(['clusters', index]);
  writeFileSync(path, document.toString());
  await env.workspace.reload();
}

async function setClusterSecret(env: CommandEnv, secrets: FlinkSecrets, arg: unknown): Promise<void> {
  const data = nodeData(arg);
  const referenced = env.workspace.clusters.flatMap((c) => (c.definition?.auth ? [{ label: c.definition.auth.secret, description: `${c.name} (${c.definition.auth.type})` }] : []));
  let name: string | undefined;
  if (data?.kind === 'cluster') name = env.workspace.clusters.find((c) => c.name === data.cluster)?.definition?.auth?.secret;
  if (!name) {
    const picked = await vscode.window.showQuickPick([...referenced, { label: '$(add) Another secret name…', description: '' }], { placeHolder: 'Which secret?' });
    if (!picked) return;
    name = picked.label.startsWith('$(add)') ? await vscode.window.showInputBox({ prompt: 'Secret name as referenced in .flink/clusters.yaml or a job file' }) : picked.label;
  }
  if (!name) return;
  const value = await vscode.window.showInputBox({ prompt: `Value of "${name}" (kept in VS Code's SecretStorage; empty deletes it)`, password: true });
  if (value === undefined) return;
  if (value === '') await secrets.delete(name);
  else await secrets.store(name, value);
  await env.workspace.reload();
  void vscode.window.showInformationMessage(value === '' ? `Secret "${name}" deleted.` : `Secret "${name}" stored.`);
}

function localVersion(): string {
  return vscode.workspace.getConfiguration('flinkPilot').get<string>('localFlink.version', '2.3');
}

function localCacheDir(): string | undefined {
  return vscode.workspace.getConfiguration('flinkPilot').get<string>('localFlink.cacheDir') || undefined;
}

async function startLocalFlink(env: CommandEnv): Promise<void> {
  if (!(await requireTrust('Starting local Flink'))) return;
  const version = localVersion();
  const local = await import('../core/local');
  const t0 = Date.now();
  try {
    const info = await withProgress(`Starting local Flink ${version}`, true, (progress, signal) =>
      local.startLocalCluster({ version, cacheDir: localCacheDir(), signal, onProgress: (m) => (env.log.info(`[local ${version}] ${m}`), progress(m)) }),
    );
    env.log.info(`Local Flink ${info.version} is up in ${Date.now() - t0} ms: ${info.restUrl} (SQL Gateway ${info.gatewayUrl})`);
    await env.workspace.reload();
    env.workspace.nudge();
    const choice = await vscode.window.showInformationMessage(`Local Flink ${info.version} "${info.name}" is running at ${info.restUrl}.`, 'Open Flink Web UI');
    if (choice) await vscode.env.openExternal(vscode.Uri.parse(info.restUrl));
  } catch (error) {
    await reportError(env, `Starting local Flink ${version} failed`, error, () => startLocalFlink(env));
  }
}

async function stopLocalFlink(env: CommandEnv, arg: unknown): Promise<void> {
  const data = nodeData(arg);
  const locals = env.workspace.clusters.filter((c) => c.origin === 'local');
  const name = data?.kind === 'cluster' ? data.cluster : locals.length === 1 ? locals[0].name : (await vscode.window.showQuickPick(locals.map((c) => ({ label: c.name, description: c.restUrl })), { placeHolder: 'Stop which local cluster?' }))?.label;
  if (!name) {
    if (locals.length === 0) void vscode.window.showInformationMessage('No local Flink is running.');
    return;
  }
  const local = await import('../core/local');
  const stopped = await withProgress(`Stopping local Flink "${name}"`, false, () => local.stopLocalCluster({ name }));
  env.log.info(`Stopped local Flink "${name}": ${stopped.join(', ') || 'nothing was running'}`);
  await env.workspace.reload();
}

export function registerClusterCommands(env: CommandEnv, secrets: FlinkSecrets): vscode.Disposable[] {
  return [
    registerCommand(env, 'flinkPilot.addCluster', 'Add Cluster', () => addCluster(env, secrets)),
    registerCommand(env, 'flinkPilot.removeCluster', 'Remove Cluster', (arg) => removeCluster(env, arg)),
    registerCommand(env, 'flinkPilot.setClusterSecret', 'Set Cluster Secret', (arg) => setClusterSecret(env, secrets, arg)),
    registerCommand(env, 'flinkPilot.startLocalFlink', 'Start Local Flink', () => startLocalFlink(env)),
    registerCommand(env, 'flinkPilot.stopLocalFlink', 'Stop Local Flink', (arg) => stopLocalFlink(env, arg)),
  ];
}
