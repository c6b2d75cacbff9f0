// The job file (`*.flink.yaml`): one Flink job as a file in Git. This module is its model (the types
// every part of Flink Pilot shares) and its loader: YAML text → validated `JobFile`, or positioned
// problems. Validation is the same engine the language server uses (JSON Schema generated per Flink
// version from the option catalog, checked with ajv, positions from the `yaml` package), so the CLI,
// the extension and the editor agree on what a valid job file is.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import { analyzeJobFileText, isSqlFileReference, type JobFileProblem } from '../../../../server/src/languageService/jobFile/jobFileAnalysis';
import { parseFlinkDuration, parseFlinkMemorySize } from '../../../../server/src/languageService/jobFile/flinkValues';

export { parseFlinkDuration, parseFlinkMemorySize };

export type { JobFileProblem } from '../../../../server/src/languageService/jobFile/jobFileAnalysis';
/** Whether a `sql:` value is a file reference (one line ending in `.sql`) rather than inline statements. */
export { isSqlFileReference };

// ---------------------------------------------------------------------------------------------
// Enumerations

export const JOB_TYPES = ['sql', 'jar'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** How and where the job runs. `remote` submits to a running cluster (standalone or session) over REST. */
export const JOB_MODES = [
  'remote',
  'yarn-session',
  'yarn-per-job',
  'yarn-application',
  'kubernetes-session',
  'kubernetes-application',
  'kubernetes-operator',
] as const;
export type JobMode = (typeof JOB_MODES)[number];

/** What `stop` does: stop-with-savepoint, stop-with-savepoint + drain (emit MAX_WATERMARK), or a plain cancel. */
export const STOP_MODES = ['savepoint', 'drain', 'cancel'] as const;
export type JobStopMode = (typeof STOP_MODES)[number];

export const SAVEPOINT_FORMATS = ['canonical', 'native'] as const;
export type JobSavepointFormat = (typeof SAVEPOINT_FORMATS)[number];

/** Where a (re)start takes its state from. */
export const RESTORE_SOURCES = ['latest-savepoint', 'latest-checkpoint', 'path', 'none'] as const;
export type JobRestoreSource = (typeof RESTORE_SOURCES)[number];

/** Flink's `execution.state-recovery.claim-mode` (`legacy` only exists up to 1.20). */
export const CLAIM_MODES = ['claim', 'no_claim', 'legacy'] as const;
export type JobClaimMode = (typeof CLAIM_MODES)[number];

export const WEBHOOK_KINDS = ['dingtalk', 'wecom', 'lark', 'slack', 'http'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** Lark robot message types: `interactive` (a message card) or plain `text`. */
export const LARK_MESSAGE_FORMATS = ['interactive', 'text'] as const;
export type LarkMessageFormat = (typeof LARK_MESSAGE_FORMATS)[number];

export const ALERT_EVENTS = ['failed', 'restarts', 'checkpoint-failures', 'cluster-lost'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const KUBERNETES_UPGRADE_MODES = ['stateless', 'savepoint', 'last-state'] as const;
export type KubernetesUpgradeMode = (typeof KUBERNETES_UPGRADE_MODES)[number];

export const REST_SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless_ClusterIP'] as const;
export type RestServiceType = (typeof REST_SERVICE_TYPES)[number];

export const BUILD_TOOLS = ['maven', 'maven-wrapper'] as const;
export type BuildTool = (typeof BUILD_TOOLS)[number];

// ---------------------------------------------------------------------------------------------
// The model (as written in the file, after validation; durations and sizes kept as Flink text)

/** A Flink Duration as text: `30 s`, `10 min`, `PT1M` (a plain number in the file is loaded as `<n> ms`). */
export type DurationValue = string;
/** A Flink MemorySize as text: `1600m`, `2g`, `512 mb` (a plain number in the file is loaded as `<n> b`). */
export type MemorySizeValue = string;

/** A Flink option value as YAML gives it. Lists and maps are turned into Flink's text form by `flinkConfigText`. */
export type FlinkConfigValue = string | number | boolean | string[] | Record<string, string | number | boolean>;

/** Reference to a secret by name: resolved by the caller from SecretStorage or the environment, never a literal. */
export interface SecretReference {
  /** Name of the secret (env fallback: `FLINK_PILOT_SECRET_<NAME>` upper-cased, `-`/`.` → `_`). */
  secret: string;
}

export interface GitCredentials extends SecretReference {
  /** `token`: HTTPS with a token; `basic`: HTTPS user + password; `ssh`: private key (the secret is the key). */
  type: 'token' | 'basic' | 'ssh';
  /** User for `basic` (not a secret). */
  username?: string;
}

/** A jar built from a Git project (helper: client/src/core/build): written here, or named with `use`. */
export interface GitProject {
  /** Name of a project in `.flink/projects.yaml`; the other fields override its own. */
  use?: string;
  /** Clone URL (https://, ssh://, git@host:…, file://) or a local path to a repository; required without `use`. */
  url?: string;
  /** Branch, tag or commit; default: the remote's default branch. */
  ref?: string;
  credentials?: GitCredentials;
  /** Sub-directory of the repository that holds the build (multi-module repos). */
  directory?: string;
  /** POM file relative to `directory`; default `pom.xml`. */
  pom?: string;
  /** Default `maven` (uses `./mvnw` when `maven-wrapper`). */
  buildTool?: BuildTool;
  /** Extra build arguments, e.g. `[-Pprod, -DskipTests]`. */
  buildArgs?: string[];
  /** A Maven `settings.xml` (path relative to the job file) for mirrors and repository credentials. */
  mavenSettings?: string;
  /** Glob of the built jar relative to the module directory; default: the largest `target/*.jar` that is not `original-*`. */
  jar?: string;
}

/** The jar of a jar job: exactly one of `path`, `maven`, `project`. */
export interface JarArtifact {
  /** Local jar path, relative to the job file. */
  path?: string;
  /** Maven coordinates `group:artifact:version`. */
  maven?: string;
  project?: GitProject;
  /** Main class; default: the jar manifest's `Main-Class`. */
  entryClass?: string;
  /** Program arguments; `${name}` variables are substituted. */
  args?: string[];
}

export interface MavenDependencySpec {
  /** `group:artifact:version` or `group:artifact:type:classifier:version`. */
  coordinates: string;
  /** `group:artifact` (either may be `*`). */
  exclusions?: string[];
}

export interface JobDependencies {
  /** Coordinates as a string, or with exclusions. */
  maven?: Array<string | MavenDependencySpec>;
  /** Extra jars (paths relative to the job file), e.g. connectors and UDFs. */
  jars?: string[];
}

export interface ProcessResources {
  /** Total process memory (`*.memory.process.size`), e.g. `1600m`, `2g`. */
  memory?: MemorySizeValue;
  /** CPU cores (YARN vcores / Kubernetes CPU). */
  cpu?: number;
}

export interface JobResources {
  jobManager?: ProcessResources;
  taskManager?: ProcessResources & {
    /** `taskmanager.numberOfTaskSlots`. */
    slots?: number;
    /** Number of TaskManagers (Kubernetes operator `replicas`). */
    replicas?: number;
  };
}

export interface SavepointSettings {
  /** Target directory for savepoints (`execution.checkpointing.savepoint-dir`). */
  directory?: string;
  /** What stop does; default `savepoint`. */
  stopMode?: JobStopMode;
  /** Default `canonical` (portable across state backends); `native` is faster for big RocksDB state. */
  format?: JobSavepointFormat;
  /** Flink Duration, e.g. `10 min`; default 10 min. */
  timeout?: DurationValue;
}

export interface RestoreSettings {
  /** Default `latest-savepoint` (falls back to a fresh start when there is none). */
  from?: JobRestoreSource;
  /** Savepoint / checkpoint path when `from: path`. */
  path?: string;
  /** Skip state that no operator of the new job claims; default false. */
  allowNonRestoredState?: boolean;
  /** Default `no_claim`. */
  claimMode?: JobClaimMode;
}

export interface SmtpSettings {
  host: string;
  port?: number;
  /** Implicit TLS (465); otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  requireTls?: boolean;
  /** PEM file of an extra trusted CA (e.g. a company CA), relative to the job file. */
  caFile?: string;
  username?: string;
  /** Secret holding the SMTP password. */
  secret?: string;
  from?: string;
}

export interface EmailChannelDefinition {
  name: string;
  type: 'email';
  to: string[];
  cc?: string[];
  smtp?: SmtpSettings;
}

/** A webhook channel as written; the alert room uses it as it is once checked. */
export interface WebhookChannelDefinition {
  name: string;
  type: 'webhook';
  kind: WebhookKind;
  /** Plain endpoint (when the URL itself carries no credential). */
  url?: string;
  /** Secret holding the webhook URL (DingTalk/WeCom/Lark/Slack URLs embed their token). */
  urlSecret?: string;
  /** DingTalk/Lark signing secret name. */
  signSecret?: string;
  /** Lark only: a message card (`interactive`, default) or plain `text`. */
  larkFormat?: LarkMessageFormat;
}

export type AlertChannelDefinition = EmailChannelDefinition | WebhookChannelDefinition;

export interface AlertTrigger {
  on: AlertEvent;
  /** For `restarts` and `checkpoint-failures`: more than this many … */
  count?: number;
  /** … within this Duration (e.g. `10 min`). */
  within?: DurationValue;
  /** Channel names; default: every channel. */
  channels?: string[];
}

export interface AlertSettings {
  channels?: AlertChannelDefinition[];
  triggers?: AlertTrigger[];
}

export interface AutoRestartSettings {
  /** Default true when the block is present. */
  enabled?: boolean;
  /** Give up after this many automatic restarts (within `within`). */
  maxRestarts?: number;
  /** Window for `maxRestarts` (Duration); default: unbounded. */
  within?: DurationValue;
  /** Wait before restarting (Duration); default `30 s`. */
  delay?: DurationValue;
  /** Default `latest-checkpoint`. */
  from?: Exclude<JobRestoreSource, 'path'>;
}

export interface YarnSettings {
  /** `application_…` of the YARN session (yarn-session). */
  applicationId?: string;
  queue?: string;
  applicationName?: string;
  /** YARN node label expression. */
  nodeLabel?: string;
  /** Files/dirs shipped with the application (`yarn.ship-files`). */
  shipFiles?: string[];
  /** Pre-uploaded Flink libs on HDFS (`yarn.provided.lib.dirs`), application mode. */
  providedLibDirs?: string[];
}

export interface KubernetesSettings {
  /** `kubernetes.cluster-id`: session to use, or application cluster to create. */
  clusterId?: string;
  namespace?: string;
  /** kubectl context; default: the current one. */
  context?: string;
  serviceAccount?: string;
  image?: string;
  imagePullPolicy?: 'IfNotPresent' | 'Always' | 'Never';
  podTemplate?: string;
  jobManagerPodTemplate?: string;
  taskManagerPodTemplate?: string;
  restServiceType?: RestServiceType;
  /** Operator: jar URI the pods can read, default `local:///opt/flink/usrlib/<jar>`. */
  jarURI?: string;
  /** Operator: run as a FlinkSessionJob on this FlinkDeployment. */
  sessionDeployment?: string;
  /** Operator: how upgrades carry state; default `savepoint`. */
  upgradeMode?: KubernetesUpgradeMode;
  labels?: Record<string, string>;
}

interface JobFileCommon {
  name: string;
  description?: string;
  /** `1.20`, `2.0`, `2.1`, `2.2`, `2.3` or a release such as `1.20.3`. */
  flinkVersion: string;
  /** Name in `.flink/clusters.yaml` (or a local cluster). Required for `remote` and session modes. */
  cluster?: string;
  /** Default `remote`. */
  mode?: JobMode;
  /** Installation (FLINK_HOME) name that runs `bin/flink` for CLI modes. */
  flinkHome?: string;
  parallelism?: number;
  resources?: JobResources;
  /** Any Flink option of the chosen version. */
  config?: Record<string, FlinkConfigValue>;
  dependencies?: JobDependencies;
  savepoints?: SavepointSettings;
  restore?: RestoreSettings;
  alerts?: AlertSettings;
  autoRestart?: AutoRestartSettings;
  /** `${name}` values for SQL and args. */
  variables?: Record<string, string | number | boolean>;
  tags?: string[];
  yarn?: YarnSettings;
  kubernetes?: KubernetesSettings;
}

export interface SqlJobFile extends JobFileCommon {
  type: 'sql';
  /** Path of a `.sql` file (relative to the job file; one line ending in `.sql`) or the statements inline. */
  sql: string;
}

export interface JarJobFile extends JobFileCommon {
  type: 'jar';
  jar: JarArtifact;
}

export type JobFile = SqlJobFile | JarJobFile;

/** A job file read from disk, with its references resolved. */
export interface LoadedJobFile {
  /** Absolute path of the `.flink.yaml`. */
  path: string;
  job: JobFile;
  /** Effective mode (default applied). */
  mode: JobMode;
  /** SQL jobs: the script and where it came from (`path` absent when inline). */
  sql?: { text: string; path?: string };
  /** Jar jobs with `jar.path`: the absolute jar path. */
  jarPath?: string;
  /** Warnings (e.g. options deprecated in the chosen version); errors never reach here. */
  warnings: JobFileProblem[];
}

/** Loading failed: every problem with its position in the file. */
export class JobFileError extends FlinkPilotError {
  readonly file: string;
  readonly problems: JobFileProblem[];
  constructor(file: string, problems: JobFileProblem[], message?: string) {
    const first = problems[0];
    super(message ?? (first ? `${file}:${first.line}:${first.column}: ${first.message}` : `${file} is not a valid job file.`), {
      code: 'invalid-job-file',
      detail: problems.length > 1 ? problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n') : undefined,
      hint: 'Fix the job file (the editor shows each problem at its place), then try again.',
    });
    this.name = 'JobFileError';
    this.file = file;
    this.problems = problems;
  }
}

export interface LoadJobFileOptions {
  /** Cluster names that exist (definitions + local); when given, an unknown `cluster` is an error. */
  clusterNames?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Loading

/** Absolute path of a path written in a job file (relative to the job file's directory). */
export function resolveJobFilePath(jobFilePath: string, written: string): string {
  const path = written.startsWith('file://') ? new URL(written).pathname : written;
  return isAbsolute(path) ? path : resolve(dirname(jobFilePath), path);
}

/** Parses and validates job file text; `path` is used for messages and to resolve referenced files. */
export function parseJobFileText(text: string, path: string, options: LoadJobFileOptions = {}): Result<{ job: JobFile; warnings: JobFileProblem[] }, JobFileError> {
  const analysis = analyzeJobFileText(text, {
    fileExists: (written) => existsSync(resolveJobFilePath(path, written)),
    clusterNames: options.clusterNames,
  });
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !analysis.value) return err(new JobFileError(path, errors.length > 0 ? errors : analysis.problems));
  const job = analysis.value as unknown as JobFile;
  normalizeQuantities(job);
  // Always a string, as written: an unquoted `1.20` must not become the number 1.2.
  if (analysis.versionText) job.flinkVersion = analysis.versionText;
  return ok({ job, warnings: analysis.problems.filter((p) => p.severity !== 'error') });
}

/** Plain numbers for Durations (ms) and MemorySizes (bytes) become Flink text, so consumers see one form. */
function normalizeQuantities(job: JobFile): void {
  const ms = (v: unknown): string | undefined => (typeof v === 'number' ? `${v} ms` : (v as string | undefined));
  const bytes = (v: unknown): string | undefined => (typeof v === 'number' ? `${v} b` : (v as string | undefined));
  const set = <T extends object, K extends keyof T>(target: T | undefined, key: K, convert: (v: unknown) => string | undefined): void => {
    if (target && target[key] !== undefined) (target as Record<K, unknown>)[key] = convert(target[key]);
  };
  set(job.resources?.jobManager, 'memory', bytes);
  set(job.resources?.taskManager, 'memory', bytes);
  set(job.savepoints, 'timeout', ms);
  set(job.autoRestart, 'within', ms);
  set(job.autoRestart, 'delay', ms);
  for (const trigger of job.alerts?.triggers ?? []) set(trigger, 'within', ms);
}

/** Reads a job file, validates it and resolves its SQL script / jar path. Never throws. */
export function loadJobFile(jobFilePath: string, options: LoadJobFileOptions = {}): Result<LoadedJobFile, JobFileError> {
  const path = resolve(jobFilePath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const problem: JobFileProblem = { message: `Cannot read the job file: ${(cause as Error).message}`, severity: 'error', code: 'unreadable', line: 1, column: 1, endLine: 1, endColumn: 1 };
    return err(new JobFileError(path, [problem]));
  }
  const parsed = parseJobFileText(text, path, options);
  if (!parsed.ok) return parsed;
  const { job, warnings } = parsed.value;
  const loaded: LoadedJobFile = { path, job, mode: job.mode ?? 'remote', warnings };
  if (job.type === 'sql') {
    if (isSqlFileReference(job.sql)) {
      const sqlPath = resolveJobFilePath(path, job.sql.trim());
      try {
        if (!statSync(sqlPath).isFile()) throw new Error('not a file');
        loaded.sql = { text: readFileSync(sqlPath, 'utf8'), path: sqlPath };
      } catch (cause) {
        return err(new JobFileError(path, [], `${path}: cannot read the SQL file ${sqlPath}: ${(cause as Error).message}`));
      }
    } else {
      loaded.sql = { text: job.sql };
    }
  } else if (job.jar.path) {
    loaded.jarPath = resolveJobFilePath(path, job.jar.path);
  }
  return ok(loaded);
}

// ---------------------------------------------------------------------------------------------
// Helpers for deployment

/** A Flink option value as Flink's configuration text: lists `;`-joined, maps `k:v,k2:v2`. */
export function flinkConfigText(value: FlinkConfigValue): string {
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => `${k}:${String(v)}`).join(',');
  return String(value);
}

/** Milliseconds of a Duration value of the job file (already validated), e.g. for `savepoints.timeout`. */
export function durationMs(value: DurationValue | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  return parseFlinkDuration(value) ?? fallbackMs;
}

/** All `config:` options as Flink configuration text. */
export function flinkConfigStrings(config: Record<string, FlinkConfigValue> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config ?? {})) result[key] = flinkConfigText(value);
  return result;
}

/** `variables:` as strings (numbers and booleans as YAML wrote them). */
export function jobVariables(job: JobFile): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(job.variables ?? {})) result[key] = String(value);
  return result;
}

/** Maven dependencies normalised to `{ coordinates, exclusions }`. */
export function mavenDependencies(job: JobFile): MavenDependencySpec[] {
  return (job.dependencies?.maven ?? []).map((d) => (typeof d === 'string' ? { coordinates: d } : d));
}
