// A job file's life through the Flink Kubernetes Operator: deploy, stop with savepoint (suspend),
// trigger a savepoint (FlinkStateSnapshot), restore (initialSavepointPath + next redeploy nonce) —
// each as manifests applied with kubectl, or written to a file when kubectl is missing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FlinkPilotError } from '../errors';
import type { JobSpec } from '../jobs/deploymentTypes';
import { type ApplyResult, applyManifests, type KubectlOptions, readDeployedRedeployNonce } from './kubectlApply';
import {
  buildOperatorManifests,
  buildSavepointSnapshot,
  type KubernetesManifest,
  kubernetesResourceName,
  type OperatorJobSpec,
  type OperatorResources,
  restoreFromSavepoint,
  suspendWithSavepoint,
  type UpgradeMode,
} from './operatorManifests';

/** The `kubernetes` settings of a job file in mode `kubernetes-operator`. */
export interface OperatorSettings {
  namespace?: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  serviceAccount?: string;
  /** Jar inside the image or fetchable by the operator; default: `local:///opt/flink/usrlib/<jar file name>`. */
  jarURI?: string;
  /** Run as a FlinkSessionJob on this session FlinkDeployment instead of a FlinkDeployment of its own. */
  sessionDeploymentName?: string;
  upgradeMode?: UpgradeMode;
  /** Path of a Pod template YAML file. */
  podTemplate?: string;
  jobManager?: OperatorResources;
  taskManager?: OperatorResources;
  taskSlots?: number;
  /** SQL jobs: the runner jar that executes a script path given as its first argument (default: `jarURI`). */
  sqlRunnerJarURI?: string;
  labels?: Readonly<Record<string, string>>;
  sqlRunnerEntryClass?: string;
}

export type OperatorAction =
  | { kind: 'deploy' }
  | { kind: 'suspend' }
  | { kind: 'savepoint'; path?: string; format?: 'canonical' | 'native' }
  | { kind: 'restore'; savepointPath: string };

export interface OperatorRequest extends KubectlOptions {
  job: JobSpec;
  settings: OperatorSettings;
  action: OperatorAction;
  /** Where manifests are written when kubectl is missing (`<dir>/<job>-<action>.yaml`). */
  manifestDir: string;
  /** Directory that relative paths (pod template) are resolved against. */
  baseDir: string;
  dryRun?: 'client' | 'server';
  /** Ask kubectl for the deployed `savepointRedeployNonce` before a restore (default true). */
  lookUpDeployedNonce?: boolean;
}

export interface OperatorOutcome {
  documents: KubernetesManifest[];
  warnings: string[];
  apply: ApplyResult;
}

/** Resolves a job's deployment view into the operator's job spec. */
export async function operatorJobSpec(job: JobSpec, settings: OperatorSettings, baseDir: string): Promise<OperatorJobSpec> {
  let podTemplate: Record<string, unknown> | undefined;
  if (settings.podTemplate) {
    const path = join(baseDir, settings.podTemplate);
    try {
      podTemplate = parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new FlinkPilotError(`Cannot read the pod template ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, code: 'invalid-operator-spec' });
    }
  }
  const jarName = job.jar?.path?.split('/').pop();
  return {
    name: job.name,
    namespace: settings.namespace,
    flinkVersion: job.flinkVersion,
    kind: settings.sessionDeploymentName ? 'session-job' : 'application',
    sessionDeploymentName: settings.sessionDeploymentName,
    image: settings.image,
    imagePullPolicy: settings.imagePullPolicy,
    serviceAccount: settings.serviceAccount,
    jarURI: job.type === 'jar' ? settings.jarURI ?? (jarName ? `local:///opt/flink/usrlib/${jarName}` : undefined) : undefined,
    entryClass: job.jar?.entryClass,
    args: job.jar?.args,
    parallelism: job.parallelism,
    upgradeMode: settings.upgradeMode,
    flinkConfiguration: { ...job.config, 'pipeline.name': job.name },
    savepointDirectory: job.savepoints.directory,
    taskSlots: settings.taskSlots,
    jobManager: settings.jobManager,
    taskManager: settings.taskManager,
    podTemplate,
    labels: settings.labels,
    allowNonRestoredState: job.restore.allowNonRestoredState || undefined,
    sql: job.type === 'sql'
      ? {
        script: job.sql?.text ?? '',
        runnerJarURI: settings.sqlRunnerJarURI ?? settings.jarURI ?? '',
        runnerEntryClass: settings.sqlRunnerEntryClass,
      }
      : undefined,
  };
}

/** The manifests of an action, without applying them (`restore` asks kubectl for the deployed nonce when it can). */
export async function operatorManifests(request: Omit<OperatorRequest, 'manifestDir' | 'dryRun'>): Promise<{ documents: KubernetesManifest[]; warnings: string[]; name: string }> {
  const spec = await operatorJobSpec(request.job, request.settings, request.baseDir);
  if (spec.sql && !spec.sql.runnerJarURI) {
    throw new FlinkPilotError(`The SQL job "${spec.name}" needs kubernetes.jarURI: the SQL runner jar the operator starts with the script.`, {
      code: 'invalid-operator-spec',
      hint: 'The operator runs jars: build a SQL runner image (e.g. from the operator\'s flink-sql-runner example) and name its jar.',
    });
  }
  let documents: KubernetesManifest[];
  let warnings: string[] = [];
  switch (request.action.kind) {
    case 'deploy':
      ({ documents, warnings } = buildOperatorManifests(spec));
      break;
    case 'suspend':
      ({ documents, warnings } = suspendWithSavepoint(spec));
      break;
    case 'restore': {
      const kind = spec.kind === 'application' ? 'FlinkDeployment' : 'FlinkSessionJob';
      const deployed = request.lookUpDeployedNonce === false ? undefined : await readDeployedRedeployNonce(kind, kubernetesResourceName(spec.name), request);
      ({ documents, warnings } = restoreFromSavepoint(spec, request.action.savepointPath, deployed));
      break;
    }
    case 'savepoint':
      documents = [buildSavepointSnapshot(spec, { path: request.action.path, formatType: request.action.format === 'native' ? 'NATIVE' : 'CANONICAL' })];
      break;
  }
  return { documents, warnings, name: kubernetesResourceName(spec.name) };
}

export async function runOperatorAction(request: OperatorRequest): Promise<OperatorOutcome> {
  const { documents, warnings, name } = await operatorManifests(request);
  const manifestFile = join(request.manifestDir, `${name}-${request.action.kind}.yaml`);
  const apply = await applyManifests(documents, { ...request, manifestFile });
  return { documents, warnings, apply };
}
