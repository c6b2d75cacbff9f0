// Auto-restart through the deployment core's own restore (the same path as the Restore command):
// builds the job context for the failed job's file and restores from the latest checkpoint or
// savepoint that the history and the cluster know of.
import { FlinkPilotError } from '../errors';
import { restoreJob, type JobContext } from '../jobs/jobService';
import { err, ok } from '../result';
import type { AutoRestartRequest, RestoreFunction } from './autoRestart';

/** `contextFor` loads the job file and resolves its cluster connection (with its secret). */
export function restoreThroughJobService(contextFor: (request: AutoRestartRequest) => Promise<JobContext | undefined>): RestoreFunction {
  return async (request) => {
    const ctx = await contextFor(request);
    if (!ctx) {
      return err(new FlinkPilotError(`Cannot restart ${request.jobName}: its job file ${request.jobFilePath} could not be loaded.`, { code: 'auto-restart', hint: 'Fix the job file, then restore by hand.' }));
    }
    const restored = await restoreJob({ ...ctx, signal: request.signal }, { from: { kind: request.from } });
    if (!restored.ok) return restored;
    return ok({ jobId: restored.value.jobId, restoredFrom: restored.value.requestedPath });
  };
}
