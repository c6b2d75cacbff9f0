// The REST and SQL Gateway clients of one cluster connection, plus the job-state waits every
// operation needs ("until all tasks run", "until the job has ended"), which report a failing
// job with Flink's own root exception instead of a bare state name.
import { FlinkPilotError } from '../errors';
import { FlinkRestClient } from '../flink/flinkRestClient';
import { TERMINAL_JOB_STATES, type JobDetails, type JobStatus } from '../flink/flinkRestTypes';
import { SqlGatewayClient } from '../flink/sqlGatewayClient';
import { err, ok, type Result } from '../result';
import type { ClusterConnection } from './deploymentTypes';
import { pollUntil } from './polling';

export interface ClusterClients {
  rest: FlinkRestClient;
  gateway?: SqlGatewayClient;
  close(): Promise<void>;
}

export function openClusterClients(connection: ClusterConnection): ClusterClients {
  const common = { clusterName: connection.name, auth: connection.auth, tls: connection.tls, timeoutMs: connection.timeoutMs };
  const rest = new FlinkRestClient({ ...common, baseUrl: connection.restUrl });
  const gateway = connection.gatewayUrl ? new SqlGatewayClient({ ...common, baseUrl: connection.gatewayUrl }) : undefined;
  return {
    rest,
    gateway,
    async close() {
      await Promise.all([rest.close(), gateway?.close()]);
    },
  };
}

/** The job's page in the Flink Web UI. */
export function jobWebUrl(connection: ClusterConnection, jobId: string): string {
  const url = new URL(connection.restUrl);
  // Never show credentials someone put into the address.
  url.username = '';
  url.password = '';
  return `${url.href.replace(/\/+$/, '')}/#/job/running/${jobId}/overview`;
}

/** Every vertex is RUNNING (or FINISHED, for bounded sources): the job can take a savepoint. */
export function allTasksRunning(details: JobDetails): boolean {
  return details.state === 'RUNNING' && details.vertices.length > 0 && details.vertices.every((v) => v.status === 'RUNNING' || v.status === 'FINISHED');
}

/** The root exception of a job, for messages about failed jobs. */
export async function jobRootException(rest: FlinkRestClient, jobId: string, signal?: AbortSignal): Promise<string | undefined> {
  const exceptions = await rest.jobExceptions(jobId, { signal, maxExceptions: 1 });
  if (!exceptions.ok) return undefined;
  const latest = exceptions.value.exceptionHistory?.entries?.[0];
  const stack = latest?.stacktrace ?? exceptions.value['root-exception'];
  if (!stack) return undefined;
  const causes = stack.split('\n').filter((l) => l.startsWith('Caused by: ')).map((l) => l.slice('Caused by: '.length));
  return causes.at(-1) ?? stack.split('\n')[0];
}

export async function waitForTasksRunning(
  rest: FlinkRestClient,
  jobId: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Result<JobDetails, FlinkPilotError>> {
  return pollUntil<JobDetails, FlinkPilotError>(
    async () => {
      const details = await rest.jobDetails(jobId, { signal: options.signal });
      if (!details.ok) return details.error.status === 404 ? ok(undefined) : details;
      if (allTasksRunning(details.value)) return ok(details.value);
      if (TERMINAL_JOB_STATES.has(details.value.state) || details.value.state === 'FAILING') {
        const cause = await jobRootException(rest, jobId, options.signal);
        return err(
          new FlinkPilotError(`Job ${jobId} ended in state ${details.value.state} instead of running.${cause ? ` Flink says: ${cause}` : ''}`, {
            code: 'job-failed',
            hint: 'Open the job in the Flink Web UI (Exceptions tab) or the JobManager log for details.',
          }),
        );
      }
      return ok(undefined);
    },
    { what: `job ${jobId} to run`, timeoutMs: options.timeoutMs, signal: options.signal, initialDelayMs: 25, maxDelayMs: 500, hint: 'The cluster may lack free task slots; check /overview or the Web UI.' },
  );
}

export async function waitForTerminalState(
  rest: FlinkRestClient,
  jobId: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Result<JobStatus, FlinkPilotError>> {
  return pollUntil<JobStatus, FlinkPilotError>(
    async () => {
      const status = await rest.jobStatus(jobId, { signal: options.signal });
      if (!status.ok) return status;
      return ok(TERMINAL_JOB_STATES.has(status.value) ? status.value : undefined);
    },
    { what: `job ${jobId} to end`, timeoutMs: options.timeoutMs, signal: options.signal, initialDelayMs: 20, maxDelayMs: 500 },
  );
}
