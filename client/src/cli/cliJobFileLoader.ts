// Reads a `*.flink.yaml` job file with the job file model (the same validation the editor shows) and
// turns it into what the CLI deploys: the JobSpec, and the mode's settings with paths resolved against
// the job file and defaults from the cluster definition (YARN session id, Kubernetes namespace/context).
import { loadJobFile, resolveJobFilePath, type LoadedJobFile } from '../core/jobs/jobFile';
import { jobSpecFromJobFile, type JobSpecOptions } from '../core/jobs/jobSpec';
import { jobWithBuiltJar } from '../core/build/projectDeployment';
import { buildJobProject, latestBuiltJar } from './cliProjectBuild';
import type { ClusterDefinition } from '../core/jobs/clusterDefinitions';
import type { KubernetesTarget, ResourceSettings, YarnTarget } from '../core/modes/deploymentTargets';
import type { OperatorSettings } from '../core/modes/operatorDeployment';
import type { CliContext } from './cliContext';
import type { LoadedCliJob } from './cliJobs';
import { knownClusters } from './cliClusters';

export interface CliJobLoadOptions {
  /** Build the jar first when it comes from a Git project (submit, restore). */
  build?: boolean;
}

export async function loadJobFileForCli(jobFilePath: string, ctx: CliContext, options: CliJobLoadOptions = {}): Promise<LoadedCliJob> {
  const loaded = loadJobFile(jobFilePath);
  if (!loaded.ok) throw loaded.error;
  for (const warning of loaded.value.warnings) ctx.io.err(`Warning: ${jobFilePath}:${warning.line}:${warning.column}: ${warning.message}`);
  const fromProject = loaded.value.job.type === 'jar' && loaded.value.job.jar.project !== undefined;
  const specOptions: JobSpecOptions = {};
  const built = fromProject && options.build ? await buildJobProject(ctx, loaded.value) : undefined;
  // Commands that only address the running job (stop, savepoint, history) need no fresh build.
  if (built) specOptions.builtJarPath = built.artifact.path;
  if (built) specOptions.builtJarPath = built.artifact.path;
  else if (fromProject) specOptions.builtJarPath = (await latestBuiltJar(loaded.value.path)) ?? PROJECT_JAR_NOT_BUILT;
  let spec = jobSpecFromJobFile(loaded.value, specOptions);
  if (spec.ok && built) spec = jobWithBuiltJar(spec.value, built);
  if (!spec.ok) throw spec.error;
  const file = loaded.value;
  const clusterName = file.job.cluster;
  const definition = clusterName ? (await knownClusters(ctx)).find((c) => c.connection.name === clusterName)?.definition : undefined;
  return {
    jobFilePath: file.path,
    job: spec.value,
    mode: file.mode,
    clusterName,
    yarn: yarnTarget(file, definition),
    kubernetes: kubernetesSettings(file, definition),
    resources: resourceSettings(file),
    jarUri: file.mode === 'kubernetes-application' ? file.job.kubernetes?.jarURI ?? inImageJar(spec.value.jar?.path) : undefined,
    installationName: file.job.flinkHome ?? definition?.flinkHome,
  };
}

/** Placeholder jar of a project job that was never built; never submitted (submit builds first). */
const PROJECT_JAR_NOT_BUILT = '(not built yet: flink-pilot build)';

/** Native Kubernetes application mode runs the jar from the image: `local:///opt/flink/usrlib/<name>`. */
function inImageJar(localPath: string | undefined): string | undefined {
  const name = localPath?.split('/').pop();
  return name ? `local:///opt/flink/usrlib/${name}` : undefined;
}

function yarnTarget(file: LoadedJobFile, definition: ClusterDefinition | undefined): YarnTarget | undefined {
  const yarn = file.job.yarn;
  if (!yarn && !definition?.yarn) return undefined;
  return {
    applicationId: yarn?.applicationId ?? definition?.yarn?.applicationId,
    queue: yarn?.queue ?? definition?.yarn?.queue,
    applicationName: yarn?.applicationName,
    nodeLabel: yarn?.nodeLabel,
    shipFiles: yarn?.shipFiles?.map((path) => (/^[a-z][\w+.-]*:\/\//i.test(path) ? path : resolveJobFilePath(file.path, path))),
    providedLibDirs: yarn?.providedLibDirs,
  };
}

function kubernetesSettings(file: LoadedJobFile, definition: ClusterDefinition | undefined): (KubernetesTarget & OperatorSettings) | undefined {
  const k8s = file.job.kubernetes;
  if (!k8s && !definition?.kubernetes) return undefined;
  const local = (path: string | undefined) => (path ? resolveJobFilePath(file.path, path) : undefined);
  const resources = file.job.resources;
  return {
    clusterId: k8s?.clusterId ?? definition?.kubernetes?.clusterId ?? '',
    namespace: k8s?.namespace ?? definition?.kubernetes?.namespace,
    context: k8s?.context ?? definition?.kubernetes?.context,
    serviceAccount: k8s?.serviceAccount,
    image: k8s?.image,
    imagePullPolicy: k8s?.imagePullPolicy,
    // bin/flink reads pod templates itself: absolute paths. The operator path reads it relative to the job file.
    podTemplate: file.mode === 'kubernetes-operator' ? k8s?.podTemplate : local(k8s?.podTemplate),
    jobManagerPodTemplate: local(k8s?.jobManagerPodTemplate),
    taskManagerPodTemplate: local(k8s?.taskManagerPodTemplate),
    restServiceExposedType: k8s?.restServiceType,
    jarURI: k8s?.jarURI,
    sessionDeploymentName: k8s?.sessionDeployment,
    upgradeMode: k8s?.upgradeMode,
    labels: k8s?.labels,
    jobManager: resources?.jobManager ? { memory: resources.jobManager.memory, cpu: resources.jobManager.cpu } : undefined,
    taskManager: resources?.taskManager ? { memory: resources.taskManager.memory, cpu: resources.taskManager.cpu, replicas: resources.taskManager.replicas } : undefined,
    taskSlots: resources?.taskManager?.slots,
  };
}

function resourceSettings(file: LoadedJobFile): ResourceSettings | undefined {
  const resources = file.job.resources;
  if (!resources) return undefined;
  return {
    jobManagerMemory: resources.jobManager?.memory,
    taskManagerMemory: resources.taskManager?.memory,
    taskSlots: resources.taskManager?.slots,
    jobManagerCpu: resources.jobManager?.cpu,
    taskManagerCpu: resources.taskManager?.cpu,
  };
}
