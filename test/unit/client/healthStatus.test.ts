import { describe, expect, it } from 'vitest';
import { workspaceHealth } from '../../../client/src/core/monitor/health';
import type { MonitorSnapshot } from '../../../client/src/core/monitor/monitorTypes';
import { statusPresentation } from '../../../client/src/statusBar/healthSummary';
import { cluster, job, NOW } from './snapshots';

const tracked = (jobId: string, name: string) => ({ cluster: 'dev', jobId, name, jobFilePath: `/ws/${name}.flink.yaml` });

function present(snapshot: MonitorSnapshot) {
  return statusPresentation(workspaceHealth(snapshot, { now: NOW, scope: 'tracked' }), snapshot.clusters.length);
}

describe('status bar health item', () => {
  it('says so when no cluster is configured', () => {
    const view = statusPresentation(undefined, 0);
    expect(view.text).toBe('$(pulse) Flink');
    expect(view.backgroundColor).toBeUndefined();
    expect(view.tooltipMarkdown).toContain('No cluster');
  });

  it('counts healthy jobs with no background colour', () => {
    const view = present({ at: NOW, cycle: 3, clusters: [cluster('dev', [job({ jobId: 'a', name: 'orders', tracked: tracked('a', 'orders') }), job({ jobId: 'b', name: 'clicks', tracked: tracked('b', 'clicks') })])] });
    expect(view.text).toBe('$(pulse) Flink 2 ✓ 0 ⚠ 0 ✗');
    expect(view.backgroundColor).toBeUndefined();
    expect(view.tooltipMarkdown).toContain('All 2 jobs healthy.');
  });

  it('turns to warning for a restarting job and lists it in the tooltip', () => {
    const view = present({
      at: NOW,
      cycle: 3,
      clusters: [cluster('dev', [job({ jobId: 'a', name: 'orders', tracked: tracked('a', 'orders') }), job({ jobId: 'b', name: 'clicks', state: 'RESTARTING', restarts: 3, tracked: tracked('b', 'clicks') })])],
    });
    expect(view.text).toBe('$(pulse) Flink 1 ✓ 1 ⚠ 0 ✗');
    expect(view.backgroundColor).toBe('statusBarItem.warningBackground');
    // Parentheses are escaped: names and messages come from the cluster.
    expect(view.tooltipMarkdown).toContain('$(warning) clicks on dev: RESTARTING \\(3 restarts\\)');
  });

  it('turns to error for a failed job or an unreachable cluster, errors listed first', () => {
    const view = present({
      at: NOW,
      cycle: 3,
      clusters: [
        cluster('dev', [job({ jobId: 'b', name: 'clicks', state: 'RESTARTING', tracked: tracked('b', 'clicks') }), job({ jobId: 'c', name: 'orders', state: 'FAILED', endTime: NOW - 5_000, tracked: tracked('c', 'orders') })]),
        cluster('prod', [], { status: 'unreachable', unreachableSince: NOW - 120_000, lastError: 'connect ECONNREFUSED 127.0.0.1:8081' }),
      ],
    });
    expect(view.text).toBe('$(pulse) Flink 0 ✓ 1 ⚠ 1 ✗');
    expect(view.backgroundColor).toBe('statusBarItem.errorBackground');
    const lines = view.tooltipMarkdown.split('\n').filter((l) => l.startsWith('- '));
    expect(lines[0]).toMatch(/\$\(error\)/);
    expect(lines.at(-1)).toMatch(/\$\(warning\)/);
    expect(view.tooltipMarkdown).toContain('1/2 clusters reachable');
  });

  it('escapes markdown in job names from the cluster', () => {
    const view = present({ at: NOW, cycle: 1, clusters: [cluster('dev', [job({ jobId: 'a', name: 'x_[evil](http://e)', state: 'FAILED', tracked: tracked('a', 'x') })])] });
    expect(view.tooltipMarkdown).not.toContain('[evil](http://e)');
  });
});
