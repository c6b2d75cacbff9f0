// Where a restore starts from, and the proof that it did. Sources: the latest savepoint in the
// job's history, a chosen savepoint, the latest retained checkpoint (from Flink's statistics of the
// previous job, else the newest `chk-N/_metadata` in the checkpoint directory), or a path. After
// the start, Flink's `/jobs/:id/checkpoints` → `latest.restored` must name that very path: a job
// that silently starts empty (StreamPark #1955, Dinky #2893) is reported as NOT restored.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FlinkPilotError } from '../errors';
import type { FlinkRestClient } from '../flink/flinkRestClient';
import type { JobHistoryStore } from '../history/jobHistory';
import { err, ok, type Result } from '../result';
import type { RestoreSource, RestoreVerification } from './deploymentTypes';
import { pollUntil } from './polling';
import { localSnapshotDirectory, sameSnapshot } from './snapshotPaths';

/** Newest `chk-N` with a `_metadata` file under `<checkpointDir>/<jobId>/`. */
export async function latestCheckpointInDirectory(checkpointDir: string, jobId: string): Promise<string | undefined> {
  const dir = localSnapshotDirectory(checkpointDir);
  if (!dir) return undefined;
  const jobDir = join(dir, jobId);
  let entries: string[];
  try {
    entries = await readdir(jobDir);
  } catch {
    return undefined;
  }
  const checkpoints = entries
    .map((name) => /^chk-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[0], id: Number(m[1]) }))
    .sort((a, b) => b.id - a.id);
  for (const cp of checkpoints) {
    if (existsSync(join(jobDir, cp.name, '_metadata'))) return join(jobDir, cp.name);
  }
  return undefined;
}

/** The job's latest completed checkpoint if it still exists (retained), with Flink's id and size. */
export async function retainedCheckpointOf(
  rest: FlinkRestClient,
  jobId: string,
  signal?: AbortSignal,
): Promise<{ path: string; checkpointId: number; sizeBytes?: number } | undefined> {
  const stats = await rest.checkpoints(jobId, { signal });
  const completed = stats.ok ? stats.value.latest?.completed : undefined;
  if (!completed?.external_path || completed.discarded) return undefined;
  const local = localSnapshotDirectory(completed.external_path);
  if (local && !(await stat(join(local, '_metadata')).then(() => true, () => false))) return undefined;
  return { path: completed.external_path, checkpointId: completed.id, sizeBytes: completed.checkpointed_size ?? completed.state_size };
}

/** The latest retained checkpoint of a previous job: Flink's statistics first, then the directory. */
export async function latestRetainedCheckpoint(
  rest: FlinkRestClient,
  previousJobId: string,
  checkpointDir: string | undefined,
  signal?: AbortSignal,
): Promise<string | undefined> {
  // A checkpoint Flink already deleted (not retained on cancel/stop) is no restore point.
  const retained = await retainedCheckpointOf(rest, previousJobId, signal);
  if (retained) return retained.path;
  return checkpointDir ? latestCheckpointInDirectory(checkpointDir, previousJobId) : undefined;
}

export interface RestorePointContext {
  rest: FlinkRestClient;
  history: JobHistoryStore;
  jobFilePath: string;
  clusterName: string;
  /** Checkpoint directory of the job (job config) or the cluster, for the directory scan. */
  checkpointDir?: string;
  signal?: AbortSignal;
}

/** Resolves a restore source to a path, or explains why there is none. */
export async function resolveRestorePoint(source: RestoreSource, context: RestorePointContext): Promise<Result<{ path: string; fromJobId?: string }, FlinkPilotError>> {
  switch (source.kind) {
    case 'path':
    case 'savepoint':
      return ok({ path: source.path });
    case 'latest-savepoint': {
      const latest = await context.history.latestSavepoint(context.jobFilePath, context.clusterName);
      if (!latest) {
        return err(new FlinkPilotError(`No savepoint of ${context.jobFilePath} on cluster "${context.clusterName}" in the history.`, { code: 'no-savepoint', hint: 'Take one with "savepoint" or "stop --savepoint", or restore from a path or the latest checkpoint.' }));
      }
      return ok({ path: latest.path, fromJobId: latest.jobId });
    }
    case 'latest-checkpoint': {
      const submission = await context.history.latestSubmission(context.jobFilePath, context.clusterName);
      if (!submission) {
        return err(new FlinkPilotError(`No earlier run of ${context.jobFilePath} on cluster "${context.clusterName}" in the history, so there is no checkpoint to restore.`, { code: 'no-checkpoint' }));
      }
      const path = await latestRetainedCheckpoint(context.rest, submission.jobId, context.checkpointDir, context.signal);
      if (!path) {
        return err(
          new FlinkPilotError(`Job ${submission.jobId} left no retained checkpoint.`, {
            code: 'no-checkpoint',
            hint: 'Set execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION (and a checkpoint interval) in the job config, so checkpoints survive cancel.',
          }),
        );
      }
      return ok({ path, fromJobId: submission.jobId });
    }
  }
}

/** Waits until Flink reports what the job restored from, and compares it with the request. */
export async function verifyRestore(
  rest: FlinkRestClient,
  jobId: string,
  requestedPath: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<RestoreVerification> {
  const restored = await pollUntil(
    async () => {
      const stats = await rest.checkpoints(jobId, { signal: options.signal });
      if (!stats.ok) return stats.error.status === 404 ? ok(undefined) : stats;
      return ok(stats.value.latest?.restored ?? undefined);
    },
    { what: `Flink to report the restore of job ${jobId}`, timeoutMs: options.timeoutMs, signal: options.signal, initialDelayMs: 50, maxDelayMs: 500 },
  );
  if (!restored.ok) {
    return {
      verified: false,
      requestedPath,
      explanation: `Flink reports no restored checkpoint for job ${jobId} (${restored.error.message}) — the job most likely started WITHOUT state.`,
    };
  }
  const r = restored.value;
  const verified = !!r.external_path && sameSnapshot(r.external_path, requestedPath);
  return {
    verified,
    requestedPath,
    flinkRestoredPath: r.external_path,
    flinkRestoredCheckpointId: r.id,
    isSavepoint: r.is_savepoint,
    explanation: verified ? undefined : `Flink restored job ${jobId} from ${r.external_path ?? 'an unnamed checkpoint'} (id ${r.id}), not from ${requestedPath}.`,
  };
}
