// Types of the JobManager REST API (rest_v1_dispatcher.yml) for the calls Flink Pilot makes, written
// from the OpenAPI specs in shared/reference/flink-rest/<version>/. Fields that exist only in some
// versions are optional and commented with the version that has them. Names follow the wire format.

export type JobStatus =
  | 'INITIALIZING'
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'RESTARTING'
  | 'SUSPENDED'
  | 'RECONCILING';

export const TERMINAL_JOB_STATES: ReadonlySet<JobStatus> = new Set(['FAILED', 'CANCELED', 'FINISHED', 'SUSPENDED']);

/** GET /config — DashboardConfiguration. */
export interface DashboardConfiguration {
  'flink-version': string;
  'flink-revision'?: string;
  'refresh-interval'?: number;
  'timezone-name'?: string;
  'timezone-offset'?: number;
  features?: Record<string, boolean>;
}

/** GET /overview — ClusterOverviewWithVersion. */
export interface ClusterOverview {
  'flink-version': string;
  'flink-commit'?: string;
  taskmanagers: number;
  'slots-total': number;
  'slots-available': number;
  'jobs-running': number;
  'jobs-finished': number;
  'jobs-cancelled': number;
  'jobs-failed': number;
}

/** GET /jobs/overview — MultipleJobsDetails. */
export interface JobOverview {
  jid: string;
  name: string;
  state: JobStatus;
  'start-time': number;
  'end-time': number;
  duration: number;
  'last-modification': number;
  tasks: Record<string, number>;
  /** 2.x only. */
  jobType?: 'BATCH' | 'STREAMING';
}
export interface MultipleJobsDetails {
  jobs: JobOverview[];
}

/** GET /jobs/:id — JobDetailsInfo (vertices as the job graph). */
export interface JobVertexInfo {
  id: string;
  name: string;
  parallelism: number;
  maxParallelism?: number;
  status: string;
  'start-time': number;
  'end-time': number;
  duration: number;
  tasks: Record<string, number>;
  metrics?: Record<string, number | boolean>;
}
export interface JobDetails {
  jid: string;
  name: string;
  state: JobStatus;
  isStoppable?: boolean;
  'start-time': number;
  'end-time': number;
  duration: number;
  now: number;
  timestamps: Partial<Record<JobStatus, number>>;
  vertices: JobVertexInfo[];
  'status-counts'?: Record<string, number>;
  'job-type'?: 'BATCH' | 'STREAMING';
  /** 1.20: raw JSON plan; 2.3: a typed Plan. Both have `nodes`. */
  plan?: JobPlan;
  /** 2.3 only. */
  'application-id'?: string;
}

/** GET /jobs/:id/plan — JobPlanInfo. */
export interface JobPlanNode {
  id: string;
  parallelism: number;
  operator?: string;
  operator_strategy?: string;
  description?: string;
  inputs?: { num: number; id: string; ship_strategy?: string; exchange?: string }[];
}
export interface JobPlan {
  jid: string;
  name: string;
  type?: string;
  nodes: JobPlanNode[];
}

/** GET /jobs/:id/exceptions — JobExceptionsInfoWithHistory. */
export interface ExceptionInfo {
  exceptionName: string;
  stacktrace: string;
  timestamp: number;
  taskName?: string;
  endpoint?: string;
  taskManagerId?: string;
  failureLabels?: Record<string, string>;
}
export interface RootExceptionInfo extends ExceptionInfo {
  concurrentExceptions?: ExceptionInfo[];
}
export interface JobExceptions {
  exceptionHistory: { entries: RootExceptionInfo[]; truncated: boolean };
  /** 1.20 only (removed in 2.x). */
  'root-exception'?: string;
  /** 1.20 only (removed in 2.x). */
  timestamp?: number;
}

/** CheckpointStatistics and its subtypes (discriminated by `className`). */
export interface CheckpointStatistics {
  className: 'completed' | 'failed' | 'in_progress' | string;
  id: number;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  is_savepoint: boolean;
  savepointFormat?: string;
  checkpoint_type?: 'CHECKPOINT' | 'UNALIGNED_CHECKPOINT' | 'SAVEPOINT' | 'SYNC_SAVEPOINT';
  trigger_timestamp: number;
  latest_ack_timestamp: number;
  state_size: number;
  checkpointed_size?: number;
  end_to_end_duration: number;
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  /** completed only. */
  external_path?: string;
  discarded?: boolean;
  /** failed only. */
  failure_message?: string;
  failure_timestamp?: number;
}
export interface RestoredCheckpointStatistics {
  id: number;
  restore_timestamp: number;
  is_savepoint: boolean;
  external_path?: string;
}
/** GET /jobs/:id/checkpoints — CheckpointingStatistics. */
export interface CheckpointingStatistics {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  latest: {
    completed?: CheckpointStatistics | null;
    savepoint?: CheckpointStatistics | null;
    failed?: CheckpointStatistics | null;
    restored?: RestoredCheckpointStatistics | null;
  };
  history: CheckpointStatistics[];
}
/** GET /jobs/:id/checkpoints/config — CheckpointConfigInfo. */
export interface CheckpointConfigInfo {
  mode: string;
  interval: number;
  timeout: number;
  min_pause: number;
  max_concurrent: number;
  externalization: { enabled: boolean; delete_on_cancellation: boolean };
  state_backend?: string;
  checkpoint_storage?: string;
  unaligned_checkpoints?: boolean;
  tolerable_failed_checkpoints?: number;
}

export type SavepointFormatType = 'CANONICAL' | 'NATIVE';
/** RestoreMode (1.20) and RecoveryClaimMode (2.x) have the same values. */
export type ClaimMode = 'CLAIM' | 'NO_CLAIM' | 'LEGACY';

/** POST /jobs/:id/savepoints — SavepointTriggerRequestBody (note the dashed names). */
export interface SavepointTriggerRequest {
  'target-directory'?: string;
  'cancel-job'?: boolean;
  formatType?: SavepointFormatType;
  triggerId?: string;
}
/** POST /jobs/:id/stop — StopWithSavepointRequestBody (camelCase, unlike the trigger). */
export interface StopWithSavepointRequest {
  targetDirectory?: string;
  drain?: boolean;
  formatType?: SavepointFormatType;
  triggerId?: string;
}
/** TriggerResponse. */
export interface TriggerResponse {
  'request-id': string;
}
/** SerializedThrowable as Flink's JSON serializer writes it. */
export interface SerializedThrowable {
  class?: string;
  'stack-trace'?: string;
  'serialized-throwable'?: string;
}
/** GET /jobs/:id/savepoints/:triggerid — AsynchronousOperationResult<SavepointInfo>. */
export interface SavepointOperationResult {
  status: { id: 'IN_PROGRESS' | 'COMPLETED' };
  operation?: { location?: string; 'failure-cause'?: SerializedThrowable };
}

/** POST /jars/upload — JarUploadResponseBody. */
export interface JarUploadResponse {
  filename: string;
  status: 'success';
}
/** POST /jars/:id/run — JarRunRequestBody. */
export interface JarRunRequest {
  entryClass?: string;
  programArgsList?: string[];
  parallelism?: number;
  jobId?: string;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
  /** 1.20 and later; 1.18/1.19 know only `restoreMode`. */
  claimMode?: ClaimMode;
  /** Deprecated since 1.20 in favour of `claimMode`. */
  restoreMode?: ClaimMode;
  flinkConfiguration?: Record<string, string>;
}
/** JarRunResponseBody. */
export interface JarRunResponse {
  jobid: string;
  /** 2.3 only. */
  applicationId?: string;
}

/** GET /taskmanagers — TaskManagersInfo. */
export interface TaskManagerInfo {
  id: string;
  path: string;
  dataPort: number;
  timeSinceLastHeartbeat: number;
  slotsNumber: number;
  freeSlots: number;
  blocked?: boolean;
  hardware?: { cpuCores: number; physicalMemory: number; freeMemory: number; managedMemory: number };
}
export interface TaskManagersInfo {
  taskmanagers: TaskManagerInfo[];
}

/** GET /jobmanager/config — ConfigurationInfoEntry[]. */
export interface ConfigurationEntry {
  key: string;
  value: string;
}

/**
 * GET /jobs/:id/vertices/:vid/backpressure — JobVertexBackPressureInfo. The first call may only
 * start sampling (`status: deprecated`, no subtasks yet). Level and ratios per subtask; `busyRatio`
 * and `idleRatio` exist since 1.13. (The spec names the level `backpressureLevel`; Flink's JSON
 * writes `backpressure-level`.)
 */
export interface VertexBackPressureInfo {
  status?: 'ok' | 'deprecated';
  'backpressure-level'?: 'ok' | 'low' | 'high';
  backpressureLevel?: 'ok' | 'low' | 'high';
  'end-timestamp'?: number;
  subtasks?: {
    subtask: number;
    'backpressure-level'?: 'ok' | 'low' | 'high';
    backpressureLevel?: 'ok' | 'low' | 'high';
    ratio?: number;
    idleRatio?: number;
    busyRatio?: number;
  }[];
}
