// What the history of a job file records. Every entry names the cluster and Flink job id it is
// about and when it happened (ISO time); the log keeps them in the order they were written.

export interface HistoryEntryBase {
  /** ISO 8601 time of the event. */
  at: string;
  /** Cluster name from the cluster definition (or `local-<line>`). */
  cluster: string;
  /** Path of the job file as given (relative to the workspace when inside it). */
  jobFile: string;
}

export interface SubmissionEntry extends HistoryEntryBase {
  kind: 'submission';
  jobId: string;
  jobName: string;
  jobType: 'sql' | 'jar';
  /** Version the cluster reported on /config at submission. */
  flinkVersion: string;
  /** SQL jobs: the script as written (before variable substitution) and its sha256. */
  sqlText?: string;
  sqlHash?: string;
  /** Jar jobs: the artifact and its sha256. */
  jarPath?: string;
  jarChecksum?: string;
  entryClass?: string;
  programArgs?: string[];
  /** Flink options the job was started with (session properties / flinkConfiguration). */
  configuration: Record<string, string>;
  /** When the job was started from state. */
  restoredFrom?: string;
}

export type SnapshotTrigger = 'manual' | 'stop' | 'stop-drain' | 'periodic';

export interface SavepointEntry extends HistoryEntryBase {
  kind: 'savepoint';
  jobId: string;
  path: string;
  trigger: SnapshotTrigger;
  formatType: 'CANONICAL' | 'NATIVE';
  /** Size in bytes as Flink reported it, when known. */
  sizeBytes?: number;
  durationMs?: number;
}

export interface CheckpointEntry extends HistoryEntryBase {
  kind: 'checkpoint';
  jobId: string;
  path: string;
  checkpointId: number;
  trigger: 'periodic';
  sizeBytes?: number;
}

export interface StopEntry extends HistoryEntryBase {
  kind: 'stop';
  jobId: string;
  mode: 'savepoint' | 'drain' | 'cancel';
  savepointPath?: string;
  finalState: string;
}

export interface RestoreEntry extends HistoryEntryBase {
  kind: 'restore';
  /** Job whose state was used, when known. */
  fromJobId?: string;
  jobId: string;
  source: 'savepoint' | 'checkpoint' | 'path';
  requestedPath: string;
  /** True when Flink's `/jobs/:id/checkpoints` → `latest.restored` names the requested path. */
  verified: boolean;
  flinkRestoredPath?: string;
  flinkRestoredCheckpointId?: number;
}

/** A jar built from a Git project (core/build): what was built, from which commit, with which arguments. */
export interface BuildEntry extends HistoryEntryBase {
  kind: 'build';
  project: string;
  /** Repository URL (never with credentials: such URLs are refused). */
  url: string;
  ref: string;
  commit: string;
  tool: 'maven' | 'gradle';
  buildArgs: string[];
  jarPath: string;
  jarChecksum: string;
  mainClass?: string;
  /** True when an earlier build of the same commit and arguments was reused. */
  reused: boolean;
  durationMs: number;
}

/** A savepoint whose files Flink deleted ("Dispose Savepoint"): no longer offered for restore. */
export interface DisposalEntry extends HistoryEntryBase {
  kind: 'disposal';
  path: string;
}

export type HistoryEntry = SubmissionEntry | SavepointEntry | CheckpointEntry | StopEntry | RestoreEntry | BuildEntry | DisposalEntry;

/** A distinct SQL text that was deployed, numbered from 1 in order of first deployment. */
export interface SqlVersion {
  version: number;
  sqlHash: string;
  sqlText: string;
  firstDeployedAt: string;
  lastDeployedAt: string;
  jobIds: string[];
}
