// Submits a jar job through a Flink distribution's `bin/flink` (YARN, Kubernetes native, or remote):
// picks the installation of the job's Flink version, builds the argument array for the mode, runs it,
// and records the submission in the job's history when Flink's job id is known. Application modes get
// a fixed job id (`$internal.pipeline.job-id`), as the Kubernetes operator does, so the job can be found
// again for savepoints and stops.
import { randomBytes } from 'node:crypto';
import { FlinkPilotError } from '../errors';
import { formatFlinkVersion } from '../installations/flinkVersion';
import { type FlinkInstallationInfo, type InstallationScan, selectInstallation } from '../installations/installationRegistry';
import type { JobHistoryStore } from '../history/jobHistory';
import { programArguments, sha256OfFile } from '../jobs/jarSubmission';
import type { JobSpec } from '../jobs/deploymentTypes';
import { err, ok, type Result } from '../result';
import type { CliDeploymentMode, FlinkRunSpec, KubernetesTarget, RemoteTarget, ResourceSettings, RestoreSettings, YarnTarget } from './deploymentTargets';
import { type FlinkCliRunResult, describeFlinkCommand, runFlinkCli } from './flinkCliRunner';
import { buildFlinkRunCommand } from './flinkRunCommand';

export interface CliModeSubmitRequest {
  jobFilePath: string;
  job: JobSpec;
  mode: CliDeploymentMode;
  /** Name recorded in history (the cluster definition, or the YARN/Kubernetes target). */
  clusterName: string;
  remote?: RemoteTarget;
  yarn?: YarnTarget;
  kubernetes?: KubernetesTarget;
  resources?: ResourceSettings;
  /** Jar location for the cluster when it differs from the local jar (`local:///opt/flink/usrlib/job.jar`). */
  jarUri?: string;
  restore?: RestoreSettings;
  installations: InstallationScan;
  /** Installation name the job file prefers. */
  installationName?: string;
  history?: JobHistoryStore;
  onProgress?: (step: string) => void;
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CliModeSubmitOutcome extends Omit<FlinkCliRunResult, 'output'> {
  installation: Pick<FlinkInstallationInfo, 'name' | 'flinkHome' | 'origin'> & { version: string };
  /** The command as run, secrets masked. */
  command: string;
}

function isApplicationMode(mode: CliDeploymentMode): boolean {
  return mode === 'yarn-application' || mode === 'kubernetes-application';
}

/** A random Flink job id (32 hex digits). */
export function newJobId(): string {
  return randomBytes(16).toString('hex');
}

export async function submitWithFlinkCli(request: CliModeSubmitRequest): Promise<Result<CliModeSubmitOutcome, FlinkPilotError>> {
  const { job } = request;
  try {
    if (job.type !== 'jar') {
      return err(new FlinkPilotError(`Mode ${request.mode} runs jar jobs through bin/flink; "${job.name}" is a SQL job.`, {
        code: 'invalid-deployment',
        hint: 'Submit SQL jobs to a cluster with a SQL Gateway (mode remote), or package the script with a SQL runner jar (mode kubernetes-operator).',
      }));
    }
    const jar = request.jarUri ?? job.jar?.path;
    if (!jar) {
      return err(new FlinkPilotError(`The jar job "${job.name}" names no jar file.`, { code: 'no-jar', hint: 'Set the jar path (or build the project first with `flink-pilot build`).' }));
    }
    const args = programArguments(job.jar?.args ?? [], job.variables);
    if (!args.ok) return args;
    const installation = selectInstallation(request.installations, job.flinkVersion, {
      preferredName: request.installationName,
      installHint: 'For 1.20 and 2.3, `flink-pilot local start --flink <line>` installs one into the cache.',
    });
    const config: Record<string, string> = { ...job.config };
    const fixedJobId = isApplicationMode(request.mode) ? (config['$internal.pipeline.job-id'] ??= newJobId()) : undefined;
    const spec: FlinkRunSpec = {
      mode: request.mode,
      flinkVersion: formatFlinkVersion(installation.version),
      jar,
      entryClass: job.jar?.entryClass,
      args: args.value,
      jobName: job.name,
      parallelism: job.parallelism,
      restore: request.restore,
      resources: request.resources,
      config,
      remote: request.remote,
      yarn: request.yarn,
      kubernetes: request.kubernetes,
    };
    const command = buildFlinkRunCommand(spec, installation.flinkHome);
    const shown = describeFlinkCommand(command);
    request.onProgress?.(`Running ${shown}`);
    const result = await runFlinkCli(command, { signal: request.signal, onLine: request.onLine, timeoutMs: request.timeoutMs });
    const jobId = result.jobId ?? fixedJobId;
    if (jobId && request.history) {
      await request.history.append(request.jobFilePath, {
        kind: 'submission',
        at: new Date().toISOString(),
        cluster: request.clusterName,
        jobId,
        jobName: job.name,
        jobType: 'jar',
        flinkVersion: formatFlinkVersion(installation.version),
        jarPath: jar,
        jarChecksum: job.jar?.path && !request.jarUri ? await sha256OfFile(job.jar.path) : undefined,
        entryClass: job.jar?.entryClass,
        programArgs: args.value,
        configuration: config,
        restoredFrom: request.restore?.path,
      });
    }
    const { output: _output, ...rest } = result;
    return ok({
      ...rest,
      jobId,
      installation: { name: installation.name, flinkHome: installation.flinkHome, origin: installation.origin, version: formatFlinkVersion(installation.version) },
      command: shown,
    });
  } catch (error) {
    if (error instanceof FlinkPilotError) return err(error);
    return err(new FlinkPilotError(`Submitting "${job.name}" in mode ${request.mode} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error, code: 'internal' }));
  }
}
