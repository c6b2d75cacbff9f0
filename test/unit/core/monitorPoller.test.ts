// The one poller, driven by a manual clock against scripted JobManagers: request budget per cycle,
// details only for changed jobs, the events, the schedule (fast after a nudge, slow when idle or
// unfocused, backoff for a dead cluster) and clean disposal.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../client/src/core/monitor/clock';
import { JobMonitor, type JobMonitorOptions } from '../../../client/src/core/monitor/jobMonitor';
import type { MonitorEvent } from '../../../client/src/core/monitor/monitorTypes';
import { FakeCluster } from './monitorFakeCluster';

const JOB_A = 'a'.repeat(32);
const JOB_B = 'b'.repeat(32);

let monitors: JobMonitor[] = [];
afterEach(() => {
  for (const m of monitors) m.dispose();
  monitors = [];
});

function setup(options: Partial<JobMonitorOptions> = {}, clusterNames = ['prod']) {
  const clock = new ManualClock();
  const clusters = clusterNames.map((n) => new FakeCluster(n, clock));
  const monitor = new JobMonitor({ clock, clusters: clusters.map((c) => ({ name: c.name, source: c, webUrl: `http://127.0.0.1:8081` })), ...options });
  monitors.push(monitor);
  const events: MonitorEvent[] = [];
  monitor.onEvent((e) => events.push(e));
  return { clock, clusters, cluster: clusters[0]!, monitor, events };
}

describe('JobMonitor request budget', () => {
  it('makes exactly one /jobs/overview per cluster per cycle while nothing changes', async () => {
    const { clock, clusters, monitor, events } = setup({}, ['a', 'b', 'c']);
    for (const [i, c] of clusters.entries()) for (let j = 0; j < 50; j++) c.addJob(`${i}f${j}`.padStart(32, '0'), `job-${i}-${j}`);
    monitor.start();
    await clock.advance(0);
    expect(events.filter((e) => e.kind === 'job-discovered')).toHaveLength(150);
    for (let cycle = 0; cycle < 10; cycle++) await clock.advance(5_000);
    expect(monitor.stats.cycles).toBe(11);
    for (const c of clusters) {
      expect(c.requests('/jobs/overview')).toBe(11);
      expect(c.calls.length).toBe(11);
    }
    expect(monitor.stats.detailRequests).toBe(0);
  });

  it('reads details only for the job whose overview changed, and counts its restart once', async () => {
    const { clock, cluster, monitor, events } = setup();
    cluster.addJob(JOB_A, 'orders');
    cluster.addJob(JOB_B, 'payments');
    monitor.start();
    await clock.advance(0);
    await clock.advance(5_000);
    cluster.restart(JOB_A, 'java.io.IOException: Connection to TaskManager lost');
    await clock.advance(5_000);
    expect(cluster.requests(`/jobs/${JOB_B}`)).toBe(0);
    expect(cluster.requests(`/jobs/${JOB_A}`)).toBe(3);
    const changed = events.find((e) => e.kind === 'job-state-changed');
    expect(changed).toMatchObject({ kind: 'job-state-changed', from: 'RUNNING', to: 'RESTARTING', cluster: 'prod' });
    const restarted = events.filter((e) => e.kind === 'job-restarted');
    expect(restarted).toHaveLength(1);
    expect(restarted[0]).toMatchObject({ added: 1, exception: 'java.io.IOException: Connection to TaskManager lost' });
    expect(restarted[0]!.kind === 'job-restarted' && restarted[0]!.restartTimes).toEqual([clock.now() - 5_000]);

    cluster.recover(JOB_A);
    await clock.advance(5_000);
    // Details re-read after recovery, but the same exception is not counted again.
    expect(events.filter((e) => e.kind === 'job-restarted')).toHaveLength(1);
    const job = monitor.snapshot().clusters[0]!.jobs.find((j) => j.jobId === JOB_A)!;
    expect(job).toMatchObject({ state: 'RUNNING', restarts: 1, tasksRunning: 2, tasksTotal: 2 });
    expect(job.lastException?.text).toBe('java.io.IOException: Connection to TaskManager lost');
  });

  it('re-reads the details of a changed job once Flink\'s detail cache has caught up, and counts a failover it first missed', async () => {
    const { clock, cluster, monitor, events } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(1_000);
    // The overview shows the failover, but the cached exception history does not have it yet.
    cluster.restart(JOB_A, 'java.io.IOException: late');
    const entry = cluster.jobs.get(JOB_A)!.exceptions.shift()!;
    cluster.jobs.get(JOB_A)!.restartingAt = undefined;
    await clock.advance(4_000);
    expect(events.some((e) => e.kind === 'job-restarted')).toBe(false);
    cluster.jobs.get(JOB_A)!.exceptions.unshift(entry);
    await clock.advance(5_000);
    expect(cluster.requests(`/jobs/${JOB_A}`)).toBe(6);
    expect(events.filter((e) => e.kind === 'job-restarted')).toMatchObject([{ added: 1, exception: 'java.io.IOException: late' }]);
    // Nothing changes any more: no further detail reads.
    await clock.advance(20_000);
    expect(cluster.requests(`/jobs/${JOB_A}`)).toBe(6);
  });

  it('counts a failover by the JobManager\'s clock even when it runs a minute behind ours', async () => {
    const { clock, cluster, monitor, events } = setup();
    const skew = -60_000;
    const job = cluster.addJob(JOB_A, 'orders', { lastModification: clock.now() + skew - 300_000 });
    monitor.start();
    await clock.advance(5_000);
    job.exceptions.unshift({ timestamp: clock.now() + skew, stacktrace: 'java.io.IOException: skewed' });
    job.lastModification = clock.now() + skew + 10;
    await clock.advance(5_000);
    expect(events.filter((e) => e.kind === 'job-restarted')).toMatchObject([{ added: 1, exception: 'java.io.IOException: skewed' }]);
  });

  it('notices a restart that happened entirely between two polls (state RUNNING both times)', async () => {
    const { clock, cluster, monitor, events } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(0);
    await clock.advance(2_000);
    cluster.restart(JOB_A, 'java.lang.RuntimeException: boom');
    cluster.recover(JOB_A);
    await clock.advance(3_000);
    expect(events.some((e) => e.kind === 'job-state-changed')).toBe(false);
    expect(events.filter((e) => e.kind === 'job-restarted')).toHaveLength(1);
  });

  it('defers details beyond maxDetailJobsPerCycle to the next cycle instead of bursting', async () => {
    const { clock, cluster, monitor } = setup({ maxDetailJobsPerCycle: 3 });
    for (let i = 0; i < 7; i++) cluster.addJob(String(i).padEnd(32, 'f'), `job-${i}`);
    monitor.start();
    await clock.advance(1_000);
    for (const job of cluster.jobs.values()) cluster.restart(job.id, 'x.Y: z');
    const perCycle: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = monitor.stats.detailRequests;
      await clock.advance(i === 0 ? 4_000 : 5_000);
      perCycle.push(monitor.stats.detailRequests - before);
    }
    // Never more than 3 jobs × 3 requests per cycle; every job read once, then re-checked once.
    expect(Math.max(...perCycle)).toBe(9);
    expect(perCycle.reduce((a, b) => a + b, 0)).toBe(7 * 3 * 2);
    const restarts = monitor.snapshot().clusters[0]!.jobs.reduce((n, j) => n + j.restarts, 0);
    expect(restarts).toBe(7);
  });
});

describe('JobMonitor events', () => {
  it('reports a failed job with the root cause from the exception history', async () => {
    const { clock, cluster, monitor, events } = setup();
    const job = cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(1_000);
    job.state = 'FAILED';
    job.lastModification = clock.now();
    job.exceptions.unshift({ timestamp: clock.now(), stacktrace: 'org.apache.flink.runtime.JobException: Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3)\nCaused by: java.lang.ArithmeticException: / by zero\n\tat A.b(A.java:3)' });
    await clock.advance(4_000);
    const failed = events.filter((e) => e.kind === 'job-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ cluster: 'prod', exception: 'java.lang.ArithmeticException: / by zero' });
    // The final failure is not a restart.
    expect(events.some((e) => e.kind === 'job-restarted')).toBe(false);
  });

  it('waits for the re-check to announce a failure whose exception the detail cache did not have yet', async () => {
    const { clock, cluster, monitor, events } = setup();
    const job = cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(1_000);
    job.state = 'FAILED';
    job.lastModification = clock.now();
    await clock.advance(4_000);
    expect(events.some((e) => e.kind === 'job-failed')).toBe(false);
    job.exceptions.unshift({ timestamp: clock.now() - 4_000, stacktrace: 'x.Y: wrapper\nCaused by: java.lang.IllegalStateException: late cause' });
    await clock.advance(5_000);
    expect(events.filter((e) => e.kind === 'job-failed')).toMatchObject([{ exception: 'java.lang.IllegalStateException: late cause' }]);
  });

  it('re-reads checkpoints of tracked running jobs and reports new failures with their message', async () => {
    const { clock, cluster, monitor, events } = setup({ trackedCheckpointRefreshMs: 30_000 });
    cluster.addJob(JOB_A, 'orders');
    cluster.addJob(JOB_B, 'untracked');
    monitor.setTrackedJobs([{ cluster: 'prod', jobId: JOB_A, jobFilePath: '/ws/orders.flink.yaml', name: 'orders' }]);
    monitor.start();
    await clock.advance(1_000);
    cluster.failCheckpoint(JOB_A, 'Checkpoint expired before completing.');
    cluster.failCheckpoint(JOB_A, 'Checkpoint expired before completing.');
    cluster.failCheckpoint(JOB_B, 'not watched');
    await clock.advance(29_000);
    const failures = events.filter((e) => e.kind === 'checkpoints-failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ added: 2, message: 'Checkpoint expired before completing.' });
    expect(cluster.requests(`/jobs/${JOB_B}`)).toBe(0);
    let job = monitor.snapshot().clusters[0]!.jobs.find((j) => j.jobId === JOB_A)!;
    expect(job.checkpointsFailing).toBe(true);
    cluster.completeCheckpoint(JOB_A);
    await clock.advance(30_000);
    job = monitor.snapshot().clusters[0]!.jobs.find((j) => j.jobId === JOB_A)!;
    expect(job.checkpointsFailing).toBe(false);
    expect(events.filter((e) => e.kind === 'checkpoints-failed')).toHaveLength(1);
  });

  it('reports a tracked job cancelled outside the editor, but not one the editor stopped itself', async () => {
    const { clock, cluster, monitor, events } = setup();
    const a = cluster.addJob(JOB_A, 'orders');
    const b = cluster.addJob(JOB_B, 'payments');
    monitor.setTrackedJobs([
      { cluster: 'prod', jobId: JOB_A, jobFilePath: '/ws/orders.flink.yaml' },
      { cluster: 'prod', jobId: JOB_B, jobFilePath: '/ws/payments.flink.yaml' },
    ]);
    monitor.start();
    await clock.advance(0);
    monitor.expectStop('prod', JOB_B);
    for (const job of [a, b]) {
      job.state = 'CANCELED';
      job.lastModification = clock.now();
    }
    await clock.advance(5_000);
    const external = events.filter((e) => e.kind === 'job-stopped-externally');
    expect(external).toHaveLength(1);
    expect(external[0]).toMatchObject({ how: 'canceled', job: { jobId: JOB_A } });
  });

  it('reports once, when first seen, a tracked job that ended while nobody watched — even if tracking is set again', async () => {
    const { clock, cluster, monitor, events } = setup();
    const stamp = clock.now() - 600_000;
    cluster.addJob(JOB_A, 'orders', { state: 'CANCELED' });
    cluster.addJob(JOB_B, 'payments', { state: 'FAILED', exceptions: [{ timestamp: stamp, stacktrace: 'x.Y: wrapper\nCaused by: java.lang.OutOfMemoryError: Java heap space' }] });
    const tracked = [
      { cluster: 'prod', jobId: JOB_A, jobFilePath: '/ws/orders.flink.yaml', expectedRunning: true },
      { cluster: 'prod', jobId: JOB_B, jobFilePath: '/ws/payments.flink.yaml', expectedRunning: true },
    ];
    monitor.setTrackedJobs(tracked);
    monitor.start();
    await clock.advance(0);
    monitor.setTrackedJobs(tracked);
    await clock.advance(5_000);
    monitor.setTrackedJobs(tracked);
    await clock.advance(5_000);
    expect(events.filter((e) => e.kind === 'job-stopped-externally').map((e) => 'job' in e && e.job.jobId)).toEqual([JOB_A]);
    const failed = events.filter((e) => e.kind === 'job-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ job: { jobId: JOB_B }, exception: 'java.lang.OutOfMemoryError: Java heap space' });
    // Old failures are not restarts seen by this monitor.
    expect(events.some((e) => e.kind === 'job-restarted')).toBe(false);
  });

  it('reports a tracked job that vanished from the cluster, and one history expects that was never there', async () => {
    const { clock, cluster, monitor, events } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.setTrackedJobs([
      { cluster: 'prod', jobId: JOB_A, jobFilePath: '/ws/orders.flink.yaml' },
      { cluster: 'prod', jobId: 'c'.repeat(32), jobFilePath: '/ws/gone.flink.yaml', name: 'gone', expectedRunning: true },
    ]);
    monitor.start();
    await clock.advance(0);
    expect(events.filter((e) => e.kind === 'job-stopped-externally').map((e) => 'job' in e && e.job.jobId)).toEqual(['c'.repeat(32)]);
    // Tracking is set again on every history change: the missing job is not reported twice.
    monitor.setTrackedJobs([
      { cluster: 'prod', jobId: JOB_A, jobFilePath: '/ws/orders.flink.yaml' },
      { cluster: 'prod', jobId: 'c'.repeat(32), jobFilePath: '/ws/gone.flink.yaml', name: 'gone', expectedRunning: true },
    ]);
    cluster.jobs.delete(JOB_A);
    await clock.advance(5_000);
    await clock.advance(5_000);
    const vanished = events.filter((e) => e.kind === 'job-stopped-externally');
    expect(vanished).toHaveLength(2);
    expect(vanished[1]).toMatchObject({ how: 'disappeared', job: { jobId: JOB_A } });
  });
});

describe('JobMonitor schedule', () => {
  const overviewTimes = (c: FakeCluster, since: number) => c.calls.filter((x) => x.path === '/jobs/overview' && x.at >= since).map((x) => x.at - since);

  it('polls every 5 s normally, every 1 s for 15 s after a nudge, then back to 5 s', async () => {
    const { clock, cluster, monitor } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(0);
    const t0 = clock.now();
    await clock.advance(10_000);
    expect(overviewTimes(cluster, t0 + 1)).toEqual([4_999, 9_999]);
    const t1 = clock.now() + 500;
    await clock.advance(500);
    monitor.nudge();
    await clock.advance(0);
    await clock.advance(30_000);
    const times = overviewTimes(cluster, t1);
    expect(times[0]).toBe(0);
    expect(times.slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, i) => i * 1_000));
    // The fast window ends 15 s after the nudge: the next poll is 5 s after the last fast one.
    expect(times[15]).toBe(19_000);
    // After the fast window: 5 s steps again.
    expect(times.at(-1)! - times.at(-2)!).toBe(5_000);
    expect(monitor.mode).toBe('normal');
  });

  it('slows to 30 s when the window is unfocused and polls at once when focus returns', async () => {
    const { clock, cluster, monitor } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(0);
    monitor.setFocused(false);
    const t0 = clock.now();
    await clock.advance(90_000);
    expect(overviewTimes(cluster, t0 + 1)).toEqual([30_000, 60_000, 90_000].map((t) => t - 1));
    expect(monitor.mode).toBe('unfocused');
    await clock.advance(7_000);
    const before = cluster.requests('/jobs/overview');
    monitor.setFocused(true);
    await clock.advance(0);
    expect(cluster.requests('/jobs/overview')).toBe(before + 1);
  });

  it('slows to 20 s after 2 minutes without any change', async () => {
    const { clock, cluster, monitor } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(0);
    await clock.advance(120_000);
    expect(monitor.mode).toBe('idle');
    const t0 = clock.now();
    await clock.advance(60_000);
    const times = overviewTimes(cluster, t0 + 1);
    expect(times.length).toBeLessThanOrEqual(4);
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(20_000);
  });

  it('backs off exponentially from an unreachable cluster, reports it lost after 2 failures, and back when it answers', async () => {
    const { clock, clusters, monitor, events } = setup({}, ['dead', 'alive']);
    const [dead, alive] = clusters as [FakeCluster, FakeCluster];
    dead.addJob(JOB_A, 'orders');
    alive.addJob(JOB_B, 'payments');
    monitor.start();
    await clock.advance(0);
    dead.down = true;
    const t0 = clock.now();
    await clock.advance(200_000);
    const gaps = overviewTimes(dead, t0 + 1).map((t, i, all) => (i === 0 ? t + 1 : t - all[i - 1]!));
    // 5 s (regular), then 5, 10, 20, 40, 80 s.
    expect(gaps.slice(0, 6)).toEqual([5_000, 5_000, 10_000, 20_000, 40_000, 80_000]);
    // The healthy cluster keeps its own pace (5 s, 20 s once idle for 2 min).
    const aliveTimes = overviewTimes(alive, t0 + 1);
    expect(aliveTimes.slice(0, 4)).toEqual([4_999, 9_999, 14_999, 19_999]);
    expect(aliveTimes.length).toBeGreaterThan(20);
    const lost = events.filter((e) => e.kind === 'cluster-lost');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ cluster: 'dead', error: expect.stringContaining('ECONNREFUSED') });
    expect(monitor.snapshot().clusters.find((c) => c.name === 'dead')).toMatchObject({ status: 'unreachable', consecutiveFailures: 6 });
    dead.down = false;
    monitor.nudge();
    await clock.advance(0);
    expect(events.filter((e) => e.kind === 'cluster-back')).toHaveLength(1);
    expect(monitor.snapshot().clusters.find((c) => c.name === 'dead')).toMatchObject({ status: 'reachable', consecutiveFailures: 0 });
  });

  it('does not report a single failed poll as a lost cluster', async () => {
    const { clock, cluster, monitor, events } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(0);
    cluster.down = true;
    await clock.advance(5_000);
    cluster.down = false;
    await clock.advance(10_000);
    expect(events.some((e) => e.kind === 'cluster-lost' || e.kind === 'cluster-back')).toBe(false);
  });

  it('leaves no timer and makes no call after dispose', async () => {
    const { clock, cluster, monitor } = setup();
    cluster.addJob(JOB_A, 'orders');
    monitor.start();
    await clock.advance(0);
    expect(clock.pendingTimers).toBe(1);
    monitor.dispose();
    expect(clock.pendingTimers).toBe(0);
    const calls = cluster.calls.length;
    await clock.advance(60_000);
    expect(cluster.calls.length).toBe(calls);
  });

  it('keeps polling when a listener throws', async () => {
    const errors: unknown[] = [];
    const { clock, cluster, monitor } = setup({ onListenerError: (e) => errors.push(e) });
    cluster.addJob(JOB_A, 'orders');
    monitor.onEvent(() => {
      throw new Error('listener bug');
    });
    monitor.start();
    await clock.advance(0);
    await clock.advance(5_000);
    expect(errors.length).toBeGreaterThan(0);
    expect(cluster.requests('/jobs/overview')).toBe(2);
  });
});
