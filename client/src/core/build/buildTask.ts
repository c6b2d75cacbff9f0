// What the extension needs to run a project build as a VS Code task (no `vscode` import here): the
// process to start — the bundled CLI's `build JOBFILE`, an argument array, never a shell — and the
// problem matchers that turn the build's output into Problems entries with file, line and column.
import { FLINK_PILOT_PROBLEM_PATTERN } from './buildProblems';

export interface ProcessInvocation {
  /** Executable (absolute path). */
  command: string;
  /** Each element is one literal argument (ProcessExecution passes them without a shell). */
  args: string[];
  cwd: string;
  /** Added to the inherited environment. */
  env: Record<string, string>;
}

export interface BuildTaskOptions {
  /** The job file whose `jar.project` is built. */
  jobFilePath: string;
  /** Workspace folder: the task's cwd (the CLI finds `.flink/` from there). */
  workspaceRoot: string;
  /** Absolute path of the bundled CLI (`<extension>/dist/cli.js`). */
  cliScript: string;
  /** Node to run it with; in the extension host `process.execPath` (Electron) with `electronRunAsNode`. */
  nodeExecutable: string;
  electronRunAsNode?: boolean;
  force?: boolean;
  /**
   * Secrets the build needs, as `FLINK_PILOT_SECRET_<NAME>` → value, read from SecretStorage just
   * before the task starts. They go only into the child's environment: never into the arguments,
   * the task definition or a log.
   */
  secretEnv?: Record<string, string>;
}

/** `node <cli> build JOBFILE [--force]` in the workspace folder. */
export function buildTaskInvocation(options: BuildTaskOptions): ProcessInvocation {
  return {
    command: options.nodeExecutable,
    args: [options.cliScript, 'build', options.jobFilePath, ...(options.force ? ['--force'] : [])],
    cwd: options.workspaceRoot,
    env: {
      ...(options.electronRunAsNode ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
      NO_COLOR: '1',
      ...options.secretEnv,
    },
  };
}

/** The task type the extension contributes (`contributes.taskDefinitions`). */
export const BUILD_TASK_TYPE = 'flink-pilot-build';

/**
 * `contributes.problemMatchers` entry (name `flink-pilot-build`, use it as `$flink-pilot-build`):
 * matches the `file:line:column: severity: message` lines every build prints at its end (Maven's,
 * javac's and Kotlin's problems alike), so each problem appears once in the Problems view.
 */
export const BUILD_PROBLEM_MATCHER = {
  name: 'flink-pilot-build',
  owner: 'flink-pilot',
  source: 'flink-pilot build',
  fileLocation: 'absolute',
  pattern: {
    regexp: FLINK_PILOT_PROBLEM_PATTERN.source,
    file: 1,
    line: 2,
    column: 3,
    severity: 4,
    message: 5,
  },
} as const;
