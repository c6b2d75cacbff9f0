// Server plumbing without a connection: settings parsing and diagnostic run coalescing.
import { describe, expect, it } from 'vitest';
import { DiagnosticScheduler } from '../../../server/src/handlers/diagnosticScheduler';
import { settingsFrom } from '../../../server/src/handlers/serverSettings';

describe('settingsFrom', () => {
  it('reads flat initializationOptions and the nested flinkPilot section', () => {
    expect(settingsFrom({ flinkVersion: '1.20' })).toEqual({ flinkVersion: '1.20' });
    expect(settingsFrom({ flinkPilot: { flinkVersion: '2.1' } }, { flinkVersion: '1.20' })).toEqual({ flinkVersion: '2.1' });
  });

  it('ignores unknown versions and malformed input, keeping the previous settings', () => {
    expect(settingsFrom({ flinkVersion: '1.9' }, { flinkVersion: '2.0' })).toEqual({ flinkVersion: '2.0' });
    expect(settingsFrom(null, { flinkVersion: '2.0' })).toEqual({ flinkVersion: '2.0' });
    expect(settingsFrom('2.3')).toEqual({});
    expect(settingsFrom({ flinkPilot: 7 })).toEqual({});
  });
});

describe('DiagnosticScheduler', () => {
  it('runs once per document for a burst of changes, on the next turn of the event loop', async () => {
    const runs: string[] = [];
    const scheduler = new DiagnosticScheduler((uri) => runs.push(uri));
    scheduler.schedule('a');
    scheduler.schedule('a');
    scheduler.schedule('b');
    scheduler.schedule('a');
    expect(runs).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual(['a', 'b']);
    scheduler.schedule('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual(['a', 'b', 'a']);
  });

  it('cancel and dispose drop pending runs', async () => {
    const runs: string[] = [];
    const scheduler = new DiagnosticScheduler((uri) => runs.push(uri));
    scheduler.schedule('a');
    scheduler.cancel('a');
    scheduler.schedule('b');
    scheduler.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual([]);
  });
});
