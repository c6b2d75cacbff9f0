// Workspace Trust: language features work everywhere, but anything that runs code or talks to a
// cluster on the workspace's behalf (build, submit, stop, restore, CLI runs, local Flink) needs a
// trusted workspace, because job files and build scripts come from the repository.
import * as vscode from 'vscode';

/** True when the workspace is trusted; otherwise tells the user why the action is disabled. */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(
    `${action} is disabled in Restricted Mode: it runs builds and deploys jobs defined by this workspace. Language features keep working. Trust the workspace to enable it.`,
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** Keeps the `flinkPilot.trusted` context key current for menus and welcome views. */
export function trackTrust(): vscode.Disposable {
  const set = () => void vscode.commands.executeCommand('setContext', 'flinkPilot.trusted', vscode.workspace.isTrusted);
  set();
  return vscode.workspace.onDidGrantWorkspaceTrust(set);
}
