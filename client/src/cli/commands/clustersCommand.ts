// `flink-pilot clusters`: every known cluster with its Flink version, TaskManagers, free/total slots and
// running jobs, asked from each cluster's /overview at once. Unreachable clusters are listed as such.
import { FlinkRestClient } from '../../core/flink/flinkRestClient';
import { checkClusterVersion } from '../../core/installations/clusterVersionCheck';
import { parseCommandArgs } from '../cliArgs';
import { knownClusters, type KnownCluster } from '../cliClusters';
import type { CliContext } from '../cliContext';
import { ExitCode } from '../exitCodes';

export const CLUSTERS_HELP = `Usage: flink-pilot clusters [--json]

Lists the workspace's cluster definitions (.flink/clusters.yaml) and the running local clusters, with
Flink version, TaskManagers, free/total slots and running jobs. Exits 3 when a cluster is unreachable.`;

export interface ClusterReport {
  name: string;
  origin: KnownCluster['origin'];
  kind?: string;
  restUrl: string;
  gatewayUrl?: string;
  reachable: boolean;
  flinkVersion?: string;
  declaredVersion?: string;
  taskManagers?: number;
  slotsTotal?: number;
  slotsAvailable?: number;
  jobsRunning?: number;
  error?: string;
  /** The definition declares a Flink version the cluster does not run. */
  versionMismatch?: string;
}

export async function probeCluster(cluster: KnownCluster, signal: AbortSignal): Promise<ClusterReport> {
  const { connection } = cluster;
  const base: ClusterReport = {
    name: connection.name, origin: cluster.origin, kind: cluster.kind, restUrl: connection.restUrl, gatewayUrl: connection.gatewayUrl,
    reachable: false, declaredVersion: cluster.flinkVersion,
  };
  if (cluster.problem) return { ...base, error: cluster.problem };
  const rest = new FlinkRestClient({ clusterName: connection.name, baseUrl: connection.restUrl, auth: connection.auth, tls: connection.tls, timeoutMs: connection.timeoutMs ?? 5000, getRetries: 0 });
  try {
    const overview = await rest.overview({ signal });
    if (!overview.ok) return { ...base, error: overview.error.message };
    const declared = cluster.flinkVersion;
    const mismatch = declared && cluster.origin === 'definition' ? checkClusterVersion(declared, overview.value, { clusterName: connection.name }) : undefined;
    return {
      ...base,
      ...(mismatch && !mismatch.ok ? { versionMismatch: `.flink/clusters.yaml says Flink ${declared}, but the cluster runs Flink ${overview.value['flink-version']}.` } : {}),
      reachable: true,
      flinkVersion: overview.value['flink-version'],
      taskManagers: overview.value.taskmanagers,
      slotsTotal: overview.value['slots-total'],
      slotsAvailable: overview.value['slots-available'],
      jobsRunning: overview.value['jobs-running'],
    };
  } finally {
    await rest.close();
  }
}

export async function clustersCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('clusters', args, {});
  if (parsed.values.help) {
    ctx.io.out(CLUSTERS_HELP);
    return ExitCode.ok;
  }
  const clusters = await knownClusters(ctx);
  const reports = await Promise.all(clusters.map((cluster) => probeCluster(cluster, ctx.signal)));
  ctx.io.json({ clusters: reports });
  if (reports.length === 0) {
    ctx.io.out('No clusters: define them in .flink/clusters.yaml or start a local one with `flink-pilot local start`.');
    return ExitCode.ok;
  }
  for (const report of reports) {
    const state = report.reachable
      ? `Flink ${report.flinkVersion}, ${report.taskManagers} TaskManager(s), ${report.slotsAvailable}/${report.slotsTotal} slots free, ${report.jobsRunning} job(s) running`
      : `UNREACHABLE: ${report.error}`;
    ctx.io.out(`${report.name} (${report.origin}${report.kind && report.kind !== report.origin ? `, ${report.kind}` : ''})  ${report.restUrl}`);
    ctx.io.out(`  ${state}`);
    if (report.versionMismatch) ctx.io.out(`  WARNING: ${report.versionMismatch}`);
  }
  return reports.every((report) => report.reachable) ? ExitCode.ok : ExitCode.clusterUnreachable;
}
