// Flink Kubernetes Operator resources (flink.apache.org/v1beta1, operator 1.15) for a job:
//   FlinkDeployment (application cluster per job) or FlinkSessionJob (job on a session FlinkDeployment),
//   FlinkStateSnapshot (a manual savepoint), and for SQL jobs a ConfigMap with the script, mounted into
//   the pods and run by a SQL runner jar (the operator runs jars, not SQL).
// Lifecycle maps onto the spec: stop with savepoint = `job.state: suspended` + `upgradeMode: savepoint`;
// restore = `initialSavepointPath` + a changed `savepointRedeployNonce`.
import { stringify } from 'yaml';
import { FlinkPilotError } from '../errors';
import { compareFlinkVersions, type FlinkVersion, parseFlinkVersion, versionLine } from '../installations/flinkVersion';

export const OPERATOR_API_VERSION = 'flink.apache.org/v1beta1';

/** `spec.flinkVersion` values the operator 1.15 CRD accepts. */
export const OPERATOR_FLINK_VERSIONS = ['v1_13', 'v1_14', 'v1_15', 'v1_16', 'v1_17', 'v1_18', 'v1_19', 'v1_20', 'v2_0', 'v2_1', 'v2_2'] as const;
export type OperatorFlinkVersion = (typeof OPERATOR_FLINK_VERSIONS)[number];

export type UpgradeMode = 'stateless' | 'savepoint' | 'last-state';
export type JobState = 'running' | 'suspended';
export type SnapshotFormat = 'CANONICAL' | 'NATIVE';

export interface OperatorResources {
  /** e.g. `2048m`, `2g`. */
  memory?: string;
  cpu?: number;
  replicas?: number;
}

/** A Kubernetes manifest as plain data. */
export interface KubernetesManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface OperatorJobSpec {
  /** The job's name; the resource name is derived from it (DNS-1123, at most 45 characters). */
  name: string;
  namespace?: string;
  flinkVersion: string;
  /** `application`: a FlinkDeployment per job. `session-job`: a FlinkSessionJob on `sessionDeploymentName`. */
  kind: 'application' | 'session-job';
  sessionDeploymentName?: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  serviceAccount?: string;
  /** Jar inside the image (`local:///opt/flink/usrlib/job.jar`) or a URL the operator can fetch. */
  jarURI?: string;
  entryClass?: string;
  args?: readonly string[];
  parallelism?: number;
  upgradeMode?: UpgradeMode;
  flinkConfiguration?: Readonly<Record<string, string | number | boolean>>;
  savepointDirectory?: string;
  checkpointDirectory?: string;
  taskSlots?: number;
  jobManager?: OperatorResources;
  taskManager?: OperatorResources;
  /** A Pod (as parsed YAML) used as `spec.podTemplate`. */
  podTemplate?: Record<string, unknown>;
  labels?: Readonly<Record<string, string>>;
  /** For SQL jobs: the script and the runner jar that executes a script file given as its argument. */
  sql?: { script: string; runnerJarURI: string; runnerEntryClass?: string };
  allowNonRestoredState?: boolean;
}

export interface OperatorManifests {
  /** In apply order (ConfigMap before the Flink resource). */
  documents: KubernetesManifest[];
  /** The FlinkDeployment or FlinkSessionJob. */
  resource: KubernetesManifest;
  warnings: string[];
}

export interface LifecycleOptions {
  state?: JobState;
  /** Savepoint to start from (sets `initialSavepointPath`). */
  restorePath?: string;
  /** `savepointRedeployNonce`; set together with `restorePath` to redeploy a running job from it. */
  savepointRedeployNonce?: number;
  upgradeMode?: UpgradeMode;
}

const SQL_MOUNT_DIR = '/opt/flink/usrlib/sql';
const MAIN_CONTAINER = 'flink-main-container';
const MAX_NAME_LENGTH = 45;

function invalid(message: string, hint?: string): FlinkPilotError {
  return new FlinkPilotError(message, { code: 'invalid-operator-spec', hint });
}

/** A DNS-1123 label from a job name: lower case, `[a-z0-9-]`, starting with a letter, ≤ 45 characters. */
export function kubernetesResourceName(jobName: string): string {
  const name = jobName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^[^a-z]+/, '').slice(0, MAX_NAME_LENGTH).replace(/-+$/, '');
  if (!name) throw invalid(`Cannot derive a Kubernetes resource name from the job name "${jobName}".`, 'Give the job a name with letters.');
  return name;
}

/** Maps a Flink version to the operator's enum; versions newer than it knows use its newest value, with a warning. */
export function operatorFlinkVersion(flinkVersion: string, warnings: string[] = []): OperatorFlinkVersion {
  const version: FlinkVersion = parseFlinkVersion(flinkVersion);
  const exact = `v${version.major}_${version.minor}`;
  if ((OPERATOR_FLINK_VERSIONS as readonly string[]).includes(exact)) return exact as OperatorFlinkVersion;
  const newest = OPERATOR_FLINK_VERSIONS[OPERATOR_FLINK_VERSIONS.length - 1];
  if (compareFlinkVersions(version, parseFlinkVersion(newest)) > 0) {
    warnings.push(`The Flink Kubernetes Operator 1.15 knows Flink versions up to ${versionLine(parseFlinkVersion(newest))}; spec.flinkVersion is ${newest} for Flink ${flinkVersion} (the image decides the version that runs).`);
    return newest;
  }
  throw invalid(`The Flink Kubernetes Operator does not support Flink ${flinkVersion}.`, 'Use Flink 1.13 or later.');
}

function stringMap(values: Readonly<Record<string, string | number | boolean>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, String(value)]));
}

function resources(resource: OperatorResources | undefined, defaults: { memory: string; cpu: number }): Record<string, unknown> {
  const result: Record<string, unknown> = { resource: { memory: resource?.memory ?? defaults.memory, cpu: resource?.cpu ?? defaults.cpu } };
  if (resource?.replicas !== undefined) result.replicas = resource.replicas;
  return result;
}

/** Adds the SQL ConfigMap volume to a pod template, keeping whatever the user's template has. */
function withSqlVolume(podTemplate: Record<string, unknown> | undefined, configMapName: string): Record<string, unknown> {
  const template = structuredClone(podTemplate ?? { apiVersion: 'v1', kind: 'Pod' }) as Record<string, unknown>;
  const spec = ((template.spec as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
  template.spec = spec;
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as unknown[]) : [];
  spec.volumes = [...volumes, { name: 'flink-pilot-sql', configMap: { name: configMapName } }];
  const containers = Array.isArray(spec.containers) ? (spec.containers as Record<string, unknown>[]) : [];
  let main = containers.find((container) => container.name === MAIN_CONTAINER);
  if (!main) {
    main = { name: MAIN_CONTAINER };
    containers.push(main);
  }
  const mounts = Array.isArray(main.volumeMounts) ? (main.volumeMounts as unknown[]) : [];
  main.volumeMounts = [...mounts, { name: 'flink-pilot-sql', mountPath: SQL_MOUNT_DIR }];
  spec.containers = containers;
  return template;
}

function jobSection(spec: OperatorJobSpec, lifecycle: LifecycleOptions, sqlScriptPath: string | undefined): Record<string, unknown> {
  const jarURI = spec.sql ? spec.sql.runnerJarURI : spec.jarURI;
  if (!jarURI) throw invalid(`The job "${spec.name}" has no jar for the operator.`, 'Set the jar URI (e.g. local:///opt/flink/usrlib/job.jar).');
  const job: Record<string, unknown> = { jarURI };
  const entryClass = spec.sql ? spec.sql.runnerEntryClass : spec.entryClass;
  if (entryClass) job.entryClass = entryClass;
  const args = sqlScriptPath ? [sqlScriptPath, ...(spec.args ?? [])] : spec.args;
  if (args?.length) job.args = [...args];
  if (spec.parallelism !== undefined) job.parallelism = spec.parallelism;
  job.upgradeMode = lifecycle.upgradeMode ?? spec.upgradeMode ?? 'savepoint';
  job.state = lifecycle.state ?? 'running';
  if (lifecycle.restorePath) job.initialSavepointPath = lifecycle.restorePath;
  if (lifecycle.savepointRedeployNonce !== undefined) job.savepointRedeployNonce = lifecycle.savepointRedeployNonce;
  if (spec.allowNonRestoredState !== undefined) job.allowNonRestoredState = spec.allowNonRestoredState;
  return job;
}

/** The manifests that deploy (or, with `lifecycle`, suspend or redeploy) a job through the operator. */
export function buildOperatorManifests(spec: OperatorJobSpec, lifecycle: LifecycleOptions = {}): OperatorManifests {
  const warnings: string[] = [];
  const name = kubernetesResourceName(spec.name);
  const labels = { 'app.kubernetes.io/managed-by': 'flink-pilot', 'flink-pilot/job': name, ...spec.labels };
  const metadata = (resourceName: string) => ({ name: resourceName, ...(spec.namespace ? { namespace: spec.namespace } : {}), labels });
  const documents: KubernetesManifest[] = [];

  let sqlScriptPath: string | undefined;
  let podTemplate = spec.podTemplate;
  if (spec.sql) {
    const configMapName = `${name}-sql`;
    documents.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(configMapName), data: { 'job.sql': spec.sql.script } });
    sqlScriptPath = `${SQL_MOUNT_DIR}/job.sql`;
    if (spec.kind === 'session-job') {
      throw invalid('SQL jobs on a session cluster through the operator are not supported: a FlinkSessionJob cannot mount the script.',
        'Use kind application (a FlinkDeployment per job), or submit the SQL through the session cluster\'s SQL Gateway.');
    }
    podTemplate = withSqlVolume(podTemplate, configMapName);
  }

  const flinkConfiguration = stringMap(spec.flinkConfiguration);
  if (spec.savepointDirectory) flinkConfiguration['execution.checkpointing.savepoint-dir'] = spec.savepointDirectory;
  if (spec.checkpointDirectory) flinkConfiguration['execution.checkpointing.dir'] = spec.checkpointDirectory;
  if (spec.taskSlots !== undefined) flinkConfiguration['taskmanager.numberOfTaskSlots'] = String(spec.taskSlots);
  const upgradeMode = lifecycle.upgradeMode ?? spec.upgradeMode ?? 'savepoint';
  if (upgradeMode !== 'stateless' && !flinkConfiguration['execution.checkpointing.savepoint-dir'] && !flinkConfiguration['state.savepoints.dir']) {
    warnings.push(`upgradeMode ${upgradeMode} needs a savepoint directory (execution.checkpointing.savepoint-dir) on storage the pods share; none is configured.`);
  }
  const job = jobSection(spec, lifecycle, sqlScriptPath);

  let resource: KubernetesManifest;
  if (spec.kind === 'application') {
    if (!spec.image) throw invalid(`The job "${spec.name}" needs a container image for a FlinkDeployment.`, 'Set the image, e.g. flink:1.20 or your image with the job jar.');
    const deploymentSpec: Record<string, unknown> = {
      image: spec.image,
      flinkVersion: operatorFlinkVersion(spec.flinkVersion, warnings),
      serviceAccount: spec.serviceAccount ?? 'flink',
      flinkConfiguration,
      jobManager: resources(spec.jobManager, { memory: '1600m', cpu: 1 }),
      taskManager: resources(spec.taskManager, { memory: '1728m', cpu: 1 }),
      job,
    };
    if (spec.imagePullPolicy) deploymentSpec.imagePullPolicy = spec.imagePullPolicy;
    if (podTemplate) deploymentSpec.podTemplate = podTemplate;
    resource = { apiVersion: OPERATOR_API_VERSION, kind: 'FlinkDeployment', metadata: metadata(name), spec: deploymentSpec };
  } else {
    if (!spec.sessionDeploymentName) throw invalid(`The session job "${spec.name}" needs the name of its session FlinkDeployment.`);
    const sessionSpec: Record<string, unknown> = { deploymentName: spec.sessionDeploymentName, job };
    if (Object.keys(flinkConfiguration).length) sessionSpec.flinkConfiguration = flinkConfiguration;
    resource = { apiVersion: OPERATOR_API_VERSION, kind: 'FlinkSessionJob', metadata: metadata(name), spec: sessionSpec };
  }
  documents.push(resource);
  return { documents, resource, warnings };
}

/** Stop with savepoint: the operator takes a savepoint and tears the job down. */
export function suspendWithSavepoint(spec: OperatorJobSpec): OperatorManifests {
  return buildOperatorManifests(spec, { state: 'suspended', upgradeMode: 'savepoint' });
}

/**
 * Restore from a savepoint: `initialSavepointPath` and a new `savepointRedeployNonce` (one above the
 * deployed one), so the operator redeploys from that path even when the job is already running. The
 * operator only acts when the nonce changes: when the deployed value is unknown, the current Unix time
 * in seconds is used, which differs from any counter and keeps growing.
 */
export function restoreFromSavepoint(spec: OperatorJobSpec, savepointPath: string, deployedNonce?: number, now: () => number = Date.now): OperatorManifests {
  if (!savepointPath) throw invalid('Restoring through the operator needs a savepoint path.');
  return buildOperatorManifests(spec, {
    state: 'running',
    upgradeMode: 'savepoint',
    restorePath: savepointPath,
    savepointRedeployNonce: deployedNonce !== undefined ? deployedNonce + 1 : Math.floor(now() / 1000),
  });
}

export interface StateSnapshotOptions {
  /** Target directory; the operator's configured savepoint directory when omitted. */
  path?: string;
  formatType?: SnapshotFormat;
  /** Delete the savepoint data when the resource is deleted (default false: savepoints outlive resources). */
  disposeOnDelete?: boolean;
  backoffLimit?: number;
  /** Suffix that makes the resource name unique; default: the current time. */
  suffix?: string;
}

/** A manual savepoint of the job's FlinkDeployment or FlinkSessionJob. */
export function buildSavepointSnapshot(spec: Pick<OperatorJobSpec, 'name' | 'namespace' | 'kind'>, options: StateSnapshotOptions = {}): KubernetesManifest {
  const jobName = kubernetesResourceName(spec.name);
  const suffix = (options.suffix ?? new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 14)).toLowerCase();
  const savepoint: Record<string, unknown> = {
    formatType: options.formatType ?? 'CANONICAL',
    disposeOnDelete: options.disposeOnDelete ?? false,
    alreadyExists: false,
  };
  if (options.path) savepoint.path = options.path;
  return {
    apiVersion: OPERATOR_API_VERSION,
    kind: 'FlinkStateSnapshot',
    metadata: {
      name: `${jobName.slice(0, 63 - suffix.length - 4)}-sp-${suffix}`,
      ...(spec.namespace ? { namespace: spec.namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'flink-pilot', 'flink-pilot/job': jobName },
    },
    spec: {
      backoffLimit: options.backoffLimit ?? 1,
      jobReference: { kind: spec.kind === 'application' ? 'FlinkDeployment' : 'FlinkSessionJob', name: jobName },
      savepoint,
    },
  };
}

/** Multi-document YAML, as `kubectl apply -f -` reads it. */
export function manifestsToYaml(documents: readonly KubernetesManifest[]): string {
  return documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
}
