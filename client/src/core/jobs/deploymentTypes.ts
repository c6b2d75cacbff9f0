// What the deployment operations (submit, savepoint, stop, cancel, restore) take and return.
// `JobSpec` is the part of a loaded job file (jobFile.ts) that deployment needs, with paths resolved
// and defaults applied; `jobSpecFromJobFile` builds it. `ClusterConnection` is a cluster definition
// with its secret already resolved (from SecretStorage or the environment — never from a file).
import type { FlinkPilotError } from '../errors';
import type { EndpointAuth, EndpointTls } from '../flink/httpTransport';
import type { JobHistoryStore } from '../history/jobHistory';
import type { Result } from '../result';

export type StopMode = 'savepoint' | 'drain' | 'cancel';
export type SavepointFormat = 'canonical' | 'native';
export type ClaimModeSetting = 'claim' | 'no_claim' | 'legacy';

export interface MavenDependency {
  /** `group:artifact:version` or `group:artifact:type:classifier:version` (Maven's order). */
  coordinates: string;
  /** `group:artifact` (either may be `*`). */
  exclusions?: string[];
}

export interface JobSpec {
  name: string;
  type: 'sql' | 'jar';
  /** As written in the job file, e.g. `1.20` or `2.3.0`. */
  flinkVersion: string;
  /**
   * SQL jobs: the script text, read from a `.flink.sql` file (`path`) or inline in the job file. For
   * inline SQL, `origin` says where it starts in the job file (1-based line of the first SQL line
   * and the block's indentation), so error positions point into the YAML.
   */
  sql?: { text: string; path?: string; origin?: { line: number; indent: number } };
  /** Jar jobs: a local jar, or Maven coordinates resolved into the cache. */
  jar?: { path?: string; maven?: string; entryClass?: string; args?: string[] };
  parallelism?: number;
  /** Any Flink options of the chosen version, values as strings. */
  config: Record<string, string>;
  dependencies: { maven: MavenDependency[]; jars: string[] };
  savepoints: { directory?: string; stopMode: StopMode; format: SavepointFormat; timeoutMs: number };
  restore: { from: 'latest-savepoint' | 'latest-checkpoint' | 'path' | 'none'; path?: string; allowNonRestoredState: boolean; claimMode: ClaimModeSetting };
  variables: Record<string, string>;
  /** Keep the jar uploaded to the JobManager after `run` (default false: it is deleted). */
  keepUploadedJar?: boolean;
}

export interface ClusterConnection {
  name: string;
  restUrl: string;
  /** Needed for SQL jobs. */
  gatewayUrl?: string;
  auth?: EndpointAuth;
  tls?: EndpointTls;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
}

/** Everything an operation needs; the CLI and the extension build one per call. */
export interface JobContext {
  /** Path of the `.flink.yaml` file: the key of the job's history. */
  jobFilePath: string;
  job: JobSpec;
  cluster: ClusterConnection;
  /** Default: a store rooted at the job file's workspace (`.flink-pilot/history`). */
  history?: JobHistoryStore;
  /** Called with a short human-readable step, e.g. "Opening SQL Gateway session". */
  onProgress?: (step: string) => void;
  signal?: AbortSignal;
  /** Where Maven dependencies are cached; default `<user cache>/flink-pilot/maven`. */
  dependencyCacheDir?: string;
}

export type DeployResult<T> = Promise<Result<T, FlinkPilotError>>;

export interface SubmitOutcome {
  jobId: string;
  jobName: string;
  clusterVersion: string;
  state: string;
  /** Web UI address of the job. */
  webUrl: string;
  /** Set when the job was started from state. */
  restoredFrom?: string;
  timings: { submitMs: number; runningMs?: number };
}

export interface SavepointOutcome {
  jobId: string;
  path: string;
  formatType: 'CANONICAL' | 'NATIVE';
  durationMs: number;
  /** Size of the savepoint as Flink reports it, when known. */
  sizeBytes?: number;
}

export interface StopOutcome {
  jobId: string;
  mode: StopMode;
  finalState: string;
  savepointPath?: string;
  durationMs: number;
  /** Flink's own end-to-end duration of the stop savepoint, when reported. */
  flinkSavepointMs?: number;
}

export type RestoreSource =
  | { kind: 'latest-savepoint' }
  | { kind: 'latest-checkpoint' }
  | { kind: 'path'; path: string }
  /** A savepoint chosen from history (its path). */
  | { kind: 'savepoint'; path: string };

export interface RestoreVerification {
  /** True when Flink reports the requested path as the restored checkpoint/savepoint. */
  verified: boolean;
  requestedPath: string;
  flinkRestoredPath?: string;
  flinkRestoredCheckpointId?: number;
  isSavepoint?: boolean;
  /** What went wrong when not verified, for people. */
  explanation?: string;
}

export interface RestoreOutcome extends SubmitOutcome {
  source: RestoreSource['kind'];
  requestedPath: string;
  verification: RestoreVerification;
}
