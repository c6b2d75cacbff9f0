// A failed call to a Flink JobManager or SQL Gateway, as a value: which cluster, which call (method
// and path, never credentials or query secrets), the HTTP status, and Flink's own message — the root
// cause line of the server-side stack trace that Flink puts into `errors[]`.
import { FlinkPilotError } from '../errors';

export type FlinkErrorKind =
  /** Connection refused, DNS failure, connection reset: the cluster is not there. */
  | 'unreachable'
  /** No answer within the timeout. */
  | 'timeout'
  /** The TLS handshake failed (certificate not trusted, wrong host name). */
  | 'tls'
  /** Flink answered with an HTTP error status. */
  | 'http'
  /** Flink answered 2xx with a body we could not understand. */
  | 'protocol'
  /** The caller cancelled. */
  | 'aborted';

export interface FlinkErrorInit {
  kind: FlinkErrorKind;
  cluster: string;
  /** e.g. `POST /jobs/3f…/stop`. */
  call: string;
  status?: number;
  /** Root cause line of Flink's server-side exception, e.g. `java.lang.IllegalStateException: …`. */
  flinkMessage?: string;
  /** Every `Caused by:` line of the server-side stack, outermost first (used for SQL positions). */
  causeChain?: readonly string[];
  cause?: unknown;
  hint?: string;
}

export class FlinkError extends FlinkPilotError {
  readonly kind: FlinkErrorKind;
  readonly cluster: string;
  readonly call: string;
  readonly status?: number;
  readonly flinkMessage?: string;
  readonly causeChain: readonly string[];

  constructor(init: FlinkErrorInit) {
    super(flinkErrorMessage(init), {
      cause: init.cause,
      hint: init.hint ?? defaultHint(init),
      code: `flink-${init.kind}`,
      detail: init.causeChain && init.causeChain.length > 1 ? init.causeChain.join('\n  caused by ') : undefined,
    });
    this.name = 'FlinkError';
    this.kind = init.kind;
    this.cluster = init.cluster;
    this.call = init.call;
    this.status = init.status;
    this.flinkMessage = init.flinkMessage;
    this.causeChain = init.causeChain ?? [];
  }
}

function flinkErrorMessage(init: FlinkErrorInit): string {
  const where = `${init.call} on cluster "${init.cluster}"`;
  switch (init.kind) {
    case 'unreachable':
      return `Cluster "${init.cluster}" is unreachable (${init.call}): ${causeText(init.cause)}`;
    case 'timeout':
      return `Cluster "${init.cluster}" did not answer in time (${init.call}).`;
    case 'tls':
      return `TLS handshake with cluster "${init.cluster}" failed (${init.call}): ${causeText(init.cause)}`;
    case 'aborted':
      return `Cancelled: ${where}.`;
    case 'protocol':
      return `Unexpected answer to ${where}: ${init.flinkMessage ?? causeText(init.cause)}`;
    case 'http':
      return `${where} failed with HTTP ${init.status}: ${init.flinkMessage ?? 'no message from Flink'}`;
  }
}

function defaultHint(init: FlinkErrorInit): string | undefined {
  switch (init.kind) {
    case 'unreachable':
      return 'Check that the cluster is running and that its REST / SQL Gateway address in the cluster definition is right.';
    case 'timeout':
      return 'The cluster may be overloaded; try again, or raise the timeout in the cluster definition.';
    case 'tls':
      return 'Give the cluster definition the CA certificate that signed the server certificate (tls.caFile).';
    case 'http':
      if (init.status === 401 || init.status === 403) return 'Check the credentials referenced by the cluster definition.';
      if (init.status === 404) return 'The job or resource does not exist (any more) on this cluster, or the cluster runs another Flink version.';
      return undefined;
    default:
      return undefined;
  }
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} ${cause.message}` : cause.message;
  }
  return cause === undefined ? 'no detail' : String(cause);
}

/** The first line of each exception in a Java stack trace text: the head line and every `Caused by:`. */
export function exceptionChain(stackTrace: string): string[] {
  const chain: string[] = [];
  const lines = stackTrace.replace(/^<Exception on server side:\s*/, '').split(/\r?\n/);
  let collecting: string[] | undefined;
  const flush = () => {
    if (collecting && collecting.length > 0) chain.push(collecting.join(' ').trim());
    collecting = undefined;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (/^\s+at /.test(line) || /^\s*\.\.\. \d+ more/.test(line) || /^\s*Suppressed:/.test(line) || line.startsWith('End of exception on server side')) {
      flush();
      continue;
    }
    if (line.startsWith('Caused by: ')) {
      flush();
      collecting = [line.slice('Caused by: '.length)];
      continue;
    }
    if (chain.length === 0 && collecting === undefined && line.trim() !== '') {
      collecting = [line.trim()];
      continue;
    }
    // Multi-line exception messages (e.g. SQL parse errors) continue until the first `at` frame.
    if (collecting !== undefined && line.trim() !== '') collecting.push(line.trim());
  }
  flush();
  return chain;
}

/**
 * Flink's REST error body is `{"errors": ["message", "<Exception on server side: …stack…>"]}`.
 * Returns the root cause line (the last `Caused by:`) and the whole chain.
 */
export function rootCauseOf(errors: readonly string[]): { rootCause?: string; chain: string[] } {
  const chain: string[] = [];
  for (const entry of errors) {
    if (entry.includes('\n') || entry.startsWith('<Exception on server side')) chain.push(...exceptionChain(entry));
    else if (entry.trim() !== '') chain.push(entry.trim());
  }
  // "Internal server error." says nothing; prefer the deepest informative line.
  const informative = chain.filter((l) => !/^Internal server error\.?$/i.test(l));
  return { rootCause: informative.at(-1) ?? chain.at(-1), chain: informative.length > 0 ? informative : chain };
}
