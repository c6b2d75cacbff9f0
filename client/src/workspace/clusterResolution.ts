// Which cluster a name in a job file means: a definition from `.flink/clusters.yaml` by exact name
// first (the user wrote it down on purpose), then `local` / `local-<line>` for the running local
// cluster of the job's Flink line, so one job file works on every developer's machine. Pure.
import type { ClusterDefinition } from '../core/jobs/clusterDefinitions';
import type { LocalClusterInfo } from '../core/local';

export interface KnownCluster {
  name: string;
  origin: 'local' | 'definition';
  restUrl: string;
  gatewayUrl?: string;
  flinkVersion?: string;
  definition?: ClusterDefinition;
  local?: LocalClusterInfo;
}

export function knownClusters(definitions: readonly ClusterDefinition[], locals: readonly LocalClusterInfo[]): KnownCluster[] {
  const claimed = new Set<string>();
  const defined = definitions.map<KnownCluster>((definition) => {
    // `kind: local` names the local Flink of that version: its real addresses come from the
    // running instance (ports are chosen at start), the written ones are only a fallback.
    const running = definition.kind === 'local' ? locals.find((info) => !claimed.has(info.name) && (!definition.flinkVersion || versionLine(info.version) === versionLine(definition.flinkVersion))) : undefined;
    if (running) claimed.add(running.name);
    return {
      name: definition.name,
      origin: 'definition',
      restUrl: running?.restUrl ?? definition.restUrl,
      gatewayUrl: running?.gatewayUrl ?? definition.gatewayUrl,
      flinkVersion: running?.version ?? definition.flinkVersion,
      definition,
      local: running,
    };
  });
  const names = new Set(defined.map((cluster) => cluster.name));
  const local = locals
    .filter((info) => !names.has(info.name) && !claimed.has(info.name))
    .map<KnownCluster>((info) => ({ name: info.name, origin: 'local', restUrl: info.restUrl, gatewayUrl: info.gatewayUrl, flinkVersion: info.version, local: info }));
  return [...defined, ...local];
}

/** `1.20.3` → `1.20`. */
export function versionLine(version: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? `${match[1]}.${match[2]}` : undefined;
}

export function resolveClusterName(name: string | undefined, flinkVersion: string | undefined, clusters: readonly KnownCluster[]): KnownCluster | undefined {
  if (!name) return undefined;
  const exact = clusters.find((cluster) => cluster.name === name);
  if (exact) return exact;
  const line = name === 'local' ? versionLine(flinkVersion) : /^local-(\d+\.\d+)$/.exec(name)?.[1];
  if (name !== 'local' && !line) return undefined;
  const locals = clusters.filter((cluster) => cluster.origin === 'local');
  return locals.find((cluster) => !line || versionLine(cluster.flinkVersion) === line) ?? (name === 'local' && !line ? locals[0] : undefined);
}
