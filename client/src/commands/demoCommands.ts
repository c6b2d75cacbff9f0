// "Create the Demo Job": writes the demo SQL job (datagen → keyed aggregation → print, the same job
// `npm run demo` runs) into the workspace as a job file plus its SQL file, targeting local Flink.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { registerCommand, type CommandEnv } from './commandSupport';
import { DEMO_JOB_FILE, DEMO_SQL_FILE, demoJobFileText } from './demoJobText';

async function createDemoJob(env: CommandEnv): Promise<void> {
  const root = env.workspace.root;
  if (!root) {
    void vscode.window.showWarningMessage('Open a folder first: the demo job is written into it.');
    return;
  }
  const jobFile = join(root, DEMO_JOB_FILE);
  if (existsSync(jobFile)) {
    await vscode.window.showTextDocument(vscode.Uri.file(jobFile));
    return;
  }
  const { DEMO_SQL } = await import('../demo');
  const version = vscode.workspace.getConfiguration('flinkPilot').get<string>('localFlink.version', '2.3');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, DEMO_SQL_FILE), DEMO_SQL);
  writeFileSync(jobFile, demoJobFileText(version));
  await env.workspace.reload();
  await vscode.window.showTextDocument(vscode.Uri.file(jobFile));
}

export function registerDemoCommands(env: CommandEnv): vscode.Disposable[] {
  return [registerCommand(env, 'flinkPilot.createDemoJob', 'Create the Demo Job', () => createDemoJob(env))];
}
