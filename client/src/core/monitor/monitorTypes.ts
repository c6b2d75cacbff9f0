// What the monitor knows and tells: the REST calls it needs from a cluster, the snapshot of every
// cluster and job after a poll cycle, and the typed events for what changed.
import type { FlinkPilotError } from '../errors';
import type { CheckpointingStatistics, JobDetails, JobExceptions, JobOverview, JobStatus } from '../flink/flinkRestTypes';
import type { Result } from '../result';

export interface SourceCallOptions {
  signal?: AbortSignal;
}

/**
 * The JobManager REST calls the monitor makes. `FlinkRestClient` satisfies it as is; the benchmark
 * and unit tests plug in their own.
 */
export interface JobsOverviewSource {
  /** GET /jobs/overview. */
  jobsOverview(options?: SourceCallOptions): Promise<Result<JobOverview[], FlinkPilotError>>;
  /** GET /jobs/:id. */
  jobDetails(jobId: string, options?: SourceCallOptions): Promise<Result<JobDetails, FlinkPilotError>>;
  /** GET /jobs/:id/checkpoints. */
  checkpoints(jobId: string, options?: SourceCallOptions): Promise<Result<CheckpointingStatistics, FlinkPilotError>>;
  /** GET /jobs/:id/exceptions. */
  jobExceptions(jobId: string, options?: SourceCallOptions & { maxExceptions?: number }): Promise<Result<JobExceptions, FlinkPilotError>>;
}

export interface MonitoredCluster {
  name: string;
  source: JobsOverviewSource;
  /** Web UI base address, for links in alerts. */
  webUrl?: string;
}

/** A job the workspace knows (from a job file's history): watched more closely and reported when stopped outside the editor. */
export interface TrackedJob {
  cluster: string;
  jobId: string;
  /** The `.flink.yaml` that deployed it. */
  jobFilePath?: string;
  /** Job name as in the job file. */
  name?: string;
}

export interface CheckpointSummary {
  completed: number;
  failed: number;
  inProgress: number;
  /** Trigger time of the latest completed checkpoint (epoch ms). */
  lastCompletedAt?: number;
  lastCompletedPath?: string;
  lastSavepointAt?: number;
  lastSavepointPath?: string;
  lastFailedAt?: number;
  lastFailureMessage?: string;
  /** When these statistics were read. */
  readAt: number;
}

export interface JobSnapshot {
  cluster: string;
  jobId: string;
  name: string;
  state: JobStatus;
  startTime: number;
  endTime: number;
  lastModification: number;
  tasksTotal: number;
  tasksRunning: number;
  /** Restarts seen since the monitor first saw the job. */
  restarts: number;
  lastRestartAt?: number;
  /** Root cause line of the newest exception, when details were read. */
  lastException?: { text: string; at: number };
  checkpoints?: CheckpointSummary;
  /** Checkpoint failures seen since the monitor first saw the job, with the latest unresolved one. */
  checkpointFailuresSeen: number;
  /** True when the latest checkpoint attempt failed (a later completed one clears it). */
  checkpointsFailing: boolean;
  firstSeenAt: number;
  tracked?: TrackedJob;
}

export interface ClusterSnapshot {
  name: string;
  /** `unknown` until the first answer or failure. */
  status: 'unknown' | 'reachable' | 'unreachable';
  lastSeenAt?: number;
  /** Since when the cluster has not answered. */
  unreachableSince?: number;
  lastError?: string;
  consecutiveFailures: number;
  nextPollAt?: number;
  webUrl?: string;
  jobs: JobSnapshot[];
}

export interface MonitorSnapshot {
  at: number;
  cycle: number;
  clusters: ClusterSnapshot[];
}

interface EventBase {
  at: number;
  cluster: string;
}
interface JobEventBase extends EventBase {
  job: JobSnapshot;
}

export type MonitorEvent =
  | (JobEventBase & { kind: 'job-discovered' })
  | (JobEventBase & { kind: 'job-state-changed'; from: JobStatus; to: JobStatus })
  | (JobEventBase & { kind: 'job-failed'; exception?: string })
  /** The restart count grew: `restartTimes` are the times of the new restarts (epoch ms). */
  | (JobEventBase & { kind: 'job-restarted'; added: number; restartTimes: number[]; exception?: string })
  | (JobEventBase & { kind: 'checkpoints-failed'; added: number; failureTimes: number[]; message?: string })
  /** A tracked job was cancelled, finished or vanished while the editor did not ask for it. */
  | (JobEventBase & { kind: 'job-stopped-externally'; how: 'canceled' | 'finished' | 'disappeared' | 'suspended' })
  | (EventBase & { kind: 'cluster-lost'; error: string; since: number })
  | (EventBase & { kind: 'cluster-back'; downForMs: number });

export type MonitorEventKind = MonitorEvent['kind'];

export interface Disposable {
  dispose(): void;
}
