// "Build Job": the job's Git project built with Maven as a VS Code task (terminal output, cancel
// with the task's stop button, compiler errors in Problems through the `$flink-pilot-build` problem
// matcher). The process is the bundled CLI's `build JOBFILE` as an argument array, never a shell
// line; the Git credential comes from SecretStorage into the child's environment only.
import * as vscode from 'vscode';
import { BUILD_TASK_TYPE, buildTaskInvocation } from '../core/build/buildTask';
import { secretEnvName } from '../core/jobs/clusterDefinitions';
import type { FlinkSecrets } from '../secrets';
import { requireTrust } from '../trust';
import type { JobFileEntry } from '../workspace/flinkWorkspace';
import { pickJobFile, registerCommand, type CommandEnv } from './commandSupport';

interface BuildTaskDefinition extends vscode.TaskDefinition {
  type: typeof BUILD_TASK_TYPE;
  /** Job file path (absolute or relative to the workspace folder). */
  jobFile: string;
  force?: boolean;
}

function hasProject(entry: JobFileEntry): boolean {
  return entry.loaded?.job.type === 'jar' && !!entry.loaded.job.jar.project;
}

async function buildTask(env: CommandEnv, secrets: FlinkSecrets, definition: BuildTaskDefinition, folder: vscode.WorkspaceFolder, entry?: JobFileEntry): Promise<vscode.Task> {
  const secretEnv: Record<string, string> = {};
  const secretName = entry?.loaded?.job.type === 'jar' ? entry.loaded.job.jar.project?.credentials?.secret : undefined;
  if (secretName) {
    const value = await secrets.get(secretName);
    if (value) secretEnv[secretEnvName(secretName)] = value;
  }
  const invocation = buildTaskInvocation({
    jobFilePath: definition.jobFile,
    workspaceRoot: folder.uri.fsPath,
    cliScript: env.context.asAbsolutePath('dist/cli.js'),
    nodeExecutable: process.execPath,
    // In desktop VS Code process.execPath is Electron: run it as plain Node.
    electronRunAsNode: Boolean(process.versions.electron),
    force: definition.force,
    secretEnv,
  });
  const task = new vscode.Task(
    definition,
    folder,
    `build ${entry?.file.name ?? definition.jobFile}`,
    'flink-pilot',
    new vscode.ProcessExecution(invocation.command, invocation.args, { cwd: invocation.cwd, env: invocation.env }),
    ['$flink-pilot-build'],
  );
  task.group = vscode.TaskGroup.Build;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

async function runBuild(env: CommandEnv, secrets: FlinkSecrets, arg: unknown): Promise<void> {
  if (!(await requireTrust('Building a job'))) return;
  const entry = await pickJobFile(env, arg);
  if (!entry) return;
  if (!hasProject(entry)) {
    void vscode.window.showInformationMessage(`"${entry.file.name}" has no Git project to build (jar.project in the job file).`);
    return;
  }
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(entry.file.path)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const task = await buildTask(env, secrets, { type: BUILD_TASK_TYPE, jobFile: entry.file.path }, folder, entry);
  const execution = await vscode.tasks.executeTask(task);
  const ended = await new Promise<number | undefined>((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution === execution) {
        subscription.dispose();
        resolve(event.exitCode);
      }
    });
  });
  env.log.info(`Build of ${entry.file.name} ended with exit code ${ended ?? 'unknown'}`);
  if (ended === 0) {
    const choice = await vscode.window.showInformationMessage(`"${entry.file.name}" built.`, 'Submit Job');
    if (choice) await vscode.commands.executeCommand('flinkPilot.submitJob', vscode.Uri.file(entry.file.path));
  } else if (ended !== undefined) {
    void vscode.window.showErrorMessage(`The build of "${entry.file.name}" failed (exit code ${ended}); problems are in the Problems panel, the output in the terminal.`);
  }
}

export function registerBuildCommands(env: CommandEnv, secrets: FlinkSecrets): vscode.Disposable[] {
  return [
    registerCommand(env, 'flinkPilot.buildJob', 'Build Job', (arg) => runBuild(env, secrets, arg)),
    vscode.tasks.registerTaskProvider(BUILD_TASK_TYPE, {
      provideTasks: async () => {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) return [];
        const entries = env.workspace.jobFiles.filter(hasProject);
        return Promise.all(entries.map((entry) => buildTask(env, secrets, { type: BUILD_TASK_TYPE, jobFile: entry.file.relativePath }, folder, entry)));
      },
      resolveTask: async (task) => {
        const definition = task.definition as BuildTaskDefinition;
        const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        if (!definition.jobFile || !folder) return undefined;
        const entry = env.workspace.jobFiles.find((e) => e.file.relativePath === definition.jobFile || e.file.path === definition.jobFile);
        return buildTask(env, secrets, definition, folder, entry);
      },
    }),
  ];
}
