// Typed client of the JobManager REST API (dispatcher). Every method returns a Result: a FlinkError
// names the cluster, the call and Flink's own root-cause message. Differences between 1.20 and 2.x
// are handled here, so callers never look at versions.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { FormData } from 'undici';
import { err, ok, type Result } from '../result';
import { FlinkError } from './flinkError';
import type {
  CheckpointConfigInfo,
  CheckpointingStatistics,
  CheckpointStatistics,
  ClaimMode,
  ClusterOverview,
  ConfigurationEntry,
  DashboardConfiguration,
  JarRunRequest,
  JarRunResponse,
  JarUploadResponse,
  JobDetails,
  JobExceptions,
  JobPlan,
  JobStatus,
  MultipleJobsDetails,
  SavepointFormatType,
  SavepointOperationResult,
  StopWithSavepointRequest,
  SavepointTriggerRequest,
  TaskManagersInfo,
  TriggerResponse,
  VertexBackPressureInfo,
} from './flinkRestTypes';
import { tryParseFlinkVersion, type FlinkVersion } from '../installations/flinkVersion';
import { HttpEndpoint, type HttpEndpointOptions } from './httpTransport';

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface RunJarOptions {
  entryClass?: string;
  programArgs?: readonly string[];
  parallelism?: number;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
  claimMode?: ClaimMode;
  flinkConfiguration?: Record<string, string>;
}

export class FlinkRestClient {
  readonly endpoint: HttpEndpoint;
  #version?: FlinkVersion;

  constructor(options: HttpEndpointOptions) {
    this.endpoint = new HttpEndpoint(options);
  }

  get clusterName(): string {
    return this.endpoint.clusterName;
  }

  get baseUrl(): string {
    return this.endpoint.baseUrl;
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }

  private get<T>(path: string, options: CallOptions = {}): Promise<Result<T, FlinkError>> {
    return this.endpoint.call<T>({ method: 'GET', path, ...options });
  }

  /** GET /config: the dashboard configuration, including `flink-version`. */
  async config(options?: CallOptions): Promise<Result<DashboardConfiguration, FlinkError>> {
    const result = await this.get<DashboardConfiguration>('/config', options);
    if (result.ok) this.#version = tryParseFlinkVersion(result.value['flink-version']) ?? this.#version;
    return result;
  }

  /** The cluster's Flink version (read once from /config). */
  async version(options?: CallOptions): Promise<Result<FlinkVersion, FlinkError>> {
    if (this.#version) return ok(this.#version);
    const config = await this.config(options);
    if (!config.ok) return config;
    const version = tryParseFlinkVersion(config.value['flink-version']);
    if (!version) {
      return err(new FlinkError({ kind: 'protocol', cluster: this.clusterName, call: 'GET /config', flinkMessage: `unknown flink-version "${config.value['flink-version']}"` }));
    }
    return ok(version);
  }

  overview(options?: CallOptions) {
    return this.get<ClusterOverview>('/overview', options);
  }

  jobManagerConfig(options?: CallOptions) {
    return this.get<ConfigurationEntry[]>('/jobmanager/config', options);
  }

  async jobsOverview(options?: CallOptions): Promise<Result<MultipleJobsDetails['jobs'], FlinkError>> {
    const result = await this.get<MultipleJobsDetails>('/jobs/overview', options);
    return result.ok ? ok(result.value.jobs ?? []) : result;
  }

  jobDetails(jobId: string, options?: CallOptions) {
    return this.get<JobDetails>(`/jobs/${encodeURIComponent(jobId)}`, options);
  }

  async jobStatus(jobId: string, options?: CallOptions): Promise<Result<JobStatus, FlinkError>> {
    const result = await this.get<{ status: JobStatus }>(`/jobs/${encodeURIComponent(jobId)}/status`, options);
    return result.ok ? ok(result.value.status) : result;
  }

  async jobPlan(jobId: string, options?: CallOptions): Promise<Result<JobPlan, FlinkError>> {
    const result = await this.get<{ plan: JobPlan }>(`/jobs/${encodeURIComponent(jobId)}/plan`, options);
    return result.ok ? ok(result.value.plan) : result;
  }

  jobExceptions(jobId: string, options?: CallOptions & { maxExceptions?: number }) {
    const query = options?.maxExceptions ? `?maxExceptions=${options.maxExceptions}` : '';
    return this.get<JobExceptions>(`/jobs/${encodeURIComponent(jobId)}/exceptions${query}`, options);
  }

  checkpoints(jobId: string, options?: CallOptions) {
    return this.get<CheckpointingStatistics>(`/jobs/${encodeURIComponent(jobId)}/checkpoints`, options);
  }

  checkpointConfig(jobId: string, options?: CallOptions) {
    return this.get<CheckpointConfigInfo>(`/jobs/${encodeURIComponent(jobId)}/checkpoints/config`, options);
  }

  checkpointDetails(jobId: string, checkpointId: number, options?: CallOptions) {
    return this.get<CheckpointStatistics>(`/jobs/${encodeURIComponent(jobId)}/checkpoints/details/${checkpointId}`, options);
  }

  taskManagers(options?: CallOptions) {
    return this.get<TaskManagersInfo>('/taskmanagers', options);
  }

  /** GET /jobs/:id/vertices/:vid/backpressure: busy, idle and back-pressured ratios per subtask. */
  vertexBackPressure(jobId: string, vertexId: string, options?: CallOptions) {
    return this.get<VertexBackPressureInfo>(`/jobs/${encodeURIComponent(jobId)}/vertices/${encodeURIComponent(vertexId)}/backpressure`, options);
  }

  /** POST /jobs/:id/savepoints: starts a savepoint; poll `savepointStatus` with the returned trigger id. */
  async triggerSavepoint(
    jobId: string,
    request: { targetDirectory?: string; formatType?: SavepointFormatType; cancelJob?: boolean },
    options?: CallOptions,
  ): Promise<Result<string, FlinkError>> {
    const body: SavepointTriggerRequest = { 'cancel-job': request.cancelJob ?? false };
    if (request.targetDirectory) body['target-directory'] = request.targetDirectory;
    if (request.formatType) body.formatType = request.formatType;
    const result = await this.endpoint.call<TriggerResponse>({ method: 'POST', path: `/jobs/${encodeURIComponent(jobId)}/savepoints`, json: body, ...options });
    return result.ok ? ok(result.value['request-id']) : result;
  }

  /** GET /jobs/:id/savepoints/:triggerid — also the status of a stop-with-savepoint. */
  savepointStatus(jobId: string, triggerId: string, options?: CallOptions) {
    return this.get<SavepointOperationResult>(`/jobs/${encodeURIComponent(jobId)}/savepoints/${encodeURIComponent(triggerId)}`, options);
  }

  /** POST /jobs/:id/stop: stop with savepoint (drain or not); poll `savepointStatus`. */
  async stopWithSavepoint(
    jobId: string,
    request: { targetDirectory?: string; formatType?: SavepointFormatType; drain?: boolean },
    options?: CallOptions,
  ): Promise<Result<string, FlinkError>> {
    const body: StopWithSavepointRequest = { drain: request.drain ?? false };
    if (request.targetDirectory) body.targetDirectory = request.targetDirectory;
    if (request.formatType) body.formatType = request.formatType;
    const result = await this.endpoint.call<TriggerResponse>({ method: 'POST', path: `/jobs/${encodeURIComponent(jobId)}/stop`, json: body, ...options });
    return result.ok ? ok(result.value['request-id']) : result;
  }

  /** POST /savepoint-disposal: deletes a savepoint's files through the JobManager; poll `savepointDisposalStatus`. */
  async disposeSavepoint(savepointPath: string, options?: CallOptions): Promise<Result<string, FlinkError>> {
    const result = await this.endpoint.call<TriggerResponse>({ method: 'POST', path: '/savepoint-disposal', json: { 'savepoint-path': savepointPath }, ...options });
    return result.ok ? ok(result.value['request-id']) : result;
  }

  /** GET /savepoint-disposal/:triggerid — AsynchronousOperationResult (no value; `failure-cause` on failure). */
  savepointDisposalStatus(triggerId: string, options?: CallOptions) {
    return this.get<SavepointOperationResult>(`/savepoint-disposal/${encodeURIComponent(triggerId)}`, options);
  }

  /** PATCH /jobs/:id?mode=cancel. */
  async cancelJob(jobId: string, options?: CallOptions): Promise<Result<void, FlinkError>> {
    const result = await this.endpoint.call<unknown>({ method: 'PATCH', path: `/jobs/${encodeURIComponent(jobId)}?mode=cancel`, ...options });
    return result.ok ? ok(undefined) : result;
  }

  /** POST /jars/upload (multipart, part `jarfile`); returns the jar id used by run/delete. */
  async uploadJar(jarPath: string, options?: CallOptions): Promise<Result<string, FlinkError>> {
    let blob: Blob;
    try {
      blob = await openAsBlob(jarPath, { type: 'application/x-java-archive' });
    } catch (cause) {
      return err(new FlinkError({ kind: 'protocol', cluster: this.clusterName, call: 'POST /jars/upload', flinkMessage: `cannot read ${jarPath}`, cause, hint: 'Check the jar path of the job file.' }));
    }
    const form = new FormData();
    form.append('jarfile', blob, basename(jarPath));
    const result = await this.endpoint.call<JarUploadResponse>({ method: 'POST', path: '/jars/upload', form, timeoutMs: options?.timeoutMs ?? 300_000, signal: options?.signal });
    if (!result.ok) return result;
    // `filename` is the server-side path; its last segment is the jar id.
    return ok(basename(result.value.filename));
  }

  /** POST /jars/:id/run with the restore fields named as this cluster's version expects. */
  async runJar(jarId: string, run: RunJarOptions, options?: CallOptions): Promise<Result<JarRunResponse, FlinkError>> {
    const version = await this.version(options);
    if (!version.ok) return version;
    const body = jarRunRequestBody(version.value, run);
    return this.endpoint.call<JarRunResponse>({ method: 'POST', path: `/jars/${encodeURIComponent(jarId)}/run`, json: body, timeoutMs: options?.timeoutMs ?? 300_000, signal: options?.signal });
  }

  async deleteJar(jarId: string, options?: CallOptions): Promise<Result<void, FlinkError>> {
    const result = await this.endpoint.call<unknown>({ method: 'DELETE', path: `/jars/${encodeURIComponent(jarId)}`, ...options });
    return result.ok ? ok(undefined) : result;
  }
}

/** Builds the JarRunRequestBody: `claimMode` from 1.20 on, `restoreMode` before; `programArgsList` always. */
export function jarRunRequestBody(version: FlinkVersion, run: RunJarOptions): JarRunRequest {
  const body: JarRunRequest = {};
  if (run.entryClass) body.entryClass = run.entryClass;
  if (run.programArgs && run.programArgs.length > 0) body.programArgsList = [...run.programArgs];
  if (run.parallelism !== undefined) body.parallelism = run.parallelism;
  if (run.savepointPath) {
    body.savepointPath = run.savepointPath;
    body.allowNonRestoredState = run.allowNonRestoredState ?? false;
    if (run.claimMode) {
      if (version.major > 1 || version.minor >= 20) body.claimMode = run.claimMode;
      else body.restoreMode = run.claimMode;
    }
  }
  if (run.flinkConfiguration && Object.keys(run.flinkConfiguration).length > 0) body.flinkConfiguration = { ...run.flinkConfiguration };
  return body;
}
