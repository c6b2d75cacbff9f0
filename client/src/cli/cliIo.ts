// Where the CLI writes: results to stdout (text, or one JSON document with --json), progress and
// errors to stderr. Errors are rendered as message, cause and what to do — never with secrets, since
// FlinkPilotError messages never carry them and SecretValue renders as ***.
import { FlinkPilotError } from '../core/errors';

export interface CliIo {
  /** One line of result text (ignored in JSON mode). */
  out(line: string): void;
  /** The JSON document of the result (JSON mode only). */
  json(value: unknown): void;
  /** Progress of a long step, to stderr with the elapsed time (suppressed by --quiet; stdout stays clean for --json). */
  progress(message: string): void;
  /** An error or warning line on stderr. */
  err(line: string): void;
  readonly jsonMode: boolean;
}

export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function createCliIo(streams: CliStreams, options: { json: boolean; quiet: boolean }): CliIo {
  const started = Date.now();
  return {
    jsonMode: options.json,
    out: (line) => {
      if (!options.json) streams.stdout(`${line}\n`);
    },
    json: (value) => {
      if (options.json) streams.stdout(`${JSON.stringify(value, null, 2)}\n`);
    },
    progress: (message) => {
      if (!options.quiet) streams.stderr(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
    },
    err: (line) => streams.stderr(`${line}\n`),
  };
}

function causeText(error: Error): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) return cause.message;
  return undefined;
}

/** Message, detail, cause and hint, for a terminal. */
export function renderError(error: unknown): string {
  if (error instanceof FlinkPilotError) {
    const cause = causeText(error);
    return [
      `Error: ${error.message}`,
      error.detail && error.detail.split('\n').map((line) => `  ${line}`).join('\n'),
      cause && `Cause: ${cause}`,
      error.hint && `What to do: ${error.hint}`,
    ].filter(Boolean).join('\n');
  }
  if (error instanceof Error) return `Error: ${error.message}`;
  return `Error: ${String(error)}`;
}

/** The error as JSON for --json output. */
export function errorToJson(error: unknown): Record<string, unknown> {
  if (error instanceof FlinkPilotError) {
    const extra: Record<string, unknown> = {};
    for (const key of ['cluster', 'call', 'status', 'flinkMessage', 'file', 'line', 'column'] as const) {
      const value = (error as unknown as Record<string, unknown>)[key];
      if (value !== undefined) extra[key] = value;
    }
    return { message: error.message, code: error.code, detail: error.detail, hint: error.hint, cause: causeText(error), ...extra };
  }
  return { message: error instanceof Error ? error.message : String(error), code: 'internal' };
}
