// One HTTP endpoint of a Flink cluster (JobManager REST or SQL Gateway) on undici: per-call timeouts,
// retries only for idempotent GETs, TLS verified by default (an extra CA may be given), auth headers
// from a secret that never reaches logs or error messages, and every failure turned into a FlinkError.
import { inspect } from 'node:util';
import { Agent, request, type Dispatcher, type FormData } from 'undici';
import { err, ok, type Result } from '../result';
import { FlinkError, rootCauseOf } from './flinkError';

/** A credential that renders as `***` in logs, JSON and `util.inspect`. */
export class SecretValue {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '***';
  }
  toJSON(): string {
    return '***';
  }
  [inspect.custom](): string {
    return 'SecretValue(***)';
  }
}

export type EndpointAuth =
  | { readonly kind: 'bearer'; readonly token: SecretValue }
  | { readonly kind: 'basic'; readonly username: string; readonly password: SecretValue };

export interface EndpointTls {
  /** PEM text of an additional trusted CA. */
  readonly ca?: string;
  /** Only for explicit opt-out in a cluster definition; default true. */
  readonly rejectUnauthorized?: boolean;
}

export interface HttpEndpointOptions {
  /** Cluster name used in every error. */
  readonly clusterName: string;
  /** e.g. `http://127.0.0.1:8081`; a path prefix is kept. */
  readonly baseUrl: string;
  readonly auth?: EndpointAuth;
  readonly tls?: EndpointTls;
  /** Per-call timeout; default 30 s. */
  readonly timeoutMs?: number;
  /** Extra attempts for GETs after a network error or a 502/503/504; default 2. */
  readonly getRetries?: number;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path with query, relative to the base URL, e.g. `/jobs/overview`. */
  readonly path: string;
  readonly json?: unknown;
  readonly form?: FormData;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export class HttpEndpoint {
  readonly clusterName: string;
  readonly baseUrl: string;
  readonly #auth?: EndpointAuth;
  readonly #timeoutMs: number;
  readonly #getRetries: number;
  readonly #dispatcher?: Dispatcher;
  #closed = false;

  constructor(options: HttpEndpointOptions) {
    this.clusterName = options.clusterName;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#auth = options.auth;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#getRetries = options.getRetries ?? 2;
    if (options.tls && (options.tls.ca !== undefined || options.tls.rejectUnauthorized === false)) {
      this.#dispatcher = new Agent({ connect: { ca: options.tls.ca, rejectUnauthorized: options.tls.rejectUnauthorized ?? true } });
    }
  }

  /** Performs the call and parses a JSON body (an empty body gives `undefined`). */
  async call<T>(call: HttpCall): Promise<Result<T, FlinkError>> {
    const attempts = call.method === 'GET' ? 1 + this.#getRetries : 1;
    let last: FlinkError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await delay(150 * 2 ** (attempt - 1), call.signal);
      const outcome = await this.#once<T>(call);
      if (outcome.ok) return outcome;
      last = outcome.error;
      const retryable = last.kind === 'unreachable' || last.kind === 'timeout' || (last.kind === 'http' && RETRYABLE_STATUS.has(last.status ?? 0));
      if (!retryable || call.signal?.aborted) break;
    }
    return err(last!);
  }

  async #once<T>(call: HttpCall): Promise<Result<T, FlinkError>> {
    const callName = `${call.method} ${call.path.split('?')[0]}`;
    const fail = (init: Omit<ConstructorParameters<typeof FlinkError>[0], 'cluster' | 'call'>) =>
      err(new FlinkError({ ...init, cluster: this.clusterName, call: callName }));
    if (this.#closed) return fail({ kind: 'aborted', cause: new Error('client closed') });
    const timeout = AbortSignal.timeout(call.timeoutMs ?? this.#timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    const authorization = this.#authorization();
    if (authorization) headers.authorization = authorization;
    let body: string | FormData | undefined;
    if (call.form) body = call.form;
    else if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.baseUrl + call.path, {
        method: call.method,
        headers,
        body,
        signal,
        dispatcher: this.#dispatcher,
      });
    } catch (cause) {
      if (call.signal?.aborted) return fail({ kind: 'aborted', cause });
      if (timeout.aborted) return fail({ kind: 'timeout', cause });
      return fail({ kind: classifyNetworkError(cause), cause });
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (cause) {
      if (call.signal?.aborted) return fail({ kind: 'aborted', cause });
      return fail({ kind: timeout.aborted ? 'timeout' : 'unreachable', cause });
    }
    if (response.statusCode >= 400) {
      const { rootCause, chain } = parseErrorBody(text);
      return fail({ kind: 'http', status: response.statusCode, flinkMessage: rootCause ?? (text.slice(0, 300) || undefined), causeChain: chain });
    }
    if (text.trim() === '') return ok(undefined as T);
    try {
      return ok(JSON.parse(text) as T);
    } catch (cause) {
      return fail({ kind: 'protocol', status: response.statusCode, flinkMessage: `not JSON: ${text.slice(0, 200)}`, cause });
    }
  }

  #authorization(): string | undefined {
    const auth = this.#auth;
    if (!auth) return undefined;
    if (auth.kind === 'bearer') return `Bearer ${auth.token.reveal()}`;
    return `Basic ${Buffer.from(`${auth.username}:${auth.password.reveal()}`).toString('base64')}`;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#dispatcher?.close();
  }
}

function classifyNetworkError(cause: unknown): 'unreachable' | 'tls' {
  const code = (cause as { code?: string } | undefined)?.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) return 'tls';
  if (NETWORK_CODES.has(code)) return 'unreachable';
  const causeCode = ((cause as { cause?: { code?: string } } | undefined)?.cause?.code) ?? '';
  if (/CERT|SSL|TLS/i.test(causeCode)) return 'tls';
  return 'unreachable';
}

export function parseErrorBody(text: string): { rootCause?: string; chain: string[] } {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) return rootCauseOf(body.errors.filter((e): e is string => typeof e === 'string'));
  } catch {
    // Not JSON (a proxy's HTML page, for instance): the caller shows the raw text.
  }
  return { chain: [] };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
