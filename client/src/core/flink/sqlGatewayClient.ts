// Typed client of the Flink SQL Gateway REST API. Negotiates the newest API version both sides
// know (v1…v4), then opens sessions, executes statements and pages through results by following
// `nextResultUri`. Errors are FlinkError values carrying the gateway's root-cause line.
import { setTimeout as sleep } from 'node:timers/promises';
import { err, ok, type Result } from '../result';
import { FlinkError } from './flinkError';
import { HttpEndpoint, type HttpEndpointOptions } from './httpTransport';
import {
  KNOWN_GATEWAY_API_VERSIONS,
  type ExecuteStatementResponse,
  type FetchResultsResponse,
  type GatewayApiVersion,
  type GatewayColumn,
  type GatewayInfo,
  type GatewayRow,
  type GetApiVersionResponse,
  type OpenSessionResponse,
  type OperationStatusResponse,
} from './sqlGatewayTypes';

export interface GatewayCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface StatementResult {
  columns: GatewayColumn[];
  rows: GatewayRow[];
  /** Job id when the statement submitted a job (INSERT, statement set). */
  jobId?: string;
  resultKind?: string;
}

export class SqlGatewayClient {
  readonly endpoint: HttpEndpoint;
  #apiVersion?: GatewayApiVersion;

  constructor(options: HttpEndpointOptions) {
    this.endpoint = new HttpEndpoint(options);
  }

  get clusterName(): string {
    return this.endpoint.clusterName;
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }

  /** The newest API version offered by the gateway that this client knows. */
  async apiVersion(options?: GatewayCallOptions): Promise<Result<GatewayApiVersion, FlinkError>> {
    if (this.#apiVersion) return ok(this.#apiVersion);
    // `/v1/api_versions` exists in every gateway version.
    const result = await this.endpoint.call<GetApiVersionResponse>({ method: 'GET', path: '/v1/api_versions', ...options });
    if (!result.ok) return result;
    const chosen = negotiateApiVersion(result.value.versions ?? []);
    if (!chosen) {
      return err(new FlinkError({ kind: 'protocol', cluster: this.clusterName, call: 'GET /v1/api_versions', flinkMessage: `no supported API version in ${JSON.stringify(result.value.versions)}` }));
    }
    this.#apiVersion = chosen;
    return ok(chosen);
  }

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, json: unknown, options?: GatewayCallOptions): Promise<Result<T, FlinkError>> {
    const version = await this.apiVersion(options);
    if (!version.ok) return version;
    return this.endpoint.call<T>({ method, path: `/${version.value}${path}`, json, ...options });
  }

  info(options?: GatewayCallOptions) {
    return this.call<GatewayInfo>('GET', '/info', undefined, options);
  }

  async openSession(request: { sessionName?: string; properties?: Record<string, string> }, options?: GatewayCallOptions): Promise<Result<string, FlinkError>> {
    const result = await this.call<OpenSessionResponse>('POST', '/sessions', { sessionName: request.sessionName, properties: request.properties ?? {} }, options);
    return result.ok ? ok(result.value.sessionHandle) : result;
  }

  async closeSession(sessionHandle: string, options?: GatewayCallOptions): Promise<Result<void, FlinkError>> {
    const result = await this.call<unknown>('DELETE', `/sessions/${encodeURIComponent(sessionHandle)}`, undefined, options);
    return result.ok ? ok(undefined) : result;
  }

  async executeStatement(
    sessionHandle: string,
    statement: string,
    executionConfig?: Record<string, string>,
    options?: GatewayCallOptions,
  ): Promise<Result<string, FlinkError>> {
    const body: { statement: string; executionConfig?: Record<string, string> } = { statement };
    if (executionConfig && Object.keys(executionConfig).length > 0) body.executionConfig = executionConfig;
    const result = await this.call<ExecuteStatementResponse>('POST', `/sessions/${encodeURIComponent(sessionHandle)}/statements`, body, options);
    return result.ok ? ok(result.value.operationHandle) : result;
  }

  async operationStatus(sessionHandle: string, operationHandle: string, options?: GatewayCallOptions): Promise<Result<string, FlinkError>> {
    const result = await this.call<OperationStatusResponse>(
      'GET',
      `/sessions/${encodeURIComponent(sessionHandle)}/operations/${encodeURIComponent(operationHandle)}/status`,
      undefined,
      options,
    );
    return result.ok ? ok(result.value.status) : result;
  }

  async cancelOperation(sessionHandle: string, operationHandle: string, options?: GatewayCallOptions): Promise<Result<void, FlinkError>> {
    const result = await this.call<unknown>('POST', `/sessions/${encodeURIComponent(sessionHandle)}/operations/${encodeURIComponent(operationHandle)}/cancel`, {}, options);
    return result.ok ? ok(undefined) : result;
  }

  /** One page of results. `token` 0 is the first page; v2+ needs `rowFormat=JSON`. */
  async fetchResults(sessionHandle: string, operationHandle: string, token: number, options?: GatewayCallOptions): Promise<Result<FetchResultsResponse, FlinkError>> {
    const version = await this.apiVersion(options);
    if (!version.ok) return version;
    const query = version.value === 'v1' ? '' : '?rowFormat=JSON';
    return this.call<FetchResultsResponse>(
      'GET',
      `/sessions/${encodeURIComponent(sessionHandle)}/operations/${encodeURIComponent(operationHandle)}/result/${token}${query}`,
      undefined,
      options,
    );
  }

  /** Follows a `nextResultUri` (relative to the gateway root, version prefix included). */
  fetchNext(nextResultUri: string, options?: GatewayCallOptions) {
    const path = nextResultUri.startsWith('/') ? nextResultUri : `/${nextResultUri}`;
    return this.endpoint.call<FetchResultsResponse>({ method: 'GET', path, ...options });
  }

  /**
   * Executes a statement and reads its result to the end (or `maxRows`), waiting out NOT_READY pages.
   * For a job-submitting statement the result is the job id, available as soon as the job is submitted.
   */
  async executeAndCollect(
    sessionHandle: string,
    statement: string,
    options: GatewayCallOptions & { executionConfig?: Record<string, string>; maxRows?: number } = {},
  ): Promise<Result<StatementResult, FlinkError>> {
    const operation = await this.executeStatement(sessionHandle, statement, options.executionConfig, options);
    if (!operation.ok) return operation;
    const collected: StatementResult = { columns: [], rows: [] };
    let page = await this.fetchResults(sessionHandle, operation.value, 0, options);
    let wait = 10;
    for (;;) {
      if (!page.ok) return page;
      const body = page.value;
      if (body.jobID) collected.jobId = body.jobID;
      if (body.resultKind) collected.resultKind = body.resultKind;
      if (body.results?.columns && collected.columns.length === 0) collected.columns = body.results.columns;
      if (body.resultType === 'PAYLOAD') {
        collected.rows.push(...(body.results?.data ?? []));
        wait = 10;
      }
      const enough = options.maxRows !== undefined && collected.rows.length >= options.maxRows;
      if (body.resultType === 'EOS' || !body.nextResultUri || enough) break;
      if (body.resultType === 'NOT_READY') {
        if (options.signal?.aborted) break;
        await sleep(wait);
        wait = Math.min(wait * 2, 250);
      }
      page = await this.fetchNext(body.nextResultUri, options);
    }
    if (options.signal?.aborted) {
      await this.cancelOperation(sessionHandle, operation.value);
      return err(new FlinkError({ kind: 'aborted', cluster: this.clusterName, call: 'GET /sessions/…/result' }));
    }
    collected.jobId ??= jobIdFromRows(collected);
    return ok(collected);
  }
}

/** Picks the highest version both sides know; the gateway answers names like `V1`. */
export function negotiateApiVersion(offered: readonly string[]): GatewayApiVersion | undefined {
  const normalized = new Set(offered.map((v) => v.toLowerCase()));
  for (let i = KNOWN_GATEWAY_API_VERSIONS.length - 1; i >= 0; i--) {
    if (normalized.has(KNOWN_GATEWAY_API_VERSIONS[i]!)) return KNOWN_GATEWAY_API_VERSIONS[i];
  }
  return undefined;
}

/** Older gateways return the job id only as a row of a `job id` column. */
function jobIdFromRows(result: StatementResult): string | undefined {
  const index = result.columns.findIndex((c) => c.name.toLowerCase() === 'job id');
  const value = index >= 0 ? result.rows[0]?.fields[index] : undefined;
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value) ? value : undefined;
}
