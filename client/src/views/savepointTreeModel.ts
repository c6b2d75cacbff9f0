// The Savepoints view as data: per job file, its savepoints and retained checkpoints, newest first,
// from the job's history and from what the cluster reports, with path, time and size. Pure.
import type { CheckpointEntry, SavepointEntry } from '../core/history/historyTypes';
import type { JobSnapshot } from '../core/monitor/monitorTypes';
import { escapeMarkdown, formatAge, formatBytes, formatTimestamp } from './format';
import type { WorkspaceJobFile } from './jobTreeModel';
import type { TreeNode } from './treeNode';

export interface SnapshotRow {
  kind: 'savepoint' | 'checkpoint';
  path: string;
  at: number;
  cluster: string;
  jobId: string;
  sizeBytes?: number;
  /** `stop`, `manual`, `periodic`, … */
  trigger?: string;
  /** Where we know it from. */
  origin: 'history' | 'cluster';
}

export function rowsFromHistory(entries: readonly (SavepointEntry | CheckpointEntry)[]): SnapshotRow[] {
  return entries.map((entry) => ({
    kind: entry.kind,
    path: entry.path,
    at: Date.parse(entry.at),
    cluster: entry.cluster,
    jobId: entry.jobId,
    sizeBytes: entry.sizeBytes,
    trigger: entry.trigger,
    origin: 'history' as const,
  }));
}

/** The latest completed checkpoint and savepoint the cluster reports for a job. */
export function rowsFromCluster(job: JobSnapshot): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  const cp = job.checkpoints;
  if (cp?.lastCompletedPath && cp.lastCompletedAt !== undefined) {
    rows.push({ kind: 'checkpoint', path: cp.lastCompletedPath, at: cp.lastCompletedAt, cluster: job.cluster, jobId: job.jobId, trigger: 'periodic', origin: 'cluster' });
  }
  if (cp?.lastSavepointPath && cp.lastSavepointAt !== undefined) {
    rows.push({ kind: 'savepoint', path: cp.lastSavepointPath, at: cp.lastSavepointAt, cluster: job.cluster, jobId: job.jobId, origin: 'cluster' });
  }
  return rows;
}

/** History and cluster rows merged by path (history wins: it has size and trigger), newest first. */
export function mergeSnapshotRows(...lists: SnapshotRow[][]): SnapshotRow[] {
  const byPath = new Map<string, SnapshotRow>();
  for (const row of lists.flat()) {
    const key = row.path.replace(/\/+$/, '');
    const known = byPath.get(key);
    if (!known || (known.origin === 'cluster' && row.origin === 'history')) byPath.set(key, row);
  }
  return [...byPath.values()].sort((a, b) => b.at - a.at);
}

function lastSegment(path: string): string {
  const parts = path.replace(/\/+$/, '').split('/');
  const last = parts.at(-1) ?? path;
  // Checkpoints are `<dir>/<jobId>/chk-12`: the job id tells them apart.
  return /^chk-\d+$/.test(last) && parts.length > 1 ? `${last} (${parts.at(-2)!.slice(0, 8)})` : last;
}

export function snapshotNode(row: SnapshotRow, jobFilePath: string | undefined, now: number): TreeNode {
  const description = [
    row.kind,
    formatAge(row.at, now),
    row.sizeBytes !== undefined ? formatBytes(row.sizeBytes) : undefined,
    row.trigger && row.trigger !== 'periodic' ? row.trigger : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    id: `snapshot:${row.path}`,
    label: lastSegment(row.path),
    description,
    tooltip: [
      `**${row.kind === 'savepoint' ? 'Savepoint' : 'Retained checkpoint'}**`,
      '',
      `- Path: \`${row.path}\``,
      `- Taken: ${formatTimestamp(row.at)}`,
      row.sizeBytes !== undefined ? `- Size: ${formatBytes(row.sizeBytes)}` : '',
      `- Job: \`${row.jobId}\` on ${escapeMarkdown(row.cluster)}`,
      row.trigger ? `- Trigger: ${row.trigger}` : '',
      row.origin === 'cluster' ? '- Reported by the cluster (not in the job history yet)' : '',
    ]
      .filter(Boolean)
      .join('\n'),
    icon: row.kind === 'savepoint' ? { id: 'save' } : { id: 'history' },
    contextValue: `flinkSnapshot.${row.kind}`,
    collapsible: 'none',
    data: { kind: 'snapshot', path: row.path, snapshotKind: row.kind, jobFilePath, cluster: row.cluster, jobId: row.jobId },
  };
}

export interface SavepointsTreeInput {
  jobFiles: readonly WorkspaceJobFile[];
  /** Rows per job file path (history + cluster, merged). */
  rows: ReadonlyMap<string, SnapshotRow[]>;
  now: number;
}

export function buildSavepointsTree(input: SavepointsTreeInput): TreeNode[] {
  return [...input.jobFiles]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((file) => {
      const rows = input.rows.get(file.path) ?? [];
      if (rows.length === 0) return [];
      const savepoints = rows.filter((row) => row.kind === 'savepoint').length;
      const node: TreeNode = {
        id: `savepoints:${file.path}`,
        label: file.name,
        description: `${savepoints} savepoint${savepoints === 1 ? '' : 's'}, ${rows.length - savepoints} checkpoint${rows.length - savepoints === 1 ? '' : 's'}`,
        tooltip: `Savepoints and retained checkpoints of ${escapeMarkdown(file.relativePath)}, newest first.`,
        icon: { id: 'database' },
        contextValue: 'flinkSnapshotGroup',
        collapsible: 'expanded',
        children: rows.map((row) => snapshotNode(row, file.path, input.now)),
        data: { kind: 'jobFile', jobFilePath: file.path, cluster: file.cluster },
      };
      return [node];
    });
}
