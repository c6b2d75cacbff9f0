import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../../client/src/commands/commandRegistry';
import { describeMonitorEvent } from '../../../client/src/workspace/monitorEventText';
import { job, NOW } from './snapshots';

describe('monitor events as notifications', () => {
  it('says what happened to which job, with Flink’s own words', () => {
    const orders = job({ jobId: 'a', name: 'orders', state: 'FAILED', restarts: 3 });
    expect(describeMonitorEvent({ kind: 'job-failed', at: NOW, cluster: 'prod', job: orders, exception: 'java.io.IOException: disk full' })).toEqual({
      level: 'error',
      text: 'Flink job "orders" on prod FAILED: java.io.IOException: disk full',
    });
    expect(describeMonitorEvent({ kind: 'job-restarted', at: NOW, cluster: 'prod', job: orders, added: 1, restartTimes: [NOW] })?.text).toBe('Flink job "orders" on prod restarted (3 restarts)');
    expect(describeMonitorEvent({ kind: 'job-stopped-externally', at: NOW, cluster: 'prod', job: orders, how: 'canceled' })).toMatchObject({ level: 'warning', text: expect.stringContaining('canceled outside the editor') });
    expect(describeMonitorEvent({ kind: 'cluster-lost', at: NOW, cluster: 'prod', error: 'ECONNREFUSED', since: NOW - 1000 })?.level).toBe('error');
    expect(describeMonitorEvent({ kind: 'cluster-back', at: NOW, cluster: 'prod', downForMs: 5000 })?.level).toBe('info');
  });

  it('stays quiet about routine discoveries', () => {
    expect(describeMonitorEvent({ kind: 'job-discovered', at: NOW, cluster: 'prod', job: job({ jobId: 'b', name: 'x' }) })).toBeUndefined();
  });
});

describe('command registry behind the activation stubs', () => {
  it('dispatches to the registered handler with the arguments', async () => {
    const registry = new CommandRegistry();
    registry.set('flinkPilot.submitJob', async (...args) => `submitted ${String(args[0])}`);
    await expect(registry.run('flinkPilot.submitJob', ['demo.flink.yaml'])).resolves.toBe('submitted demo.flink.yaml');
  });

  it('says clearly when a command has no handler, and a disposed handler is gone', async () => {
    const registry = new CommandRegistry();
    const registration = registry.set('flinkPilot.stopJob', async () => 'stopped');
    registration.dispose();
    expect(registry.has('flinkPilot.stopJob')).toBe(false);
    await expect(registry.run('flinkPilot.stopJob', [])).rejects.toThrow(/flinkPilot\.stopJob is not available/);
  });
});
