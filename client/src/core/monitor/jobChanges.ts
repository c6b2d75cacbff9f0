// Pure bookkeeping of one job across poll cycles: what in /jobs/overview counts as a change worth
// fetching details for, and how restarts and checkpoint failures are counted from the details
// (exception history, state timestamps, checkpoint statistics) without ever counting one twice.
import type { CheckpointingStatistics, JobDetails, JobExceptions, JobOverview, JobStatus } from '../flink/flinkRestTypes';
import type { CheckpointSummary, JobSnapshot } from './monitorTypes';

export const FAILED_STATES: ReadonlySet<JobStatus> = new Set(['FAILED', 'FAILING']);

/**
 * The fields of a /jobs/overview entry that change when something happens to the job. `duration`
 * is left out (it grows every second); `last-modification` moves whenever tasks are redeployed,
 * which is how a restart that happened between two polls is still noticed.
 */
export function overviewSignature(job: JobOverview): string {
  // Flink writes the task counts in a fixed order, so the JSON text is a stable key (and cheap:
  // this runs for every job of every cluster every cycle).
  return `${job.state}|${job['last-modification']}|${JSON.stringify(job.tasks ?? {})}`;
}

export function taskCounts(job: JobOverview): { total: number; running: number } {
  const tasks = job.tasks ?? {};
  const get = (key: string) => tasks[key] ?? tasks[key.toUpperCase()] ?? 0;
  // Finished tasks of bounded sources are healthy: they count as running for "all tasks up".
  return { total: get('total'), running: get('running') + get('finished') };
}

export function snapshotFromOverview(cluster: string, job: JobOverview, firstSeenAt: number): JobSnapshot {
  const tasks = taskCounts(job);
  return {
    cluster,
    jobId: job.jid,
    name: job.name,
    state: job.state,
    startTime: job['start-time'],
    endTime: job['end-time'],
    lastModification: job['last-modification'],
    tasksTotal: tasks.total,
    tasksRunning: tasks.running,
    restarts: 0,
    checkpointFailuresSeen: 0,
    checkpointsFailing: false,
    firstSeenAt,
  };
}

export function applyOverview(snapshot: JobSnapshot, job: JobOverview): void {
  const tasks = taskCounts(job);
  snapshot.name = job.name;
  snapshot.state = job.state;
  snapshot.startTime = job['start-time'];
  snapshot.endTime = job['end-time'];
  snapshot.lastModification = job['last-modification'];
  snapshot.tasksTotal = tasks.total;
  snapshot.tasksRunning = tasks.running;
}

/** Watermarks of what has already been counted for one job. */
export interface CountingMarks {
  /** Newest exception timestamp already counted. */
  lastExceptionAt: number;
  /** Newest RESTARTING state timestamp already counted. */
  lastRestartingAt: number;
  /**
   * A restart counted from its RESTARTING timestamp alone (the exception history lagged behind):
   * exception entries up to this time caused it and must not be counted again when they appear.
   */
  countedByTimestampUntil?: number;
  /** `counts.failed` of the last checkpoint statistics read, or undefined before the first read. */
  checkpointFailedCount?: number;
  /** Newest checkpoint failure time already counted. */
  lastCheckpointFailureAt: number;
}

/**
 * Only what happens after the monitor first saw the job counts: history from before is not news.
 * Failovers are dated by the JobManager's clock, so their baseline is the job's `last-modification`
 * (also the JobManager's clock: every failover redeploys tasks and moves it), which keeps the count
 * right when the cluster's clock and ours disagree. Checkpoint failures do not move it; they are
 * measured from our first sight.
 */
export function initialMarks(firstSeenAt: number, lastModification?: number): CountingMarks {
  const serverBaseline = lastModification !== undefined && lastModification > 0 ? lastModification : firstSeenAt;
  return { lastExceptionAt: serverBaseline, lastRestartingAt: serverBaseline, lastCheckpointFailureAt: firstSeenAt };
}

/** The first line of the deepest `Caused by:` of a Java stack trace: what people need to read. */
export function rootCauseLine(stacktrace: string | undefined): string | undefined {
  if (!stacktrace) return undefined;
  const lines = stacktrace.split(/\r?\n/);
  const causes = lines.filter((l) => l.startsWith('Caused by: ')).map((l) => l.slice('Caused by: '.length).trim());
  return causes.at(-1) ?? lines[0]?.trim();
}

export interface RestartCount {
  restartTimes: number[];
  /** The job's final failure (state FAILED/FAILING), not a restart. */
  failure?: { text: string; at: number };
  newest?: { text: string; at: number };
}

/**
 * New restarts since the marks: every new root entry of the exception history is one failover,
 * except the newest one when the job ended FAILED (that one ended it). A newer RESTARTING
 * timestamp without a new exception (history disabled or truncated) still counts as one restart.
 */
export function countNewRestarts(marks: CountingMarks, state: JobStatus, details: JobDetails | undefined, exceptions: JobExceptions | undefined): RestartCount {
  const entries = [...(exceptions?.exceptionHistory?.entries ?? [])]
    .filter((e) => typeof e.timestamp === 'number' && e.timestamp > marks.lastExceptionAt)
    .sort((a, b) => a.timestamp - b.timestamp);
  const newestEntry = entries.at(-1);
  const newest = newestEntry ? { text: rootCauseLine(newestEntry.stacktrace) ?? newestEntry.exceptionName, at: newestEntry.timestamp } : undefined;
  let failure: RestartCount['failure'];
  let restartEntries = entries;
  if (FAILED_STATES.has(state) && newestEntry) {
    failure = newest;
    restartEntries = entries.slice(0, -1);
  }
  const countedUntil = marks.countedByTimestampUntil ?? Number.NEGATIVE_INFINITY;
  const restartTimes = restartEntries.filter((e) => e.timestamp > countedUntil).map((e) => e.timestamp);
  const restartingAt = details?.timestamps?.RESTARTING;
  if (restartTimes.length === 0 && typeof restartingAt === 'number' && restartingAt > marks.lastRestartingAt && restartingAt > 0) {
    restartTimes.push(restartingAt);
    marks.countedByTimestampUntil = restartingAt;
  }
  if (newestEntry) marks.lastExceptionAt = newestEntry.timestamp;
  if (typeof restartingAt === 'number' && restartingAt > marks.lastRestartingAt) marks.lastRestartingAt = restartingAt;
  // Fall back to the deprecated 1.x field for the failure text when there is no history.
  if (FAILED_STATES.has(state) && !failure && exceptions?.['root-exception']) {
    failure = { text: rootCauseLine(exceptions['root-exception']) ?? exceptions['root-exception'], at: exceptions.timestamp ?? 0 };
  }
  return { restartTimes, failure, newest };
}

export interface CheckpointFailureCount {
  failureTimes: number[];
  message?: string;
  summary: CheckpointSummary;
  failing: boolean;
}

/** New checkpoint failures since the last read (by `counts.failed`), with their times where the history has them. */
export function countNewCheckpointFailures(marks: CountingMarks, stats: CheckpointingStatistics, readAt: number): CheckpointFailureCount {
  const counts = stats.counts ?? { failed: 0, completed: 0, in_progress: 0, total: 0, restored: 0 };
  const failedHistory = (stats.history ?? [])
    .filter((c) => c.status === 'FAILED')
    .map((c) => ({ at: c.failure_timestamp ?? c.latest_ack_timestamp ?? c.trigger_timestamp, message: c.failure_message }))
    .filter((f) => f.at > marks.lastCheckpointFailureAt)
    .sort((a, b) => a.at - b.at);
  let added: number;
  if (marks.checkpointFailedCount === undefined || counts.failed < marks.checkpointFailedCount) {
    // First read (or statistics were reset by a new execution graph): only failures after first sight.
    added = failedHistory.length;
  } else {
    added = counts.failed - marks.checkpointFailedCount;
  }
  marks.checkpointFailedCount = counts.failed;
  const failureTimes = failedHistory.slice(-added).map((f) => f.at);
  while (failureTimes.length < added) failureTimes.push(readAt);
  if (failedHistory.length > 0) marks.lastCheckpointFailureAt = failedHistory.at(-1)!.at;
  const latest = stats.latest ?? {};
  const completed = latest.completed ?? undefined;
  const savepoint = latest.savepoint ?? undefined;
  const failed = latest.failed ?? undefined;
  const failedAt = failed ? failed.failure_timestamp ?? failed.trigger_timestamp : undefined;
  const summary: CheckpointSummary = {
    completed: counts.completed,
    failed: counts.failed,
    inProgress: counts.in_progress,
    lastCompletedAt: completed?.trigger_timestamp,
    lastCompletedPath: completed?.external_path,
    lastSavepointAt: savepoint?.trigger_timestamp,
    lastSavepointPath: savepoint?.external_path,
    lastFailedAt: failedAt,
    lastFailureMessage: failed?.failure_message,
    readAt,
  };
  const failing = failed !== undefined && (completed === undefined || failed.trigger_timestamp > completed.trigger_timestamp);
  return { failureTimes, message: failed?.failure_message ?? failedHistory.at(-1)?.message, summary, failing };
}
