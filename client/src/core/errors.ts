// Errors of the deployment core are values with three parts: what happened (for people),
// the underlying cause, and what to do next. Callers (CLI, extension) render them as they see fit.

export interface FlinkPilotErrorOptions {
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** What the user can do about it. */
  hint?: string;
  /** Extra detail shown below the message, e.g. the tail of a log or a command's output. */
  detail?: string;
  /** Stable machine-readable code, e.g. `unknown-version`, `command-failed`, `process-died`. */
  code?: string;
}

export class FlinkPilotError extends Error {
  readonly hint?: string;
  readonly detail?: string;
  readonly code: string;

  constructor(message: string, options: FlinkPilotErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlinkPilotError';
    this.hint = options.hint;
    this.detail = options.detail;
    this.code = options.code ?? 'error';
  }

  /** Message, detail and hint as one text for terminals and notifications. */
  describe(): string {
    return [this.message, this.detail, this.hint && `What to do: ${this.hint}`].filter(Boolean).join('\n');
  }
}

/** Renders any thrown value for a person. */
export function describeError(error: unknown): string {
  if (error instanceof FlinkPilotError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}
