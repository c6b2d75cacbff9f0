// Runs a project's build command (Maven, or a Gradle wrapper) as a child process with an argument
// array — never a shell, so `-Dx=a;rm -rf /` is one literal argument — streaming each log line,
// collecting compile problems, and ending the whole process tree on cancellation or timeout.
import { spawn } from 'node:child_process';
import { FlinkPilotError } from '../errors';
import { displayCommand } from '../local/commandRunner';
import { err, ok, type Result } from '../result';
import type { BuildCommand } from './buildCommand';
import { BuildProblemCollector, describeProblem, formatProblem, plainLine, type BuildProblem } from './buildProblems';

export interface RunBuildOptions {
  /** Builds run code from the repository (plugins, tests): only in a trusted workspace. */
  trusted: boolean;
  signal?: AbortSignal;
  timeoutMs: number;
  onLine?: (line: string) => void;
  /** Coarse progress: the Maven module or phase being built. */
  onProgress?: (step: string) => void;
  /** Applied to every line before it leaves this module. */
  scrub?: (text: string) => string;
  /** Rewrites the file of each compile problem (see BuildProblemCollector). */
  mapProblemFile?: (file: string) => string;
}

export interface BuildRun {
  durationMs: number;
  problems: BuildProblem[];
}

/** A failed build, with the compile problems found in its log. */
export class BuildFailedError extends FlinkPilotError {
  readonly problems: BuildProblem[];
  constructor(message: string, problems: BuildProblem[], options: ConstructorParameters<typeof FlinkPilotError>[1]) {
    super(message, options);
    this.name = 'BuildFailedError';
    this.problems = problems;
  }
}

export function untrustedWorkspaceError(what: string): FlinkPilotError {
  return new FlinkPilotError(`${what} is not allowed in an untrusted workspace: a build runs code from the repository (build plugins, wrappers).`, {
    code: 'untrusted-workspace',
    hint: 'Trust the workspace (Workspace Trust) if you trust its job files and projects, then build again.',
  });
}

const KILL_GRACE_MS = 5_000;
const LOG_TAIL_LINES = 30;

export function runBuild(command: BuildCommand, options: RunBuildOptions): Promise<Result<BuildRun, FlinkPilotError>> {
  if (!options.trusted) return Promise.resolve(err(untrustedWorkspaceError('Building a project')));
  if (options.signal?.aborted) return Promise.resolve(err(new FlinkPilotError('The build was cancelled before it started.', { code: 'cancelled' })));
  const scrub = options.scrub ?? ((text: string) => text);
  const shown = scrub(displayCommand(command.command, command.args));
  const started = performance.now();
  const collector = new BuildProblemCollector(options.mapProblemFile);
  const tail: string[] = [];

  return new Promise((resolvePromise) => {
    let settled = false;
    let stopReason: 'cancelled' | 'timeout' | undefined;
    const child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: cancellation ends Maven and every JVM or wrapper it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });

    const killTree = (signal: NodeJS.Signals) => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        if (process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        child.kill(signal);
      }
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (reason: 'cancelled' | 'timeout') => {
      if (stopReason) return;
      stopReason = reason;
      killTree('SIGTERM');
      graceTimer = setTimeout(() => killTree('SIGKILL'), KILL_GRACE_MS);
      graceTimer.unref();
    };
    const timeout = setTimeout(() => stop('timeout'), options.timeoutMs);
    timeout.unref();
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const handleLine = (raw: string) => {
      // Some Maven installations print colour resets even in batch mode; logs and matchers want plain text.
      const line = scrub(plainLine(raw));
      if (line.trim() === '' && raw.trim() !== '') return;
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      collector.add(line);
      options.onLine?.(line);
      const module = /^\[INFO\] Building (.+?)(?: \[\d+\/\d+\])?$/.exec(line) ?? /^> Task (\S+)/.exec(line);
      if (module) options.onProgress?.(`Building ${module[1]}`);
    };
    const lineReader = () => {
      let partial = '';
      return {
        push(chunk: Buffer) {
          const parts = (partial + chunk.toString('utf8')).split(/\r?\n/);
          partial = parts.pop() ?? '';
          for (const part of parts) handleLine(part);
        },
        flush() {
          if (partial) handleLine(partial);
          partial = '';
        },
      };
    };
    const stdout = lineReader();
    const stderr = lineReader();
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    const finish = (result: Result<BuildRun, FlinkPilotError>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolvePromise(result);
    };

    child.on('error', (error) => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      finish(err(new FlinkPilotError(`Could not start the build \`${shown}\`: ${error.message}`, {
        code: missing ? 'build-tool-missing' : 'build-failed',
        hint: missing ? `Install ${command.tool === 'maven' ? 'Maven (mvn) and put it on the PATH' : 'a JDK; the Gradle wrapper needs one'}.` : undefined,
      })));
    });
    child.on('close', (code, signal) => {
      stdout.flush();
      stderr.flush();
      const durationMs = performance.now() - started;
      // One line per problem in `file:line:column: severity: message` form: what the VS Code problem
      // matcher (FLINK_PILOT_PROBLEM_PATTERN) and terminals link, whatever the build tool printed.
      if (!stopReason && collector.problems.length > 0) {
        options.onLine?.(`Compile problems (${collector.problems.length}):`);
        for (const problem of collector.problems) for (const text of formatProblem(problem).split('\n')) options.onLine?.(text);
      }
      if (stopReason === 'cancelled') {
        finish(err(new FlinkPilotError('The build was cancelled.', { code: 'cancelled', detail: tail.slice(-5).join('\n') })));
        return;
      }
      if (stopReason === 'timeout') {
        finish(err(new FlinkPilotError(`The build did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped.`, {
          code: 'build-timeout', detail: tail.join('\n'), hint: 'Raise `timeoutMinutes` of the project, or look at the log for a step that hangs.',
        })));
        return;
      }
      if (code === 0) {
        finish(ok({ durationMs, problems: collector.problems }));
        return;
      }
      const errors = collector.errors;
      const summary = errors.length > 0
        ? `${errors.length} compile error${errors.length === 1 ? '' : 's'}; the first at ${errors[0]!.file}:${errors[0]!.line}:${errors[0]!.column}: ${errors[0]!.message.split('\n')[0]}`
        : `exit ${code ?? signal}`;
      finish(err(new BuildFailedError(`The build failed (${summary}).`, collector.problems, {
        code: errors.length > 0 ? 'compile-error' : 'build-failed',
        detail: errors.length > 0 ? errors.map(describeProblem).join('\n') : `$ ${shown}\n${tail.join('\n')}`,
        hint: errors.length > 0 ? 'Fix the errors and commit; the build uses the committed sources.' : 'Read the build log above for the cause.',
      })));
    });
  });
}
