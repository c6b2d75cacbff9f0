// Savepoint, stop and cancel of a running job. Triggers are polled with adaptive backoff and a
// timeout. When a savepoint fails, Flink keeps the job running: the error carries Flink's failure
// cause and the job's state afterwards, so the user knows nothing was lost and what to fix.
import { FlinkPilotError } from '../errors';
import { exceptionChain } from '../flink/flinkError';
import type { FlinkRestClient } from '../flink/flinkRestClient';
import type { CheckpointStatistics, SavepointFormatType, SavepointOperationResult } from '../flink/flinkRestTypes';
import { err, ok, type Result } from '../result';
import { waitForTerminalState } from './clusterClients';
import type { SavepointFormat } from './deploymentTypes';
import { pollUntil } from './polling';
import { localSnapshotSize } from './snapshotPaths';

export interface SnapshotRequest {
  targetDirectory?: string;
  format: SavepointFormat;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface CompletedSavepoint {
  path: string;
  formatType: SavepointFormatType;
  /** Wall time from the trigger call to the completed status, as seen by us. */
  durationMs: number;
  /** Flink's own end-to-end duration and size of the savepoint, from the checkpoint statistics. */
  flinkDurationMs?: number;
  sizeBytes?: number;
}

export function formatTypeOf(format: SavepointFormat): SavepointFormatType {
  return format === 'native' ? 'NATIVE' : 'CANONICAL';
}

/** Polls a savepoint/stop trigger until it completes; a failure becomes an error with Flink's cause. */
async function awaitTrigger(
  rest: FlinkRestClient,
  jobId: string,
  triggerId: string,
  what: string,
  request: SnapshotRequest,
): Promise<Result<string, FlinkPilotError>> {
  return pollUntil<string, FlinkPilotError>(
    async () => {
      const status = await rest.savepointStatus(jobId, triggerId, { signal: request.signal });
      if (!status.ok) return status;
      return completedLocation(status.value, rest, jobId, what);
    },
    {
      what: `${what} of job ${jobId}`,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      initialDelayMs: 20,
      maxDelayMs: 1000,
      hint: 'Flink may still complete it: check the job’s Checkpoints tab. Raise savepoints.timeout in the job file for large state.',
    },
  );
}

async function completedLocation(
  status: SavepointOperationResult,
  rest: FlinkRestClient,
  jobId: string,
  what: string,
): Promise<Result<string | undefined, FlinkPilotError>> {
  if (status.status.id !== 'COMPLETED') return ok(undefined);
  const location = status.operation?.location;
  if (location) return ok(location);
  const failure = status.operation?.['failure-cause'];
  const chain = exceptionChain(failure?.['stack-trace'] ?? failure?.class ?? '');
  const state = await rest.jobStatus(jobId);
  const stateText = state.ok ? state.value : 'unknown (the cluster did not answer)';
  return err(
    new FlinkPilotError(`The ${what} of job ${jobId} failed: ${(chain.at(-1) ?? 'Flink gave no cause').replace(/\.$/, '')}. The job is ${stateText === 'RUNNING' ? 'still RUNNING' : `in state ${stateText}`}.`, {
      code: 'savepoint-failed',
      detail: chain.length > 1 ? chain.join('\n  caused by ') : undefined,
      hint: savepointFailureHint(chain.join('\n')),
    }),
  );
}

function savepointFailureHint(causes: string): string {
  if (/No savepoint directory configured/i.test(causes)) return 'Set savepoints.directory in the job file, or execution.checkpointing.savepoint-dir on the cluster.';
  if (/not all required tasks are currently running|Not all required tasks/i.test(causes)) return 'Wait until every task of the job runs (or it finished partially: savepoints need all tasks running), then try again.';
  return 'Check that the savepoint directory exists and is writable by the JobManager and TaskManagers, and that all tasks are running.';
}

/** Flink's own statistics of a completed savepoint (size, duration), when it still has them. */
async function savepointStatistics(rest: FlinkRestClient, jobId: string, path: string, signal?: AbortSignal): Promise<CheckpointStatistics | undefined> {
  const stats = await rest.checkpoints(jobId, { signal });
  if (!stats.ok) return undefined;
  const candidates = [stats.value.latest?.savepoint, ...(stats.value.history ?? [])];
  return candidates.find((c): c is CheckpointStatistics => !!c && c.is_savepoint && c.external_path === path) ?? undefined;
}

export async function takeSavepoint(rest: FlinkRestClient, jobId: string, request: SnapshotRequest): Promise<Result<CompletedSavepoint, FlinkPilotError>> {
  const formatType = formatTypeOf(request.format);
  const started = performance.now();
  const trigger = await rest.triggerSavepoint(jobId, { targetDirectory: request.targetDirectory, formatType, cancelJob: false }, { signal: request.signal });
  if (!trigger.ok) return trigger;
  const location = await awaitTrigger(rest, jobId, trigger.value, 'savepoint', request);
  if (!location.ok) return location;
  const durationMs = performance.now() - started;
  const stats = await savepointStatistics(rest, jobId, location.value, request.signal);
  return ok({ path: location.value, formatType, durationMs, flinkDurationMs: stats?.end_to_end_duration, sizeBytes: stats?.checkpointed_size ?? stats?.state_size ?? (await localSnapshotSize(location.value)) });
}

export interface StoppedJob extends CompletedSavepoint {
  finalState: string;
}

/** Stop with savepoint; `drain` first lets sources emit MAX_WATERMARK (fires all timers and windows). */
export async function stopWithSavepoint(
  rest: FlinkRestClient,
  jobId: string,
  request: SnapshotRequest & { drain: boolean },
): Promise<Result<StoppedJob, FlinkPilotError>> {
  const formatType = formatTypeOf(request.format);
  const started = performance.now();
  const trigger = await rest.stopWithSavepoint(jobId, { targetDirectory: request.targetDirectory, formatType, drain: request.drain }, { signal: request.signal });
  if (!trigger.ok) return trigger;
  const location = await awaitTrigger(rest, jobId, trigger.value, request.drain ? 'stop with savepoint (drain)' : 'stop with savepoint', request);
  if (!location.ok) return location;
  const ended = await waitForTerminalState(rest, jobId, { timeoutMs: request.timeoutMs, signal: request.signal });
  const durationMs = performance.now() - started;
  const stats = await savepointStatistics(rest, jobId, location.value, request.signal);
  return ok({
    path: location.value,
    formatType,
    durationMs,
    flinkDurationMs: stats?.end_to_end_duration,
    sizeBytes: stats?.checkpointed_size ?? stats?.state_size ?? (await localSnapshotSize(location.value)),
    finalState: ended.ok ? ended.value : 'unknown',
  });
}

export async function cancel(rest: FlinkRestClient, jobId: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<Result<string, FlinkPilotError>> {
  const cancelled = await rest.cancelJob(jobId, { signal: options.signal });
  if (!cancelled.ok) return cancelled;
  return waitForTerminalState(rest, jobId, options);
}
