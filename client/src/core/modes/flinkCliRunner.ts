// Runs a built `bin/flink` command (spawn with an argument array, never a shell), streams its lines,
// and turns the outcome into a submission or an error that carries Flink's root cause.
import { spawn } from 'node:child_process';
import { FlinkPilotError } from '../errors';
import { displayCommand } from '../local/commandRunner';
import type { FlinkCliCommand } from './deploymentTargets';
import { type FlinkCliSubmission, parseSubmissionOutput, rootCauseOfCliFailure } from './flinkCliOutput';

export interface RunFlinkCliOptions {
  /** Kills the CLI after this long (default 5 minutes: YARN and Kubernetes deployments are slow). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  /** Extra environment, e.g. HADOOP_CONF_DIR or KUBECONFIG. */
  env?: NodeJS.ProcessEnv;
}

export interface FlinkCliRunResult extends FlinkCliSubmission {
  output: string;
  durationMs: number;
}

const OUTPUT_LIMIT_LINES = 4000;
const SECRET_KEY = /(password|secret|token|credential|private[-_.]?key|access[-_.]?key)/i;

/** The command for messages: values of `-D` options that look like secrets are masked. */
export function describeFlinkCommand(command: FlinkCliCommand): string {
  const args = command.args.map((arg) => {
    const match = /^-D([^=]+)=/.exec(arg);
    return match && SECRET_KEY.test(match[1]) ? `-D${match[1]}=******` : arg;
  });
  return displayCommand(command.executable, args);
}

export function runFlinkCli(command: FlinkCliCommand, options: RunFlinkCliOptions = {}): Promise<FlinkCliRunResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const shown = describeFlinkCommand(command);
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let partial = '';
    let timedOut = false;
    const child = spawn(command.executable, command.args, {
      env: { ...process.env, ...options.env, ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > OUTPUT_LIMIT_LINES) lines.splice(0, lines.length - OUTPUT_LIMIT_LINES / 2);
        options.onLine?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new FlinkPilotError(`Could not run the Flink CLI \`${shown}\`: ${error.message}`, {
        cause: error,
        code: error.name === 'AbortError' ? 'cancelled' : 'command-failed',
        hint: 'Check that the Flink installation is complete and that Java is on PATH or JAVA_HOME is set.',
      }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (partial) lines.push(partial);
      const output = lines.join('\n');
      if (code === 0) {
        resolve({ ...parseSubmissionOutput(output), output, durationMs: Date.now() - started });
        return;
      }
      if (timedOut) {
        reject(new FlinkPilotError(`The Flink CLI did not finish within ${Math.round(timeoutMs / 1000)} s (${command.mode}).`, {
          code: 'timeout',
          detail: lines.slice(-20).join('\n'),
          hint: 'Check that the target cluster (or YARN / Kubernetes) is reachable; the job may still have been submitted.',
        }));
        return;
      }
      const cause = rootCauseOfCliFailure(output);
      reject(new FlinkPilotError(`Submitting with \`bin/flink ${command.action} -t ${command.mode}\` failed${signal ? ` (killed by ${signal})` : ` (exit code ${code})`}${cause ? `: ${cause}` : '.'}`, {
        code: 'flink-cli-failed',
        detail: `Command: ${shown}\n${lines.slice(-25).join('\n')}`,
        hint: 'Read the cause above; the full output is in the Flink client log under the installation\'s log/ directory.',
      }));
    });
  });
}
