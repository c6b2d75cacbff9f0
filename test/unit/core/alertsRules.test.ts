// Alert settings from job files, trigger rules over monitor events, de-duplication and rate
// limiting, automatic restart, and the service that ties them together — on a manual clock.
import { describe, expect, it } from 'vitest';
import { AlertGate } from '../../../client/src/core/alerts/alertGate';
import { AlertRules, type AlertBinding } from '../../../client/src/core/alerts/alertRules';
import { AlertService, type AlertDelivery } from '../../../client/src/core/alerts/alertService';
import { resolveAlertSettings } from '../../../client/src/core/alerts/alertSettings';
import type { Alert, AlertChannel, ChannelSettings } from '../../../client/src/core/alerts/alertTypes';
import { AutoRestarter, type AutoRestartOutcome, type AutoRestartRequest } from '../../../client/src/core/alerts/autoRestart';
import { parseFlinkDuration } from '../../../client/src/core/alerts/flinkDuration';
import { WebhookChannel } from '../../../client/src/core/alerts/webhookChannel';
import { FlinkPilotError } from '../../../client/src/core/errors';
import { ManualClock } from '../../../client/src/core/monitor/clock';
import type { Disposable, JobSnapshot, MonitorEvent, MonitorSnapshot } from '../../../client/src/core/monitor/monitorTypes';
import { err, ok } from '../../../client/src/core/result';

const FILE = '/ws/orders.flink.yaml';

function jobSnap(clock: ManualClock, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    cluster: 'prod',
    jobId: 'a'.repeat(32),
    name: 'orders',
    state: 'RUNNING',
    startTime: clock.now() - 1000,
    endTime: -1,
    lastModification: clock.now(),
    tasksTotal: 2,
    tasksRunning: 2,
    restarts: 0,
    checkpointFailuresSeen: 0,
    checkpointsFailing: false,
    firstSeenAt: clock.now() - 1000,
    tracked: { cluster: 'prod', jobId: 'a'.repeat(32), jobFilePath: FILE },
    ...overrides,
  };
}

describe('parseFlinkDuration', () => {
  it('accepts every form Flink accepts and rejects the rest', () => {
    expect(parseFlinkDuration('30 s')).toBe(30_000);
    expect(parseFlinkDuration('10 min')).toBe(600_000);
    expect(parseFlinkDuration('500ms')).toBe(500);
    expect(parseFlinkDuration('1h')).toBe(3_600_000);
    expect(parseFlinkDuration('2 days')).toBe(172_800_000);
    expect(parseFlinkDuration('PT1M')).toBe(60_000);
    expect(parseFlinkDuration('PT1H30M')).toBe(5_400_000);
    expect(parseFlinkDuration('1500')).toBe(1500);
    expect(parseFlinkDuration('ten minutes')).toBeUndefined();
    expect(parseFlinkDuration('5 fortnights')).toBeUndefined();
    expect(parseFlinkDuration('PT')).toBeUndefined();
  });
});

describe('resolveAlertSettings', () => {
  it('resolves channels, triggers with windows, and auto-restart defaults', () => {
    const { settings, problems } = resolveAlertSettings(
      {
        channels: [
          { name: 'oncall', type: 'email', to: ['oncall@example.org'], smtp: { host: '127.0.0.1', port: 2525, from: 'flink@example.org', username: 'bot', secret: 'smtp-pass' } },
          { name: 'ding', type: 'webhook', kind: 'dingtalk', urlSecret: 'ding-url', signSecret: 'ding-sign' },
        ],
        triggers: [{ on: 'failed' }, { on: 'restarts', count: 3, within: '10 min', channels: ['ding'] }],
      },
      { maxRestarts: 2, within: '1 h', delay: '5 s' },
    );
    expect(problems).toEqual([]);
    expect(settings.channels[0]).toMatchObject({ type: 'email', smtp: { host: '127.0.0.1', port: 2525, secure: false, rejectUnauthorized: true, passwordSecret: 'smtp-pass' } });
    expect(settings.triggers).toEqual([
      { on: 'failed', count: 0, withinMs: 600_000, channels: [] },
      { on: 'restarts', count: 3, withinMs: 600_000, channels: ['ding'] },
    ]);
    expect(settings.autoRestart).toEqual({ enabled: true, maxRestarts: 2, withinMs: 3_600_000, delayMs: 5_000, from: 'latest-checkpoint' });
  });

  it('names the exact key of each mistake and keeps the valid parts', () => {
    const { settings, problems } = resolveAlertSettings(
      {
        channels: [
          { name: 'slack', type: 'webhook', kind: 'slack', url: 'https://hooks.example/services/T/B/SECRET' },
          { name: 'mail', type: 'email', to: [] },
          { name: 'ok', type: 'webhook', kind: 'http', url: 'http://127.0.0.1:9000/hook' },
        ],
        triggers: [{ on: 'restarts', within: 'soon' }, { on: 'cluster-lost', channels: ['nope', 'ok'] }],
      },
      { maxRestarts: 1, delay: 'later' },
    );
    expect(problems.map((p) => p.path)).toEqual(['alerts.channels[0].url', 'alerts.channels[1].smtp', 'alerts.channels[1].to', 'alerts.triggers[0].within', 'alerts.triggers[1].channels', 'autoRestart.delay']);
    expect(problems[0]!.message).toContain('urlSecret');
    expect(settings.channels.map((c) => c.name)).toEqual(['ok']);
    expect(settings.triggers).toEqual([{ on: 'cluster-lost', count: 0, withinMs: 600_000, channels: ['ok'] }]);
    expect(settings.autoRestart).toBeUndefined();
  });

  it('takes the SMTP server from the editor settings when the channel has none', () => {
    const { settings, problems } = resolveAlertSettings({ channels: [{ name: 'm', type: 'email', to: ['a@b.c'] }] }, undefined, { defaultSmtp: { host: 'smtp.internal', port: 465, from: 'f@b.c' } });
    expect(problems).toEqual([]);
    expect(settings.channels[0]).toMatchObject({ smtp: { host: 'smtp.internal', port: 465, secure: true } });
  });
});

function binding(triggers: AlertBinding['settings']['triggers']): AlertBinding {
  return { jobFilePath: FILE, jobName: 'orders', cluster: 'prod', settings: { channels: [{ name: 'hook', type: 'webhook', kind: 'http', url: 'http://127.0.0.1:1/' }], triggers } };
}

describe('AlertRules', () => {
  it('fires "restarts" only when MORE than N restarts fall within the window', async () => {
    const clock = new ManualClock();
    const rules = new AlertRules({ now: () => clock.now(), webUrlOf: () => 'http://127.0.0.1:8081' });
    rules.setBindings([binding([{ on: 'restarts', count: 2, withinMs: 600_000, channels: [] }])]);
    const restarted = (n: number): MonitorEvent => ({ kind: 'job-restarted', at: clock.now(), cluster: 'prod', job: jobSnap(clock, { restarts: n }), added: 1, restartTimes: [clock.now()] });
    expect(rules.evaluate(restarted(1))).toEqual([]);
    await clock.advance(60_000);
    expect(rules.evaluate(restarted(2))).toEqual([]);
    await clock.advance(60_000);
    const fired = rules.evaluate(restarted(3));
    expect(fired).toHaveLength(1);
    expect(fired[0]!.alert).toMatchObject({
      topic: 'restarts',
      severity: 'warning',
      title: 'Flink job orders restarted 3 times in 10 min on prod',
      webUrl: `http://127.0.0.1:8081/#/job/running/${'a'.repeat(32)}/overview`,
      dedupKey: `restarts:${FILE}`,
    });
    expect(fired[0]!.channels).toEqual(['hook']);
    // Eleven minutes later the first two restarts left the window.
    await clock.advance(11 * 60_000);
    expect(rules.evaluate(restarted(4))).toEqual([]);
  });

  it('fires "checkpoint-failures" on failure counts, "failed" with the root cause, and matches jobs by name when untracked', () => {
    const clock = new ManualClock();
    const rules = new AlertRules({ now: () => clock.now() });
    rules.setBindings([
      binding([
        { on: 'checkpoint-failures', count: 1, withinMs: 600_000, channels: [] },
        { on: 'failed', count: 0, withinMs: 600_000, channels: [] },
      ]),
    ]);
    const untracked = jobSnap(clock, { tracked: undefined });
    expect(rules.evaluate({ kind: 'checkpoints-failed', at: 0, cluster: 'prod', job: untracked, added: 1, failureTimes: [clock.now()] })).toEqual([]);
    const second = rules.evaluate({ kind: 'checkpoints-failed', at: 0, cluster: 'prod', job: untracked, added: 1, failureTimes: [clock.now()], message: 'Checkpoint expired before completing.' });
    expect(second[0]!.alert.summary).toBe('More than 1 failed checkpoint within 10 min. Flink says: Checkpoint expired before completing.');
    const failed = rules.evaluate({ kind: 'job-failed', at: 0, cluster: 'prod', job: jobSnap(clock, { state: 'FAILED' }), exception: 'java.lang.ArithmeticException: / by zero' });
    expect(failed[0]!.alert).toMatchObject({ topic: 'failed', severity: 'error', summary: 'Flink says: java.lang.ArithmeticException: / by zero' });
    // Another cluster's job of the same name is not ours.
    expect(rules.evaluate({ kind: 'job-failed', at: 0, cluster: 'staging', job: jobSnap(clock, { cluster: 'staging', tracked: undefined }) })).toEqual([]);
  });

  it('sends "cluster-lost" once per cluster with one dedup key for every job file watching it', () => {
    const clock = new ManualClock();
    const rules = new AlertRules({ now: () => clock.now() });
    const other = { ...binding([{ on: 'cluster-lost', count: 0, withinMs: 1, channels: [] }]), jobFilePath: '/ws/other.flink.yaml', jobName: 'other' };
    rules.setBindings([binding([{ on: 'cluster-lost', count: 0, withinMs: 1, channels: [] }]), other, { ...other, jobFilePath: '/ws/x.flink.yaml', cluster: 'staging' }]);
    const fired = rules.evaluate({ kind: 'cluster-lost', at: 0, cluster: 'prod', error: 'ECONNREFUSED', since: clock.now() });
    expect(fired).toHaveLength(2);
    expect(new Set(fired.map((f) => f.alert.dedupKey))).toEqual(new Set(['cluster-lost:prod']));
    expect(fired[0]!.alert.title).toBe('Flink cluster prod is unreachable');
  });
});

describe('AlertGate', () => {
  it('drops the same alert on the same channel within the window, then lets it through again', async () => {
    const clock = new ManualClock();
    const gate = new AlertGate({ now: () => clock.now(), dedupWindowMs: 600_000 });
    expect(gate.admit('c1', 'k')).toEqual({ admitted: true, suppressedSinceLast: 0 });
    expect(gate.admit('c1', 'k')).toEqual({ admitted: false, reason: 'duplicate' });
    expect(gate.admit('c2', 'k').admitted).toBe(true);
    // The next alert that passes on c1 mentions the one held back.
    expect(gate.admit('c1', 'other')).toEqual({ admitted: true, suppressedSinceLast: 1 });
    expect(gate.admit('c1', 'k').admitted).toBe(false);
    await clock.advance(600_000);
    expect(gate.admit('c1', 'k')).toEqual({ admitted: true, suppressedSinceLast: 1 });
  });

  it('limits each channel to N alerts per period and counts what it held back', async () => {
    const clock = new ManualClock();
    const gate = new AlertGate({ now: () => clock.now(), maxPerPeriod: 3, ratePeriodMs: 3_600_000 });
    const decisions = Array.from({ length: 5 }, (_, i) => gate.admit('c', `k${i}`).admitted);
    expect(decisions).toEqual([true, true, true, false, false]);
    expect(gate.admit('d', 'k9').admitted).toBe(true);
    await clock.advance(3_600_000);
    expect(gate.admit('c', 'k5')).toEqual({ admitted: true, suppressedSinceLast: 2 });
  });

  it('forgets a failed send so a retry is not a duplicate', () => {
    const gate = new AlertGate({ now: () => 0 });
    expect(gate.admit('c', 'k').admitted).toBe(true);
    gate.release('c', 'k');
    expect(gate.admit('c', 'k').admitted).toBe(true);
  });
});

describe('AutoRestarter', () => {
  const target = { cluster: 'prod', jobFilePath: FILE, jobName: 'orders', failedJobId: 'f1' };
  const policy = { enabled: true, maxRestarts: 2, withinMs: 3_600_000, delayMs: 30_000, from: 'latest-checkpoint' as const };

  it('restores after the delay, up to maxRestarts within the window, then reports exhaustion', async () => {
    const clock = new ManualClock();
    const requests: AutoRestartRequest[] = [];
    const outcomes: AutoRestartOutcome[] = [];
    const restarter = new AutoRestarter({
      clock,
      restore: async (r) => {
        requests.push(r);
        return ok({ jobId: `new-${requests.length}`, restoredFrom: 'file:/chk/chk-7' });
      },
      onOutcome: (o) => outcomes.push(o),
    });
    expect(restarter.handleFailure(target, policy)).toBe(true);
    expect(restarter.handleFailure(target, policy)).toBe(false); // the same failure is handled once
    await clock.advance(29_999);
    expect(requests).toHaveLength(0);
    await clock.advance(1);
    await restarter.whenSettled();
    expect(requests[0]).toMatchObject({ from: 'latest-checkpoint', attempt: 1, maxRestarts: 2, failedJobId: 'f1' });
    expect(outcomes[0]).toMatchObject({ kind: 'restarted', result: { jobId: 'new-1' } });
    restarter.handleFailure({ ...target, failedJobId: 'new-1' }, policy);
    await clock.advance(30_000);
    await restarter.whenSettled();
    restarter.handleFailure({ ...target, failedJobId: 'new-2' }, policy);
    expect(outcomes.map((o) => o.kind)).toEqual(['restarted', 'restarted', 'exhausted']);
    expect(outcomes[2]).toMatchObject({ attempts: 2, maxRestarts: 2 });
    // After the window, restarts are allowed again.
    await clock.advance(3_600_000);
    expect(restarter.handleFailure({ ...target, failedJobId: 'new-3' }, policy)).toBe(true);
    restarter.dispose();
    expect(clock.pendingTimers).toBe(0);
  });

  it('falls back to the latest savepoint when no checkpoint can be restored, and reports a restore that fails', async () => {
    const clock = new ManualClock();
    const outcomes: AutoRestartOutcome[] = [];
    const fromKinds: string[] = [];
    const restarter = new AutoRestarter({
      clock,
      restore: async (r) => {
        fromKinds.push(r.from);
        if (r.failedJobId === 'f1' && r.from === 'latest-savepoint') return ok({ jobId: 'n1' });
        return err(new FlinkPilotError(`No ${r.from.replace('latest-', '')} to restore from.`, { code: 'no-restore-point' }));
      },
      onOutcome: (o) => outcomes.push(o),
    });
    restarter.handleFailure(target, { ...policy, delayMs: 0 });
    await clock.advance(0);
    await restarter.whenSettled();
    expect(fromKinds).toEqual(['latest-checkpoint', 'latest-savepoint']);
    expect(outcomes[0]).toMatchObject({ kind: 'restarted', request: { from: 'latest-savepoint' } });
    restarter.handleFailure({ ...target, failedJobId: 'f2' }, { ...policy, delayMs: 0 });
    await clock.advance(0);
    await restarter.whenSettled();
    expect(outcomes[1]).toMatchObject({ kind: 'failed', error: { message: 'No checkpoint to restore from.' } });
  });

  it('does nothing when disabled', () => {
    const restarter = new AutoRestarter({ clock: new ManualClock(), restore: async () => ok({ jobId: 'x' }), onOutcome: () => undefined });
    expect(restarter.handleFailure(target, { ...policy, enabled: false })).toBe(false);
  });
});

class FakeMonitor {
  readonly listeners = new Set<(e: MonitorEvent) => void>();
  readonly tracked: unknown[] = [];
  nudges = 0;
  onEvent(listener: (e: MonitorEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  snapshot(): MonitorSnapshot {
    return { at: 0, cycle: 0, clusters: [{ name: 'prod', status: 'reachable', consecutiveFailures: 0, jobs: [], webUrl: 'http://127.0.0.1:8081' }] };
  }
  trackJob(job: unknown) {
    this.tracked.push(job);
  }
  nudge() {
    this.nudges++;
  }
  emit(e: MonitorEvent) {
    for (const l of this.listeners) l(e);
  }
}

class RecordingChannel implements AlertChannel {
  readonly sent: Alert[] = [];
  fail = false;
  constructor(readonly id: string, readonly description: string) {}
  async send(alert: Alert) {
    if (this.fail) return err(new FlinkPilotError('SMTP 421 try later', { code: 'alert-delivery' }));
    this.sent.push(alert);
    return ok(undefined);
  }
}

describe('AlertService', () => {
  function setup() {
    const clock = new ManualClock();
    const monitor = new FakeMonitor();
    const channels = new Map<string, RecordingChannel>();
    const restores: AutoRestartRequest[] = [];
    const logs: string[] = [];
    const service = new AlertService({
      monitor,
      clock,
      resolveSecret: async () => 'hunter2',
      createChannel: (settings: ChannelSettings, owner: string) => {
        const channel = new RecordingChannel(`${owner}#${settings.name}`, `${settings.type} ${settings.name}`);
        channels.set(settings.name, channel);
        return channel;
      },
      restore: async (r) => {
        restores.push(r);
        return ok({ jobId: 'b'.repeat(32), restoredFrom: 'file:/chk/chk-9' });
      },
      log: (_level, message) => logs.push(message),
    });
    const problems = service.setJobs([
      {
        jobFilePath: FILE,
        jobName: 'orders',
        cluster: 'prod',
        alerts: {
          channels: [
            { name: 'mail', type: 'email', to: ['oncall@example.org'], smtp: { host: '127.0.0.1', from: 'f@example.org' } },
            { name: 'hook', type: 'webhook', kind: 'http', url: 'http://127.0.0.1:1/hook' },
          ],
          triggers: [{ on: 'failed' }, { on: 'restarts', count: 0, within: '5 min', channels: ['hook'] }],
        },
        autoRestart: { maxRestarts: 1, delay: '10 s' },
      },
    ]);
    const alerts: Alert[] = [];
    const deliveries: AlertDelivery[] = [];
    service.onAlert((a) => alerts.push(a));
    service.onDelivery((d) => deliveries.push(d));
    return { clock, monitor, channels, restores, logs, service, problems, alerts, deliveries };
  }

  it('routes a trigger to its channels only, de-duplicates repeats, and tells the editor once', async () => {
    const { clock, monitor, channels, service, problems, alerts, deliveries } = setup();
    expect(problems.size).toBe(0);
    const restart = (): MonitorEvent => ({ kind: 'job-restarted', at: 0, cluster: 'prod', job: jobSnap(clock, { restarts: 1 }), added: 1, restartTimes: [clock.now()] });
    monitor.emit(restart());
    monitor.emit(restart());
    await service.whenSettled();
    expect(channels.get('hook')!.sent).toHaveLength(1);
    expect(channels.get('mail')!.sent).toHaveLength(0);
    expect(alerts).toHaveLength(1);
    expect(deliveries.map((d) => d.outcome).sort()).toEqual(['duplicate', 'sent']);
    service.dispose();
  });

  it('restarts a failed job automatically, tracks the new job, and reports to the failure channels; the second failure exhausts the limit', async () => {
    const { clock, monitor, channels, restores, service, logs } = setup();
    monitor.emit({ kind: 'job-failed', at: 0, cluster: 'prod', job: jobSnap(clock, { state: 'FAILED' }), exception: 'java.lang.ArithmeticException: / by zero' });
    await service.whenSettled();
    expect(channels.get('mail')!.sent.map((a) => a.topic)).toEqual(['failed']);
    await clock.advance(10_000);
    await service.whenSettled();
    expect(restores).toHaveLength(1);
    expect(monitor.tracked).toEqual([{ cluster: 'prod', jobId: 'b'.repeat(32), jobFilePath: FILE, name: 'orders' }]);
    expect(monitor.nudges).toBe(1);
    expect(channels.get('mail')!.sent.map((a) => a.topic)).toEqual(['failed', 'auto-restarted']);
    expect(channels.get('hook')!.sent.map((a) => a.topic)).toEqual(['failed', 'auto-restarted']);
    monitor.emit({ kind: 'job-failed', at: 0, cluster: 'prod', job: jobSnap(clock, { state: 'FAILED', jobId: 'b'.repeat(32) }) });
    await clock.advance(10_000);
    await service.whenSettled();
    expect(restores).toHaveLength(1);
    expect(channels.get('mail')!.sent.map((a) => a.topic)).toEqual(['failed', 'auto-restarted', 'failed', 'auto-restart-exhausted']);
    expect(logs.join('\n')).not.toContain('hunter2');
    service.dispose();
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports a failed delivery and retries it next time instead of treating it as a duplicate', async () => {
    const { clock, monitor, channels, service, deliveries } = setup();
    channels.get('mail')!.fail = true;
    const failed: MonitorEvent = { kind: 'job-failed', at: 0, cluster: 'prod', job: jobSnap(clock, { state: 'FAILED', jobId: 'c'.repeat(32) }) };
    monitor.emit(failed);
    await service.whenSettled();
    expect(deliveries.filter((d) => d.channel === 'email mail').map((d) => d.outcome)).toEqual(['failed']);
    channels.get('mail')!.fail = false;
    monitor.emit(failed);
    await service.whenSettled();
    expect(channels.get('mail')!.sent).toHaveLength(1);
    service.dispose();
  });

  it('returns the problems of a job file’s alert block by key path', () => {
    const { service } = setup();
    const problems = service.setJobs([{ jobFilePath: FILE, jobName: 'orders', cluster: 'prod', alerts: { channels: [{ name: 'w', type: 'webhook', kind: 'wecom', url: 'https://qyapi.example/send?key=SECRET' }] } }]);
    expect(problems.get(FILE)?.[0]?.path).toBe('alerts.channels[0].url');
    service.dispose();
  });
});

describe('WebhookChannel secrets', () => {
  // Sending is covered against real local receivers in test/integration/alerts.test.ts.
  it('says which secret is missing', async () => {
    const channel = new WebhookChannel({ name: 'slack', type: 'webhook', kind: 'slack', urlSecret: 'slack-url' }, { owner: FILE, resolveSecret: async () => undefined });
    const result = await channel.send({ topic: 'failed', severity: 'error', dedupKey: 'k', title: 't', summary: 's', facts: [], at: 0, cluster: 'prod' });
    expect(!result.ok && result.error.message).toContain('secret "slack-url" is not set');
  });
});
