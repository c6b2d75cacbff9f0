// When each cluster is polled next: fast right after a user action (the user waits to see the
// result), normal while things change, slow when idle or when the window is in the background,
// and exponential backoff for a cluster that does not answer (so a dead cluster costs nothing).

export interface PollIntervals {
  /** After `nudge()`, for `fastWindowMs`. Default 1 s. */
  fastMs: number;
  fastWindowMs: number;
  /** Default 5 s. */
  normalMs: number;
  /** When nothing changed for `idleAfterMs`. Default 20 s after 2 min. */
  idleMs: number;
  idleAfterMs: number;
  /** When the VS Code window is not focused. Default 30 s. */
  unfocusedMs: number;
  /** First retry delay for an unreachable cluster; doubles up to `maxBackoffMs`. */
  backoffBaseMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_POLL_INTERVALS: PollIntervals = {
  fastMs: 1_000,
  fastWindowMs: 15_000,
  normalMs: 5_000,
  idleMs: 20_000,
  idleAfterMs: 120_000,
  unfocusedMs: 30_000,
  backoffBaseMs: 5_000,
  maxBackoffMs: 300_000,
};

export interface ScheduleState {
  now: number;
  focused: boolean;
  /** Time of the last `nudge()`. */
  lastNudgeAt?: number;
  /** Time of the last observed change on any cluster. */
  lastChangeAt?: number;
}

export type PollMode = 'fast' | 'normal' | 'idle' | 'unfocused';

export function pollMode(intervals: PollIntervals, state: ScheduleState): PollMode {
  if (state.lastNudgeAt !== undefined && state.now - state.lastNudgeAt < intervals.fastWindowMs) return 'fast';
  if (!state.focused) return 'unfocused';
  const quietSince = Math.max(state.lastChangeAt ?? -Infinity, state.lastNudgeAt ?? -Infinity);
  if (quietSince !== -Infinity && state.now - quietSince >= intervals.idleAfterMs) return 'idle';
  return 'normal';
}

export function intervalFor(intervals: PollIntervals, mode: PollMode): number {
  switch (mode) {
    case 'fast':
      return intervals.fastMs;
    case 'normal':
      return intervals.normalMs;
    case 'idle':
      return intervals.idleMs;
    case 'unfocused':
      return intervals.unfocusedMs;
  }
}

/** Delay before polling a cluster again after `failures` consecutive failures (≥ 1). */
export function backoffDelay(intervals: PollIntervals, failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(intervals.maxBackoffMs, intervals.backoffBaseMs * 2 ** exponent);
}

/** When a cluster is due, given its last poll and failure count. A nudge makes every cluster due at once. */
export function nextPollAt(intervals: PollIntervals, state: ScheduleState, cluster: { lastPollAt?: number; consecutiveFailures: number }): number {
  if (cluster.lastPollAt === undefined) return state.now;
  if (state.lastNudgeAt !== undefined && state.lastNudgeAt > cluster.lastPollAt) return state.now;
  const regular = intervalFor(intervals, pollMode(intervals, state));
  const delay = cluster.consecutiveFailures > 0 ? Math.max(regular, backoffDelay(intervals, cluster.consecutiveFailures)) : regular;
  return cluster.lastPollAt + delay;
}
