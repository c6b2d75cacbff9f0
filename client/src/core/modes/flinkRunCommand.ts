// Builds the `bin/flink` argument array for a jar job in each CLI deployment mode, in the dialect of
// the installation's Flink line:
//   1.x: `run -t remote|yarn-session|yarn-per-job|kubernetes-session`, `run-application -t yarn-application|kubernetes-application`
//   2.x: `run -t …` for every target (run-application and yarn-per-job are gone).
// Options go through `-D` (GenericCLI, active whenever `-t` is given, reads only -t and -D: a `-m` would be
// ignored silently). Restore settings use `run`'s own flags; `run-application` documents only the generic
// options, so there they go through the `execution.state-recovery.*` keys that both lines share.
import { join } from 'node:path';
import { FlinkPilotError } from '../errors';
import { isFlink2OrLater, parseFlinkVersion } from '../installations/flinkVersion';
import type { CliDeploymentMode, FlinkCliCommand, FlinkRunSpec } from './deploymentTargets';

function usageError(message: string, hint?: string): FlinkPilotError {
  return new FlinkPilotError(message, { code: 'invalid-deployment', hint });
}

/** Modes whose submission creates a cluster for the job, so resources and images apply. */
export function createsCluster(mode: CliDeploymentMode): boolean {
  return mode === 'yarn-per-job' || mode === 'yarn-application' || mode === 'kubernetes-application';
}

function isApplicationMode(mode: CliDeploymentMode): boolean {
  return mode === 'yarn-application' || mode === 'kubernetes-application';
}

function checkSpec(spec: FlinkRunSpec, flink2: boolean): void {
  if (!spec.jar) throw usageError('A jar job needs its jar file.');
  if (spec.mode === 'yarn-per-job' && flink2) {
    throw usageError(`YARN per-job mode was removed in Flink 2.0; this job uses Flink ${spec.flinkVersion}.`,
      'Use mode: yarn-application (the job gets its own cluster, as in per-job mode).');
  }
  if (spec.mode === 'remote' && !spec.remote) throw usageError('Remote mode needs the JobManager address (host and port).');
  if ((spec.mode === 'kubernetes-session' || spec.mode === 'kubernetes-application') && !spec.kubernetes?.clusterId) {
    throw usageError(`${spec.mode} needs kubernetes.clusterId (the Flink cluster id on Kubernetes).`);
  }
  if (spec.mode === 'kubernetes-application' && spec.jar.startsWith('/')) {
    throw usageError(`In kubernetes-application mode the jar must be inside the image, e.g. local:///opt/flink/usrlib/${spec.jar.slice(spec.jar.lastIndexOf('/') + 1)}; got the local path ${spec.jar}.`,
      'Build an image that contains the jar and name it with a local:// URI.');
  }
  if (spec.parallelism !== undefined && (!Number.isInteger(spec.parallelism) || spec.parallelism < 1)) {
    throw usageError(`Parallelism must be a positive integer, not ${spec.parallelism}.`);
  }
  if (spec.restore?.claimMode === 'legacy' && flink2) {
    throw usageError('Claim mode "legacy" was removed in Flink 2.0.', 'Use claim or no_claim.');
  }
}

/** `-D` options in a stable order: mode-derived settings override the job's generic `config`. */
function dynamicProperties(spec: FlinkRunSpec, viaConfig: boolean): Map<string, string> {
  const properties = new Map<string, string>();
  for (const [key, value] of Object.entries(spec.config ?? {})) properties.set(key, String(value));
  const set = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== '') properties.set(key, String(value));
  };
  set('pipeline.name', spec.jobName);
  if (spec.remote) {
    set('rest.address', spec.remote.host);
    set('rest.port', spec.remote.port);
  }
  if (spec.mode.startsWith('yarn-')) {
    if (spec.mode === 'yarn-session') set('yarn.application.id', spec.yarn?.applicationId);
    set('yarn.application.queue', spec.yarn?.queue);
    if (createsCluster(spec.mode)) {
      set('yarn.application.name', spec.yarn?.applicationName ?? spec.jobName);
      set('yarn.application.node-label', spec.yarn?.nodeLabel);
      set('yarn.ship-files', spec.yarn?.shipFiles?.join(';'));
      set('yarn.provided.lib.dirs', spec.yarn?.providedLibDirs?.join(';'));
      set('yarn.appmaster.vcores', spec.resources?.jobManagerCpu);
      set('yarn.containers.vcores', spec.resources?.taskManagerCpu);
    }
  }
  const k8s = spec.kubernetes;
  if (k8s && spec.mode.startsWith('kubernetes-')) {
    set('kubernetes.cluster-id', k8s.clusterId);
    set('kubernetes.namespace', k8s.namespace);
    set('kubernetes.context', k8s.context);
    if (spec.mode === 'kubernetes-application') {
      set('kubernetes.container.image.pull-policy', k8s.imagePullPolicy);
      set('kubernetes.jobmanager.cpu.amount', spec.resources?.jobManagerCpu);
      set('kubernetes.taskmanager.cpu.amount', spec.resources?.taskManagerCpu);
      set('kubernetes.service-account', k8s.serviceAccount);
      set('kubernetes.container.image.ref', k8s.image);
      set('kubernetes.pod-template-file.default', k8s.podTemplate);
      set('kubernetes.pod-template-file.jobmanager', k8s.jobManagerPodTemplate);
      set('kubernetes.pod-template-file.taskmanager', k8s.taskManagerPodTemplate);
      set('kubernetes.rest-service.exposed.type', k8s.restServiceExposedType);
    }
  }
  if (createsCluster(spec.mode)) {
    set('jobmanager.memory.process.size', spec.resources?.jobManagerMemory);
    set('taskmanager.memory.process.size', spec.resources?.taskManagerMemory);
    set('taskmanager.numberOfTaskSlots', spec.resources?.taskSlots);
  }
  if (viaConfig) {
    set('parallelism.default', spec.parallelism);
    if (spec.restore) {
      set('execution.state-recovery.path', spec.restore.path);
      if (spec.restore.allowNonRestoredState) set('execution.state-recovery.ignore-unclaimed-state', true);
      set('execution.state-recovery.claim-mode', spec.restore.claimMode?.toUpperCase());
    }
  }
  return properties;
}

/** The `bin/flink` command for a spec, run by the installation at `flinkHome`. */
export function buildFlinkRunCommand(spec: FlinkRunSpec, flinkHome: string): FlinkCliCommand {
  const flink2 = isFlink2OrLater(parseFlinkVersion(spec.flinkVersion));
  checkSpec(spec, flink2);
  const action = isApplicationMode(spec.mode) && !flink2 ? 'run-application' : 'run';
  // Application mode is always detached from the client and `run-application` has no -s/-p/-n flags.
  const viaConfig = isApplicationMode(spec.mode);
  const args: string[] = [action, '-t', spec.mode];
  for (const [key, value] of dynamicProperties(spec, viaConfig)) args.push(`-D${key}=${value}`);
  if (!viaConfig) {
    if (spec.detached !== false) args.push('-d');
    if (spec.parallelism !== undefined) args.push('-p', String(spec.parallelism));
    if (spec.restore) {
      args.push('-s', spec.restore.path);
      if (spec.restore.allowNonRestoredState) args.push('-n');
      if (spec.restore.claimMode) args.push('-cm', spec.restore.claimMode);
    }
  }
  if (spec.entryClass) args.push('-c', spec.entryClass);
  // Everything after the jar belongs to the job's main(); a job argument that looks like a flag stays one of its arguments.
  args.push(spec.jar, ...(spec.args ?? []));
  return { executable: join(flinkHome, 'bin', 'flink'), args, env: { FLINK_HOME: flinkHome }, mode: spec.mode, action };
}
