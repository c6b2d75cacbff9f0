import { describe, expect, it } from 'vitest';
import { parseJobFilter } from '../../../client/src/views/jobFilter';
import { buildJobsTree, jobDescription, type WorkspaceJobFile } from '../../../client/src/views/jobTreeModel';
import { cluster, job, NOW } from './snapshots';

const ordersFile: WorkspaceJobFile = { path: '/ws/orders.flink.yaml', relativePath: 'orders.flink.yaml', name: 'orders', cluster: 'dev', tags: ['etl'], flinkVersion: '2.3' };
const reportFile: WorkspaceJobFile = { path: '/ws/report.flink.yaml', relativePath: 'report.flink.yaml', name: 'report', cluster: 'dev', tags: [] };

describe('Jobs view model', () => {
  it('describes a running job with state, uptime, restarts and checkpoint age', () => {
    const running = job({
      jobId: 'a1',
      name: 'orders',
      restarts: 2,
      checkpoints: { completed: 10, failed: 0, inProgress: 0, lastCompletedAt: NOW - 12_000, readAt: NOW },
    });
    expect(jobDescription(running, NOW)).toBe('RUNNING · up 2h 5m · 2 restarts · checkpoint 12s ago');
  });

  it('puts jobs under the job file that deployed them, live first, and lists files that never ran', () => {
    const tree = buildJobsTree({
      jobFiles: [reportFile, ordersFile],
      clusters: [
        cluster('dev', [
          job({ jobId: 'old', name: 'orders', state: 'FINISHED', startTime: NOW - 86_400_000, endTime: NOW - 7_200_000 }),
          job({ jobId: 'new', name: 'orders', tracked: { cluster: 'dev', jobId: 'new', jobFilePath: '/ws/orders.flink.yaml' } }),
          job({ jobId: 'stranger', name: 'adhoc-query' }),
        ]),
      ],
      now: NOW,
      groupBy: 'file',
      filter: parseJobFilter(''),
    });
    expect(tree.map((n) => n.label)).toEqual(['orders', 'report', 'Other jobs on the clusters']);
    const orders = tree[0];
    expect(orders.description).toBe('RUNNING · on dev · orders.flink.yaml');
    expect(orders.collapsible).toBe('expanded');
    expect(orders.children!.map((c) => c.data.kind === 'job' && c.data.jobId)).toEqual(['new', 'old']);
    expect(orders.children![0].contextValue).toBe('flinkJob.running.withFile');
    expect(tree[1].description).toBe('not deployed · on dev · report.flink.yaml');
    expect(tree[2].children!.map((c) => c.label)).toEqual(['adhoc-query']);
    expect(tree[2].children![0].contextValue).toBe('flinkJob.running');
  });

  it('changes the file row id when its first job appears, so VS Code shows it expanded', () => {
    const input = { jobFiles: [ordersFile], now: NOW, groupBy: 'file' as const, filter: parseJobFilter('') };
    const before = buildJobsTree({ ...input, clusters: [cluster('dev', [])] });
    const after = buildJobsTree({ ...input, clusters: [cluster('dev', [job({ jobId: 'x', name: 'orders' })])] });
    expect(before[0].id).not.toBe(after[0].id);
  });

  it('groups by state with problems first', () => {
    const tree = buildJobsTree({
      jobFiles: [ordersFile],
      clusters: [cluster('dev', [job({ jobId: 'r', name: 'orders' }), job({ jobId: 'f', name: 'other', state: 'FAILED', endTime: NOW - 1000 }), job({ jobId: 'x', name: 'loop', state: 'RESTARTING' })])],
      now: NOW,
      groupBy: 'state',
      filter: parseJobFilter(''),
    });
    expect(tree.map((n) => `${n.label} ${n.description}`)).toEqual(['FAILED 1', 'RESTARTING 1', 'RUNNING 1']);
  });

  it('applies the filter to jobs with their file tags', () => {
    const tree = buildJobsTree({
      jobFiles: [ordersFile, reportFile],
      clusters: [cluster('dev', [job({ jobId: 'r', name: 'orders' }), job({ jobId: 'q', name: 'report', state: 'FAILED' })])],
      now: NOW,
      groupBy: 'state',
      filter: parseJobFilter('tag:etl'),
    });
    expect(tree.map((n) => n.label)).toEqual(['RUNNING']);
    expect(tree[0].children!.map((c) => c.label)).toEqual(['orders']);
  });
});
