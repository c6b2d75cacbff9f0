// The pure health model (what the status bar shows) and the pure schedule arithmetic.
import { describe, expect, it } from 'vitest';
import { jobHealth, workspaceHealth } from '../../../client/src/core/monitor/health';
import type { ClusterSnapshot, JobSnapshot, MonitorSnapshot } from '../../../client/src/core/monitor/monitorTypes';
import { backoffDelay, DEFAULT_POLL_INTERVALS, nextPollAt, pollMode } from '../../../client/src/core/monitor/pollSchedule';

const NOW = Date.UTC(2026, 0, 1, 12);

function job(overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    cluster: 'prod',
    jobId: 'a'.repeat(32),
    name: 'orders',
    state: 'RUNNING',
    startTime: NOW - 3_600_000,
    endTime: -1,
    lastModification: NOW - 3_500_000,
    tasksTotal: 4,
    tasksRunning: 4,
    restarts: 0,
    checkpointFailuresSeen: 0,
    checkpointsFailing: false,
    firstSeenAt: NOW - 60_000,
    tracked: { cluster: 'prod', jobId: 'a'.repeat(32), jobFilePath: '/ws/orders.flink.yaml' },
    ...overrides,
  };
}

function snapshot(clusters: Partial<ClusterSnapshot>[]): MonitorSnapshot {
  return {
    at: NOW,
    cycle: 3,
    clusters: clusters.map((c, i) => ({ name: `c${i}`, status: 'reachable', consecutiveFailures: 0, jobs: [], ...c })),
  };
}

describe('jobHealth', () => {
  it('is ok for a running job with all tasks up, with uptime and checkpoint age', () => {
    const h = jobHealth(job({ checkpoints: { completed: 3, failed: 0, inProgress: 0, lastCompletedAt: NOW - 45_000, readAt: NOW } }), { now: NOW });
    expect(h).toMatchObject({ level: 'ok', problems: [], uptimeMs: 3_600_000, lastCheckpointAgeMs: 45_000 });
  });

  it('is a warning while restarting or while tasks wait for slots, naming the restart count', () => {
    expect(jobHealth(job({ state: 'RESTARTING', restarts: 3, lastException: { text: 'java.io.IOException: lost', at: NOW } }), { now: NOW })).toMatchObject({
      level: 'warning',
      problems: [{ kind: 'restarting', text: 'orders on prod: RESTARTING (3 restarts) — java.io.IOException: lost' }],
    });
    const waiting = jobHealth(job({ tasksRunning: 1, restarts: 1 }), { now: NOW });
    expect(waiting.level).toBe('warning');
    expect(waiting.problems[0]!.text).toBe('orders on prod: 1 of 4 tasks running (1 restart) — waiting for task slots?');
  });

  it('is an error when failed, a warning when checkpoints fail, and "stopped" when cancelled', () => {
    expect(jobHealth(job({ state: 'FAILED', lastException: { text: 'java.lang.ArithmeticException: / by zero', at: NOW } }), { now: NOW }).problems[0]).toMatchObject({
      level: 'error',
      kind: 'failed',
      text: 'orders on prod: FAILED — java.lang.ArithmeticException: / by zero',
    });
    expect(jobHealth(job({ checkpointsFailing: true, checkpoints: { completed: 1, failed: 2, inProgress: 0, lastFailureMessage: 'Checkpoint expired before completing.', readAt: NOW } }), { now: NOW })).toMatchObject({
      level: 'warning',
      problems: [{ kind: 'checkpoints-failing' }],
    });
    expect(jobHealth(job({ state: 'CANCELED' }), { now: NOW })).toMatchObject({ level: 'stopped', problems: [] });
  });

  it('keeps a recently restarted job at warning only when asked to', () => {
    const recent = job({ restarts: 1, lastRestartAt: NOW - 30_000 });
    expect(jobHealth(recent, { now: NOW }).level).toBe('ok');
    expect(jobHealth(recent, { now: NOW, recentRestartMs: 60_000 }).level).toBe('warning');
    expect(jobHealth(recent, { now: NOW, recentRestartMs: 10_000 }).level).toBe('ok');
  });
});

describe('workspaceHealth', () => {
  it('counts jobs for the status bar and lists problems worst first', () => {
    const h = workspaceHealth(
      snapshot([
        {
          name: 'prod',
          jobs: [
            job({ jobId: '1'.repeat(32), name: 'a', tracked: { cluster: 'prod', jobId: '1', jobFilePath: '/ws/a.flink.yaml' } }),
            job({ jobId: '2'.repeat(32), name: 'b', tracked: { cluster: 'prod', jobId: '2', jobFilePath: '/ws/b.flink.yaml' }, state: 'RESTARTING' }),
            job({ jobId: '3'.repeat(32), name: 'c', tracked: { cluster: 'prod', jobId: '3', jobFilePath: '/ws/c.flink.yaml' }, state: 'FAILED' }),
            job({ jobId: '4'.repeat(32), name: 'someone-else', tracked: undefined, state: 'FAILED' }),
          ],
        },
      ]),
      { now: NOW },
    );
    expect(h.summary).toBe('1 ✓ 1 ⚠ 1 ✗');
    expect(h.level).toBe('error');
    expect(h.problems.map((p) => p.kind)).toEqual(['failed', 'restarting']);
    // `all` also counts jobs the workspace did not deploy.
    expect(workspaceHealth(snapshot([{ jobs: [job({ tracked: undefined, state: 'FAILED' })] }]), { now: NOW, scope: 'all' }).counts.error).toBe(1);
  });

  it('ignores a failed run that a newer run of the same job file replaced', () => {
    const file = '/ws/orders.flink.yaml';
    const h = workspaceHealth(
      snapshot([
        {
          jobs: [
            job({ jobId: '1'.repeat(32), state: 'FAILED', startTime: NOW - 600_000, tracked: { cluster: 'prod', jobId: '1', jobFilePath: file } }),
            job({ jobId: '2'.repeat(32), state: 'RUNNING', startTime: NOW - 60_000, tracked: { cluster: 'prod', jobId: '2', jobFilePath: file } }),
          ],
        },
      ]),
      { now: NOW },
    );
    expect(h).toMatchObject({ level: 'ok', summary: '1 ✓ 0 ⚠ 0 ✗' });
  });

  it('marks an unreachable cluster as an error and its jobs as unknown (warning), without repeating the problem per job', () => {
    const h = workspaceHealth(snapshot([{ name: 'prod', status: 'unreachable', unreachableSince: NOW - 125_000, lastError: 'connect ECONNREFUSED', jobs: [job()] }]), { now: NOW });
    expect(h.level).toBe('error');
    expect(h.summary).toBe('0 ✓ 1 ⚠ 0 ✗');
    expect(h.problems).toEqual([{ level: 'error', kind: 'cluster-unreachable', cluster: 'prod', text: 'Cluster prod unreachable for 2 min — connect ECONNREFUSED' }]);
  });

  it('is ok with nothing deployed', () => {
    expect(workspaceHealth(snapshot([{ name: 'prod' }]), { now: NOW })).toMatchObject({ level: 'ok', summary: '0 ✓ 0 ⚠ 0 ✗', problems: [] });
  });
});

describe('poll schedule', () => {
  const I = DEFAULT_POLL_INTERVALS;
  it('chooses the mode from nudge, focus and quiet time', () => {
    expect(pollMode(I, { now: 10_000, focused: true, lastNudgeAt: 0 })).toBe('fast');
    expect(pollMode(I, { now: 20_000, focused: false, lastNudgeAt: 0 })).toBe('unfocused');
    expect(pollMode(I, { now: 10_000, focused: false, lastNudgeAt: 0 })).toBe('fast');
    expect(pollMode(I, { now: 200_000, focused: true, lastChangeAt: 0 })).toBe('idle');
    expect(pollMode(I, { now: 100_000, focused: true, lastChangeAt: 0 })).toBe('normal');
  });

  it('doubles the backoff up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(I, n))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('makes every cluster due at once after a nudge, even a backed-off one', () => {
    expect(nextPollAt(I, { now: 50_000, focused: true, lastNudgeAt: 49_000 }, { lastPollAt: 40_000, consecutiveFailures: 5 })).toBe(50_000);
    expect(nextPollAt(I, { now: 50_000, focused: true, lastChangeAt: 45_000 }, { lastPollAt: 40_000, consecutiveFailures: 5 })).toBe(120_000);
    expect(nextPollAt(I, { now: 50_000, focused: true }, {consecutiveFailures: 0 })).toBe(50_000);
  });
});
