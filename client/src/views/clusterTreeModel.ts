// The Clusters view as data: each cluster with its Flink version, TaskManagers and free/total slots,
// its jobs under it, unreachable clusters marked with since when and why. Pure.
import type { ClusterSnapshot } from '../core/monitor/monitorTypes';
import { escapeMarkdown, formatAge } from './format';
import { jobFileOf, jobNode, type WorkspaceJobFile } from './jobTreeModel';
import type { TreeNode } from './treeNode';

/** What /overview said about a cluster the last time it was read. */
export interface ClusterCapacity {
  flinkVersion: string;
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
  readAt: number;
}

export interface ClusterView {
  name: string;
  origin: 'local' | 'definition';
  restUrl: string;
  gatewayUrl?: string;
  /** Version the definition declares (the real one comes from `capacity`). */
  declaredVersion?: string;
  capacity?: ClusterCapacity;
  snapshot?: ClusterSnapshot;
  /** The definition cannot be used (e.g. its secret is missing). */
  problem?: string;
}

const RECENT_FAILURE_MS = 60 * 60_000;
const SHOWN_STATES = new Set(['INITIALIZING', 'CREATED', 'RUNNING', 'RESTARTING', 'FAILING', 'CANCELLING', 'RECONCILING', 'FAILED']);

export function clusterDescription(cluster: ClusterView, now: number): string {
  if (cluster.problem) return `⚠ ${cluster.problem}`;
  const status = cluster.snapshot?.status ?? 'unknown';
  if (status === 'unreachable') {
    const since = cluster.snapshot?.unreachableSince;
    return `unreachable${since !== undefined ? ` for ${formatAge(since, now).replace(' ago', '')}` : ''}`;
  }
  const parts: string[] = [];
  const version = cluster.capacity?.flinkVersion ?? cluster.declaredVersion;
  if (version) parts.push(`Flink ${version}`);
  if (cluster.capacity) {
    const tm = cluster.capacity.taskManagers;
    parts.push(`${tm} TaskManager${tm === 1 ? '' : 's'}`, `${cluster.capacity.slotsAvailable}/${cluster.capacity.slotsTotal} slots free`);
  }
  if (status === 'unknown') parts.push('connecting…');
  if (cluster.origin === 'local') parts.push('local');
  return parts.join(' · ');
}

export function buildClustersTree(clusters: readonly ClusterView[], jobFiles: readonly WorkspaceJobFile[], now: number): TreeNode[] {
  return [...clusters]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((cluster) => {
      const unreachable = cluster.snapshot?.status === 'unreachable';
      // Live jobs, and failed ones while they are news (an hour) or when this workspace deployed them.
      const jobs = (cluster.snapshot?.jobs ?? [])
        .filter((job) => SHOWN_STATES.has(job.state) && (job.state !== 'FAILED' || job.tracked !== undefined || now - (job.endTime > 0 ? job.endTime : job.lastModification) < RECENT_FAILURE_MS))
        .sort((a, b) => b.startTime - a.startTime);
      const tooltip = [
        `**${escapeMarkdown(cluster.name)}** (${cluster.origin === 'local' ? 'local Flink' : 'from .flink/clusters.yaml'})`,
        '',
        `- REST: ${escapeMarkdown(cluster.restUrl)}`,
        cluster.gatewayUrl ? `- SQL Gateway: ${escapeMarkdown(cluster.gatewayUrl)}` : '- SQL Gateway: not configured (SQL jobs cannot be submitted)',
        cluster.capacity ? `- Flink ${escapeMarkdown(cluster.capacity.flinkVersion)}, ${cluster.capacity.taskManagers} TaskManagers, ${cluster.capacity.slotsAvailable} of ${cluster.capacity.slotsTotal} slots free` : '',
        unreachable && cluster.snapshot?.lastError ? `\n$(error) ${escapeMarkdown(cluster.snapshot.lastError)}` : '',
        cluster.problem ? `\n$(warning) ${escapeMarkdown(cluster.problem)}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      return {
        id: `cluster:${cluster.name}`,
        label: cluster.name,
        description: clusterDescription(cluster, now),
        tooltip,
        icon: unreachable || cluster.problem
          ? { id: 'debug-disconnect', color: 'errorForeground' }
          : { id: cluster.origin === 'local' ? 'vm' : 'server', color: cluster.snapshot?.status === 'reachable' ? 'testing.iconPassed' : undefined },
        contextValue: `flinkCluster.${cluster.origin}${unreachable ? '.unreachable' : ''}`,
        collapsible: jobs.length ? 'expanded' : 'none',
        children: jobs.map((job) => jobNode(job, jobFileOf(job, jobFiles), now, cluster.snapshot?.webUrl)),
        data: { kind: 'cluster', cluster: cluster.name, webUrl: cluster.snapshot?.webUrl ?? cluster.restUrl },
      } satisfies TreeNode;
    });
}
