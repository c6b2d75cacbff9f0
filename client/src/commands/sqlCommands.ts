// SQL commands: compare the working SQL with the deployed version (diff editor), roll back to a
// deployed version from the job history, and deep-check the SQL through the SQL Gateway (planner
// errors as diagnostics where they are).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SqlVersion } from '../core/history/historyTypes';
import { requireTrust } from '../trust';
import { formatTimestamp } from '../views/format';
import type { JobFileEntry } from '../workspace/flinkWorkspace';
import { jobContext, pickJobFile, registerCommand, reportError, withProgress, type CommandEnv } from './commandSupport';
import { diagnosticRange } from './deployDiagnostics';

export const DEPLOYED_SQL_SCHEME = 'flinkpilot-deployed';

/** Read-only documents with a deployed SQL version: `flinkpilot-deployed:/<name>?job=<job file>&version=<n>`. */
class DeployedSqlProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly env: CommandEnv) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const jobFile = query.get('job') ?? '';
    const version = Number(query.get('version'));
    const text = await this.env.workspace.history(jobFile).sqlVersionText(jobFile, version);
    return text ?? `-- Version ${version} of ${basename(jobFile)} is not in the job history.`;
  }
}

function deployedUri(entry: JobFileEntry, version: SqlVersion): vscode.Uri {
  const name = entry.loaded?.sql?.path ? basename(entry.loaded.sql.path) : `${entry.file.name}.sql`;
  return vscode.Uri.from({ scheme: DEPLOYED_SQL_SCHEME, path: `/${name}`, query: new URLSearchParams({ job: entry.file.path, version: String(version.version) }).toString() });
}

async function deployedVersion(env: CommandEnv, entry: JobFileEntry): Promise<SqlVersion | undefined> {
  const history = env.workspace.history(entry.file.path);
  const latest = await history.latestSubmission(entry.file.path);
  const versions = await history.sqlVersions(entry.file.path);
  return latest?.sqlHash ? versions.find((v) => v.sqlHash === latest.sqlHash) : versions.at(-1);
}

async function sqlJobFile(env: CommandEnv, arg: unknown): Promise<JobFileEntry | undefined> {
  const entry = await pickJobFile(env, arg);
  if (entry && entry.file.type !== 'sql') {
    void vscode.window.showInformationMessage(`"${entry.file.name}" is a jar job: it has no SQL to compare or check.`);
    return undefined;
  }
  return entry;
}

async function compareWithDeployed(env: CommandEnv, arg: unknown): Promise<void> {
  const entry = await sqlJobFile(env, arg);
  if (!entry) return;
  const deployed = await deployedVersion(env, entry);
  if (!deployed) {
    void vscode.window.showInformationMessage(`"${entry.file.name}" has not been deployed from this workspace yet: nothing to compare with.`);
    return;
  }
  const current = vscode.Uri.file(entry.loaded?.sql?.path ?? entry.file.path);
  await vscode.commands.executeCommand('vscode.diff', deployedUri(entry, deployed), current, `${basename(current.fsPath)}: deployed (v${deployed.version}, ${formatTimestamp(Date.parse(deployed.lastDeployedAt))}) ↔ working copy`);
}

async function rollback(env: CommandEnv, arg: unknown): Promise<void> {
  const entry = await sqlJobFile(env, arg);
  if (!entry) return;
  const sqlPath = entry.loaded?.sql?.path;
  if (!sqlPath) {
    void vscode.window.showInformationMessage(`"${entry.file.name}" has its SQL inline in the job file: compare with "Compare SQL with Deployed Version" and copy what you need.`);
    return;
  }
  const versions = await env.workspace.history(entry.file.path).sqlVersions(entry.file.path);
  if (versions.length === 0) {
    void vscode.window.showInformationMessage(`"${entry.file.name}" has no deployed SQL version in its history.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    [...versions].reverse().map((v) => ({
      label: `Version ${v.version}`,
      description: `deployed ${formatTimestamp(Date.parse(v.lastDeployedAt))}`,
      detail: `${v.jobIds.length} job${v.jobIds.length === 1 ? '' : 's'}: ${v.jobIds.join(', ')}`,
      version: v,
    })),
    { placeHolder: `Roll ${basename(sqlPath)} back to which deployed version? (newest first)` },
  );
  if (!picked) return;
  const document = await vscode.workspace.openTextDocument(sqlPath);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), picked.version.sqlText);
  // A workspace edit is undoable like typing; the user saves (or undoes) as usual.
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${sqlPath}.`);
  await vscode.window.showTextDocument(document);
  const choice = await vscode.window.showInformationMessage(
    `${basename(sqlPath)} now holds version ${picked.version.version} (not saved yet). Deploy it by saving and submitting, or restore from a savepoint.`,
    'Show Diff',
    'Restore Job…',
  );
  if (choice === 'Show Diff') await vscode.commands.executeCommand('vscode.diff', deployedUri(entry, picked.version), document.uri, `${basename(sqlPath)}: version ${picked.version.version} ↔ working copy`);
  if (choice === 'Restore Job…') await vscode.commands.executeCommand('flinkPilot.restoreJob', vscode.Uri.file(entry.file.path));
}

async function deepCheck(env: CommandEnv, diagnostics: vscode.DiagnosticCollection, arg: unknown): Promise<void> {
  if (!(await requireTrust('Deep-checking SQL on a cluster'))) return;
  const entry = await sqlJobFile(env, arg);
  if (!entry) return;
  // The check reads the saved files.
  await vscode.workspace.saveAll(false);
  await env.workspace.reload();
  const fresh = env.workspace.jobFile(entry.file.path) ?? entry;
  const { deepCheckSql } = await import('../core/jobs/sqlDeepCheck');
  const result = await withProgress(`Deep-checking ${fresh.file.name} on the SQL Gateway`, true, async (progress, signal) => {
    const ctx = await jobContext(env, fresh, progress, signal);
    if (!ctx.ok) return ctx;
    return deepCheckSql(ctx.value);
  });
  if (!result.ok) return reportError(env, `Deep check of ${fresh.file.name} failed`, result.error, () => deepCheck(env, diagnostics, arg));
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const finding of result.value.findings) {
    const diagnostic = new vscode.Diagnostic(diagnosticRange(finding), finding.message, finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Information);
    diagnostic.source = 'Flink SQL Gateway';
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), diagnostic]);
  }
  for (const path of [fresh.file.path, fresh.loaded?.sql?.path].filter((p): p is string => !!p)) diagnostics.delete(vscode.Uri.file(path));
  for (const [file, list] of byFile) diagnostics.set(vscode.Uri.file(file), list);
  const errors = result.value.findings.filter((f) => f.severity === 'error').length;
  const where = result.value.clusterVersion ? ` (Flink ${result.value.clusterVersion})` : '';
  env.log.info(`Deep check of ${fresh.file.name}${where}: ${result.value.checked} statement(s) checked, ${result.value.skipped} skipped, ${errors} error(s)`);
  if (errors === 0) void vscode.window.showInformationMessage(`Deep check of "${fresh.file.name}"${where}: ${result.value.checked} statement(s) planned without errors.`);
  else void vscode.window.showWarningMessage(`Deep check of "${fresh.file.name}"${where}: ${errors} error(s), shown in the Problems panel.`);
}

export function registerSqlCommands(env: CommandEnv): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('flink-deep-check');
  return [
    diagnostics,
    vscode.workspace.registerTextDocumentContentProvider(DEPLOYED_SQL_SCHEME, new DeployedSqlProvider(env)),
    // Stale once the file changes: the next deep check brings them back if still true.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) diagnostics.delete(event.document.uri);
    }),
    registerCommand(env, 'flinkPilot.compareWithDeployed', 'Compare SQL with Deployed Version', (arg) => compareWithDeployed(env, arg)),
    registerCommand(env, 'flinkPilot.rollbackSql', 'Roll Back SQL', (arg) => rollback(env, arg)),
    registerCommand(env, 'flinkPilot.deepCheckSql', 'Deep-Check SQL', (arg) => deepCheck(env, diagnostics, arg)),
  ];
}
