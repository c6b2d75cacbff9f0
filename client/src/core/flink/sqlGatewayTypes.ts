// Types of the SQL Gateway REST API (rest_v{1..4}_sql_gateway.yml) for the calls Flink Pilot makes.
// The specs describe `ResultInfo` by its Java fields; on the wire Flink's ResultInfoJsonSerializer
// writes `columns` and `data: [{kind, fields}]` (JSON row format), which is what is typed here.

/** API versions the gateway may offer; v3 since 1.20, v4 since 2.0. */
export type GatewayApiVersion = 'v1' | 'v2' | 'v3' | 'v4';
export const KNOWN_GATEWAY_API_VERSIONS: readonly GatewayApiVersion[] = ['v1', 'v2', 'v3', 'v4'];

/** GET /api_versions — GetApiVersionResponseBody, e.g. `{"versions":["V1","V2","V3"]}`. */
export interface GetApiVersionResponse {
  versions: string[];
}
/** GET /info — GetInfoResponseBody. */
export interface GatewayInfo {
  productName: string;
  version: string;
}
/** POST /sessions — OpenSessionRequestBody / OpenSessionResponseBody. */
export interface OpenSessionRequest {
  sessionName?: string;
  properties?: Record<string, string>;
}
export interface OpenSessionResponse {
  sessionHandle: string;
}
/** POST /sessions/:h/statements — ExecuteStatementRequestBody / ExecuteStatementResponseBody. */
export interface ExecuteStatementRequest {
  statement: string;
  executionTimeout?: number;
  executionConfig?: Record<string, string>;
}
export interface ExecuteStatementResponse {
  operationHandle: string;
}
/** GET …/operations/:op/status — OperationStatusResponseBody (`RUNNING`, `FINISHED`, `ERROR`, …). */
export interface OperationStatusResponse {
  status: string;
}

export interface GatewayColumn {
  name: string;
  logicalType: { type: string; nullable: boolean; [key: string]: unknown };
  comment?: string | null;
}
export interface GatewayRow {
  kind: 'INSERT' | 'UPDATE_BEFORE' | 'UPDATE_AFTER' | 'DELETE';
  fields: unknown[];
}
/** GET …/result/:token — FetchResultsResponseBody. */
export interface FetchResultsResponse {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  isQueryResult?: boolean;
  /** v2+ (1.17 on): set when the statement submitted a job. */
  jobID?: string;
  resultKind?: 'SUCCESS' | 'SUCCESS_WITH_CONTENT';
  results: { columns?: GatewayColumn[]; rowFormat?: 'JSON' | 'PLAIN_TEXT'; data: GatewayRow[] };
  /** Relative URI of the next page; absent at the end of the stream. */
  nextResultUri?: string;
}
