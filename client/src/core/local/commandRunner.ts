// Runs an external command with an argument array (never through a shell) and, when it fails,
// throws an error that names the command and shows the last lines of its output.
import { spawn } from 'node:child_process';
import { FlinkPilotError } from '../errors';

export interface RunCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What the command is for, e.g. "Installing Flink 2.3.0 from PyPI". */
  purpose: string;
  /** Kills the command after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  /** Lines of output kept for the error message. */
  tailLines?: number;
}

export interface CommandResult {
  output: string;
}

/** Quotes an argument for display only (error messages); never used to run anything. */
export function displayCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const tailLines = options.tailLines ?? 25;
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let partial = '';
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined;
    let timedOut = false;
    if (timer) timer.unref();
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 2000) lines.splice(0, lines.length - 1000);
        options.onLine?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(
        new FlinkPilotError(`${options.purpose} failed: could not run \`${displayCommand(command, args)}\`: ${error.message}`, {
          cause: error,
          code: 'command-failed',
          hint: `Check that \`${command}\` is installed and on PATH.`,
        }),
      );
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (partial) lines.push(partial);
      if (code === 0) {
        resolve({ output: lines.join('\n') });
        return;
      }
      timedOut = signal === 'SIGKILL' && options.timeoutMs !== undefined;
      const how = timedOut ? `timed out after ${options.timeoutMs} ms` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(
        new FlinkPilotError(`${options.purpose} failed: \`${displayCommand(command, args)}\` ${how}.`, {
          code: 'command-failed',
          detail: lines.slice(-tailLines).join('\n'),
        }),
      );
    });
  });
}
