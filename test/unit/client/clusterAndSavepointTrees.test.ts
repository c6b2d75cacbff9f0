import { describe, expect, it } from 'vitest';
import type { LocalClusterInfo } from '../../../client/src/core/local';
import { buildClustersTree, clusterDescription, type ClusterView } from '../../../client/src/views/clusterTreeModel';
import { buildSavepointsTree, mergeSnapshotRows, rowsFromCluster, rowsFromHistory } from '../../../client/src/views/savepointTreeModel';
import { knownClusters, resolveClusterName } from '../../../client/src/workspace/clusterResolution';
import { cluster, job, NOW } from './snapshots';

const local23 = { name: 'flink-2.3', version: '2.3.0', line: '2.3', restUrl: 'http://127.0.0.1:40001', gatewayUrl: 'http://127.0.0.1:40002' } as LocalClusterInfo;
const local120 = { name: 'flink-1.20', version: '1.20.3', line: '1.20', restUrl: 'http://127.0.0.1:41001', gatewayUrl: 'http://127.0.0.1:41002' } as LocalClusterInfo;

describe('cluster resolution', () => {
  it('resolves `local` to the running local cluster of the job file’s Flink line', () => {
    const clusters = knownClusters([], [local120, local23]);
    expect(resolveClusterName('local', '2.3', clusters)?.restUrl).toBe('http://127.0.0.1:40001');
    expect(resolveClusterName('local', '1.20.3', clusters)?.restUrl).toBe('http://127.0.0.1:41001');
    expect(resolveClusterName('local-1.20', undefined, clusters)?.name).toBe('flink-1.20');
    expect(resolveClusterName('local', '2.2', clusters)).toBeUndefined();
    expect(resolveClusterName('prod', '2.3', clusters)).toBeUndefined();
  });

  it('prefers a definition with the exact name, and gives `kind: local` definitions the running addresses', () => {
    const clusters = knownClusters(
      [
        { name: 'local', kind: 'local', flinkVersion: '2.3', restUrl: 'http://127.0.0.1:8081', gatewayUrl: 'http://127.0.0.1:8083' },
        { name: 'prod', restUrl: 'https://flink.prod.internal:8081' },
      ],
      [local120, local23],
    );
    expect(clusters.map((c) => c.name)).toEqual(['local', 'prod', 'flink-1.20']);
    expect(resolveClusterName('local', '1.20', clusters)?.restUrl).toBe('http://127.0.0.1:40001');
    expect(resolveClusterName('prod', '2.3', clusters)?.origin).toBe('definition');
  });
});

describe('Clusters view model', () => {
  const view = (overrides: Partial<ClusterView>): ClusterView => ({ name: 'dev', origin: 'definition', restUrl: 'http://127.0.0.1:8081', ...overrides });

  it('shows version, TaskManagers and free slots of a reachable cluster', () => {
    const description = clusterDescription(
      view({ capacity: { flinkVersion: '2.3.0', taskManagers: 1, slotsTotal: 4, slotsAvailable: 3, readAt: NOW }, snapshot: cluster('dev', []) }),
      NOW,
    );
    expect(description).toBe('Flink 2.3.0 · 1 TaskManager · 3/4 slots free');
  });

  it('marks an unreachable cluster with how long it has been down', () => {
    const node = buildClustersTree([view({ snapshot: cluster('dev', [], { status: 'unreachable', unreachableSince: NOW - 90_000, lastError: 'ECONNREFUSED' }) })], [], NOW)[0];
    expect(node.description).toBe('unreachable for 1m 30s');
    expect(node.icon).toEqual({ id: 'debug-disconnect', color: 'errorForeground' });
    expect(node.contextValue).toBe('flinkCluster.definition.unreachable');
    expect(node.tooltip).toContain('ECONNREFUSED');
  });

  it('lists live and recently failed jobs under their cluster, not finished or long-failed ones', () => {
    const node = buildClustersTree(
      [
        view({
          snapshot: cluster('dev', [
            job({ jobId: 'a', name: 'orders' }),
            job({ jobId: 'b', name: 'done', state: 'FINISHED' }),
            job({ jobId: 'c', name: 'broken', state: 'FAILED', endTime: NOW - 60_000 }),
            job({ jobId: 'd', name: 'old-failure', state: 'FAILED', endTime: NOW - 2 * 3_600_000 }),
            job({ jobId: 'e', name: 'ours', state: 'FAILED', endTime: NOW - 2 * 3_600_000, tracked: { cluster: 'dev', jobId: 'e' } }),
          ]),
        }),
      ],
      [],
      NOW,
    )[0];
    expect(node.children!.map((c) => c.label).sort()).toEqual(['broken', 'orders', 'ours']);
  });
});

describe('Savepoints view model', () => {
  const history = rowsFromHistory([
    { kind: 'savepoint', at: '2026-11-25T02:50:00Z', cluster: 'dev', jobFile: 'orders.flink.yaml', jobId: 'a', path: 'file:/sp/savepoint-aa-1', trigger: 'stop', formatType: 'CANONICAL', sizeBytes: 6797 },
    { kind: 'checkpoint', at: '2026-11-25T02:40:00Z', cluster: 'dev', jobFile: 'orders.flink.yaml', jobId: 'a', path: 'file:/cp/a/chk-12', checkpointId: 12, trigger: 'periodic' },
  ]);

  it('merges history with what the cluster reports, newest first, history winning for the same path', () => {
    const running = job({
      jobId: 'b',
      name: 'orders',
      checkpoints: { completed: 3, failed: 0, inProgress: 0, lastCompletedAt: NOW - 10_000, lastCompletedPath: 'file:/cp/b/chk-3', lastSavepointAt: NOW - 600_000, lastSavepointPath: 'file:/sp/savepoint-aa-1/', readAt: NOW },
    });
    const rows = mergeSnapshotRows(history, rowsFromCluster(running));
    expect(rows.map((r) => `${r.kind} ${r.path} ${r.origin}`)).toEqual(['checkpoint file:/cp/b/chk-3 cluster', 'savepoint file:/sp/savepoint-aa-1 history', 'checkpoint file:/cp/a/chk-12 history']);
  });

  it('shows path, age, size and trigger per row, grouped by job file', () => {
    const tree = buildSavepointsTree({
      jobFiles: [{ path: '/ws/orders.flink.yaml', relativePath: 'orders.flink.yaml', name: 'orders', tags: [] }, { path: '/ws/none.flink.yaml', relativePath: 'none.flink.yaml', name: 'none', tags: [] }],
      rows: new Map([['/ws/orders.flink.yaml', history]]),
      now: NOW,
    });
    expect(tree).toHaveLength(1);
    expect(tree[0].description).toBe('1 savepoint, 1 checkpoint');
    const [savepoint, checkpoint] = tree[0].children!;
    expect(savepoint.label).toBe('savepoint-aa-1');
    expect(savepoint.description).toBe('savepoint · 10m 0s ago · 6.6 KiB · stop');
    expect(savepoint.contextValue).toBe('flinkSnapshot.savepoint');
    expect(checkpoint.label).toBe('chk-12 (a)');
    expect(savepoint.data).toMatchObject({ kind: 'snapshot', path: 'file:/sp/savepoint-aa-1', jobFilePath: '/ws/orders.flink.yaml' });
  });
});
