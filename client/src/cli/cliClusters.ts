// The clusters the CLI knows: the running local clusters (started by `flink-pilot local start` or the
// extension) and the workspace's cluster definitions (`.flink/clusters.yaml`), each as a connection
// with its secret read from the environment.
import { FlinkPilotError } from '../core/errors';
import type { ClusterDefinition } from '../core/jobs/clusterDefinitions';
import type { ClusterConnection } from '../core/jobs/deploymentTypes';
import { listLocalClusters, type LocalClusterInfo } from '../core/local';
import type { CliContext } from './cliContext';
import { loadWorkspaceClusterDefinitions } from './cliWorkspace';

export interface KnownCluster {
  connection: ClusterConnection;
  origin: 'local' | 'definition';
  /** Version the definition declares, or the local cluster runs. */
  flinkVersion?: string;
  /** Deployment kind from the definition (standalone, yarn, kubernetes, …). */
  kind?: string;
  /** Set when the definition cannot be used (e.g. its secret is missing); listed, not fatal. */
  problem?: string;
  local?: LocalClusterInfo;
  /** The definition it came from (yarn / kubernetes defaults for CLI modes). */
  definition?: ClusterDefinition;
}

export function localConnection(info: LocalClusterInfo): ClusterConnection {
  return { name: info.name, restUrl: info.restUrl, gatewayUrl: info.gatewayUrl };
}

async function runningLocalClusters(env: NodeJS.ProcessEnv): Promise<KnownCluster[]> {
  const stateDir = env.FLINK_PILOT_STATE_DIR;
  const statuses = await listLocalClusters(...(stateDir ? [stateDir] : []));
  return statuses
    .filter((status) => status.info && status.running.includes('jobmanager'))
    .map((status) => ({ connection: localConnection(status.info!), origin: 'local' as const, flinkVersion: status.info!.version, kind: 'local', local: status.info }));
}

export async function knownClusters(ctx: CliContext): Promise<KnownCluster[]> {
  const [local, defined] = await Promise.all([runningLocalClusters(ctx.env), loadWorkspaceClusterDefinitions(ctx)]);
  // A definition with the same name as a local cluster wins: the user wrote it down on purpose.
  // Except `kind: local`: it names "the local Flink Flink Pilot starts", whose ports are chosen at
  // start, so while one is running the running instance (and its real addresses) is used.
  const usable = local.length > 0 ? defined.filter((cluster) => cluster.kind !== 'local') : defined;
  const names = new Set(usable.map((cluster) => cluster.connection.name));
  return [...usable, ...local.filter((cluster) => !names.has(cluster.connection.name))];
}

/**
 * The cluster called `name`. `local` (or `local-<line>`) means the running local cluster of the
 * given Flink line, so job files can say `cluster: local` and work on every developer's machine.
 */
export async function resolveCluster(ctx: CliContext, name: string, flinkVersion?: string): Promise<KnownCluster> {
  const clusters = await knownClusters(ctx);
  const exact = clusters.find((cluster) => cluster.connection.name === name);
  if (exact) {
    if (exact.problem) throw new FlinkPilotError(`Cluster "${name}" cannot be used: ${exact.problem}`, { code: 'cluster-not-found' });
    return exact;
  }
  const localLine = name === 'local' ? flinkVersion?.split('.').slice(0, 2).join('.') : /^local-(\d+\.\d+)$/.exec(name)?.[1];
  if (localLine || name === 'local') {
    const local = clusters.filter((cluster) => cluster.origin === 'local' && (!localLine || cluster.local?.line === localLine));
    if (local.length) return local[0];
    throw new FlinkPilotError(`No local Flink ${localLine ?? ''} cluster is running.`.replace('  ', ' '), {
      code: 'flink-unreachable',
      hint: `Start one with \`flink-pilot local start${localLine ? ` --flink ${localLine}` : ''}\`.`,
    });
  }
  throw new FlinkPilotError(`Unknown cluster "${name}".`, {
    code: 'cluster-not-found',
    detail: clusters.length ? `Known clusters: ${clusters.map((c) => c.connection.name).join(', ')}` : 'No cluster is defined and no local cluster is running.',
    hint: 'Define it in .flink/clusters.yaml, or start a local one with `flink-pilot local start`.',
  });
}
