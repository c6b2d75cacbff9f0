// The deployment modes that go through a Flink distribution's `bin/flink` (the job file's `mode`),
// and what each needs to know about its target. Kubernetes operator deployments are manifests, not
// CLI runs: see operatorManifests.ts.

import type { JobClaimMode, JobMode, RestServiceType } from '../jobs/jobFile';

/** The job file's modes except `kubernetes-operator` (manifests, not a CLI run). */
export type CliDeploymentMode = Exclude<JobMode, 'kubernetes-operator'>;

export type ClaimMode = JobClaimMode;

export type RestServiceExposedType = RestServiceType;

export interface RemoteTarget {
  /** JobManager REST host and port (`rest.address`, `rest.port`). */
  host: string;
  port: number;
}

export interface YarnTarget {
  /** `application_…` of a running YARN session (yarn-session mode). */
  applicationId?: string;
  queue?: string;
  applicationName?: string;
  /** `yarn.application.node-label`. */
  nodeLabel?: string;
  /** `yarn.ship-files`. */
  shipFiles?: readonly string[];
  /** `yarn.provided.lib.dirs`: Flink libs already on HDFS, so they are not uploaded per job. */
  providedLibDirs?: readonly string[];
}

export interface KubernetesTarget {
  /** `kubernetes.cluster-id`: the session cluster to use, or the application cluster to create. */
  clusterId: string;
  namespace?: string;
  serviceAccount?: string;
  /** Container image (`kubernetes.container.image.ref`), application mode. */
  image?: string;
  /** Pod template files for all pods, the JobManager and the TaskManagers. */
  podTemplate?: string;
  jobManagerPodTemplate?: string;
  taskManagerPodTemplate?: string;
  restServiceExposedType?: RestServiceExposedType;
  /** `kubernetes.context` of the kubeconfig. */
  context?: string;
  /** `kubernetes.container.image.pull-policy`. */
  imagePullPolicy?: 'IfNotPresent' | 'Always' | 'Never';
}

export interface ResourceSettings {
  /** `jobmanager.memory.process.size`, e.g. `1600m`. */
  jobManagerMemory?: string;
  /** `taskmanager.memory.process.size`. */
  taskManagerMemory?: string;
  /** `taskmanager.numberOfTaskSlots`. */
  taskSlots?: number;
  /** YARN vcores / Kubernetes CPU of the JobManager and of each TaskManager. */
  jobManagerCpu?: number;
  taskManagerCpu?: number;
}

export interface RestoreSettings {
  /** Savepoint or retained checkpoint to start from. */
  path: string;
  allowNonRestoredState?: boolean;
  claimMode?: ClaimMode;
}

/** Everything `bin/flink run` / `run-application` needs for one jar job submission. */
export interface FlinkRunSpec {
  mode: CliDeploymentMode;
  /** Version of the installation that runs the command (decides the CLI's dialect). */
  flinkVersion: string;
  /** Job jar: a local path, or a URI the cluster can read (`local:///opt/flink/usrlib/job.jar`). */
  jar: string;
  entryClass?: string;
  args?: readonly string[];
  /** `pipeline.name`. */
  jobName?: string;
  parallelism?: number;
  /** Submit and return (default true); attached mode waits for the job to end. */
  detached?: boolean;
  restore?: RestoreSettings;
  resources?: ResourceSettings;
  /** Any Flink option, passed as `-Dkey=value`. */
  config?: Readonly<Record<string, string | number | boolean>>;
  remote?: RemoteTarget;
  yarn?: YarnTarget;
  kubernetes?: KubernetesTarget;
}

/** A command ready to run: executable plus arguments, never a shell string. */
export interface FlinkCliCommand {
  executable: string;
  args: string[];
  /** Environment additions (e.g. FLINK_CONF_DIR); the caller's environment is inherited. */
  env: Record<string, string>;
  mode: CliDeploymentMode;
  /** `run` or `run-application`. */
  action: 'run' | 'run-application';
}
