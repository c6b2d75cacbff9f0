// The workspace the CLI works in and what it defines: the cluster definitions in `.flink/clusters.yaml`,
// with secrets read from the environment (`FLINK_PILOT_SECRET_<NAME>`): the CLI runs in the user's own
// terminal, so it is trusted, and it has no SecretStorage.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environmentSecretResolver, loadClusterDefinitions, resolveClusterConnection } from '../core/jobs/clusterDefinitions';
import type { CliContext } from './cliContext';
import type { KnownCluster } from './cliClusters';

/** `--workspace`, else the nearest directory up from `cwd` with `.flink/` (or `.git`), else `cwd`. */
export function findCliWorkspace(cwd: string, explicit?: string): string {
  if (explicit) return resolve(cwd, explicit);
  for (let dir = resolve(cwd); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, '.flink')) || existsSync(join(dir, '.git'))) return dir;
    if (resolve(dir, '..') === dir) return resolve(cwd);
  }
}

/** The definitions as connections; one whose secret is missing is listed with the problem, not dropped. */
export async function loadWorkspaceClusterDefinitions(ctx: CliContext): Promise<KnownCluster[]> {
  const loaded = loadClusterDefinitions(ctx.workspace);
  if (!loaded.ok) throw loaded.error;
  for (const warning of loaded.value.warnings) ctx.io.err(`Warning: ${loaded.value.path}:${warning.line}:${warning.column}: ${warning.message}`);
  const resolveSecret = environmentSecretResolver(ctx.env);
  return Promise.all(loaded.value.clusters.map(async (definition): Promise<KnownCluster> => {
    const connection = await resolveClusterConnection(definition, { workspaceRoot: ctx.workspace, resolveSecret, definitionsPath: loaded.value.path });
    const base = { origin: 'definition' as const, flinkVersion: definition.flinkVersion, kind: definition.kind ?? 'standalone', definition };
    return connection.ok
      ? { ...base, connection: connection.value }
      : { ...base, connection: { name: definition.name, restUrl: definition.restUrl, gatewayUrl: definition.gatewayUrl }, problem: connection.error.describe() };
  }));
}
