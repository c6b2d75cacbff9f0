// A job file as the CLI needs it: the deployment view (JobSpec), how it is deployed (mode and the
// mode's settings) and where (the cluster), plus the JobContext the deployment service takes.
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { FlinkPilotError } from '../core/errors';
import { findWorkspaceRoot, JobHistoryStore } from '../core/history/jobHistory';
import type { JobContext, JobSpec } from '../core/jobs/deploymentTypes';
import type { JobMode } from '../core/jobs/jobFile';
import type { KubernetesTarget, ResourceSettings, YarnTarget } from '../core/modes/deploymentTargets';
import type { OperatorSettings } from '../core/modes/operatorDeployment';
import type { CliContext } from './cliContext';
import { resolveCluster, type KnownCluster } from './cliClusters';
import { type CliJobLoadOptions, loadJobFileForCli } from './cliJobFileLoader';


export interface LoadedCliJob {
  jobFilePath: string;
  job: JobSpec;
  mode: JobMode;
  /** Cluster name from the job file (`local` for the local cluster of the job's version). */
  clusterName?: string;
  yarn?: YarnTarget;
  kubernetes?: KubernetesTarget & OperatorSettings;
  resources?: ResourceSettings;
  /** Jar location for the cluster when it differs from the local jar. */
  jarUri?: string;
  /** Installation name the job file prefers (`flinkHome`). */
  installationName?: string;
}

export async function loadCliJob(ctx: CliContext, jobFile: string, options: CliJobLoadOptions = {}): Promise<LoadedCliJob> {
  const path = resolve(ctx.cwd, jobFile);
  if (!existsSync(path)) {
    throw new FlinkPilotError(`The job file ${jobFile} does not exist.`, { code: 'job-file-missing', hint: 'Pass the path of a *.flink.yaml file.' });
  }
  return loadJobFileForCli(path, ctx, options);
}

/** The cluster a job runs on: `--cluster`, else the job file's, else the local cluster of its version. */
export async function clusterForJob(ctx: CliContext, loaded: LoadedCliJob, override?: string): Promise<KnownCluster> {
  const name = override ?? loaded.clusterName;
  if (!name && loaded.mode !== 'remote') {
    // A YARN or Kubernetes job is reached through the REST address of its cluster definition; the
    // local cluster is never a silent stand-in for it.
    throw new FlinkPilotError(`${loaded.jobFilePath} runs in mode ${loaded.mode} and names no cluster, so its JobManager cannot be reached.`, {
      code: 'cluster-not-found',
      hint: 'Add `cluster: NAME` with a definition (restUrl of the JobManager or its proxy) in .flink/clusters.yaml, or pass --cluster NAME.',
    });
  }
  return resolveCluster(ctx, name ?? 'local', loaded.job.flinkVersion);
}

export function jobContextFor(ctx: CliContext, loaded: LoadedCliJob, cluster: KnownCluster): JobContext {
  return {
    jobFilePath: loaded.jobFilePath,
    job: loaded.job,
    cluster: cluster.connection,
    history: historyFor(loaded),
    onProgress: ctx.io.progress,
    signal: ctx.signal,
  };
}

export function jobBaseDir(loaded: LoadedCliJob): string {
  return dirname(loaded.jobFilePath);
}

/** The job's history, rooted where the extension roots it (the job file's workspace), so both see the same log. */
export function historyFor(loaded: LoadedCliJob): JobHistoryStore {
  return new JobHistoryStore({ workspaceRoot: findWorkspaceRoot(loaded.jobFilePath) });
}
