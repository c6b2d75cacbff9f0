// Cluster definitions: `.flink/clusters.yaml` in the workspace names the Flink clusters jobs run on.
// Credentials are never in the file: `auth` names a secret that the caller resolves from VS Code's
// SecretStorage or the environment (`resolveClusterConnection`). A literal token or password in the
// file is an error, with its position, so it cannot slip into Git unnoticed.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { FlinkPilotError } from '../errors';
import { SecretValue, type EndpointAuth, type EndpointTls } from '../flink/httpTransport';
import { err, ok, type Result } from '../result';
import type { ClusterConnection } from './deploymentTypes';
import { analyzeClusterDefinitionsText, type JobFileProblem } from '../../../../server/src/languageService/jobFile/jobFileAnalysis';

/** Workspace-relative location of the cluster definitions. */
export const CLUSTER_DEFINITIONS_PATH = join('.flink', 'clusters.yaml');

export const CLUSTER_KINDS = ['standalone', 'yarn', 'kubernetes', 'kubernetes-operator', 'local'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

export interface ClusterAuthReference {
  /** `token`: `Authorization: Bearer <secret>`; `basic`: user + password (the secret). */
  type: 'token' | 'basic';
  /** Name of the secret in SecretStorage (env fallback: `FLINK_PILOT_SECRET_<NAME>`). */
  secret: string;
  /** User for `basic` (not a secret). */
  username?: string;
}

export interface ClusterTlsOptions {
  /** Verify the server certificate; default true. Turning it off is a visible, deliberate choice. */
  verify?: boolean;
  /** PEM file of an extra trusted CA, relative to the workspace root. */
  caFile?: string;
}

export interface ClusterDefinition {
  name: string;
  description?: string;
  /** Default `standalone`. `local`: the local Flink Flink Pilot starts; while it runs, its real addresses win. */
  kind?: ClusterKind;
  /** Version line or release the cluster runs, e.g. `1.20` or `2.3.0`. */
  flinkVersion?: string;
  /** JobManager REST address, e.g. `https://flink.example.internal:8081`. */
  restUrl: string;
  /** SQL Gateway REST address (needed for SQL jobs). */
  gatewayUrl?: string;
  tls?: ClusterTlsOptions;
  auth?: ClusterAuthReference;
  /** Per-request timeout (Flink Duration text, e.g. `30 s`). */
  timeout?: string;
  /** Installation (FLINK_HOME) name for CLI modes against this cluster. */
  flinkHome?: string;
  yarn?: { applicationId?: string; queue?: string };
  kubernetes?: { context?: string; namespace?: string; clusterId?: string };
}

export interface ClusterDefinitionsFile {
  clusters: ClusterDefinition[];
}

/** Loaded definitions with their origin. */
export interface LoadedClusterDefinitions {
  /** Absolute path of the file, undefined when the workspace has none. */
  path?: string;
  clusters: ClusterDefinition[];
  warnings: JobFileProblem[];
}

export class ClusterDefinitionsError extends FlinkPilotError {
  readonly file: string;
  readonly problems: JobFileProblem[];
  constructor(file: string, problems: JobFileProblem[], message?: string) {
    const first = problems[0];
    super(message ?? (first ? `${file}:${first.line}:${first.column}: ${first.message}` : `${file} is not valid.`), {
      code: 'invalid-cluster-definitions',
      detail: problems.length > 1 ? problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n') : undefined,
      hint: 'Fix .flink/clusters.yaml; credentials belong in a secret referenced by `auth: { type, secret }`.',
    });
    this.name = 'ClusterDefinitionsError';
    this.file = file;
    this.problems = problems;
  }
}

/** Parses and validates cluster definitions text (pure). */
export function parseClusterDefinitionsText(text: string, path = CLUSTER_DEFINITIONS_PATH): Result<LoadedClusterDefinitions, ClusterDefinitionsError> {
  const analysis = analyzeClusterDefinitionsText(text);
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !analysis.value) return err(new ClusterDefinitionsError(path, errors.length > 0 ? errors : analysis.problems));
  const file = analysis.value as unknown as ClusterDefinitionsFile;
  return ok({ path, clusters: file.clusters ?? [], warnings: analysis.problems });
}

/** Reads `<workspaceRoot>/.flink/clusters.yaml`; a workspace without the file has no definitions (not an error). */
export function loadClusterDefinitions(workspaceRoot: string): Result<LoadedClusterDefinitions, ClusterDefinitionsError> {
  const path = resolve(workspaceRoot, CLUSTER_DEFINITIONS_PATH);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return ok({ clusters: [], warnings: [] });
    return err(new ClusterDefinitionsError(path, [], `Cannot read ${path}: ${(cause as Error).message}`));
  }
  return parseClusterDefinitionsText(text, path);
}

/** Environment variable that can hold a secret when SecretStorage is not available (CLI, CI). */
/** `github-token` → `FLINK_PILOT_SECRET_GITHUB_TOKEN`: the one rule for every secret (clusters, Git, alerts). */
export function secretEnvName(secretName: string): string {
  return `FLINK_PILOT_SECRET_${secretName.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
}

/** Looks a secret up by name; returns undefined when it is not set. */
export type SecretResolver = (secretName: string) => Promise<string | undefined>;

/** Secret resolver over an environment (`FLINK_PILOT_SECRET_<NAME>`). */
export function environmentSecretResolver(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (name) => env[secretEnvName(name)];
}

/** Turns a definition into a connection: resolves its secret and reads its CA file. Never throws. */
export async function resolveClusterConnection(
  definition: ClusterDefinition,
  options: { workspaceRoot: string; resolveSecret: SecretResolver; definitionsPath?: string },
): Promise<Result<ClusterConnection, FlinkPilotError>> {
  let auth: EndpointAuth | undefined;
  if (definition.auth) {
    const value = await options.resolveSecret(definition.auth.secret).catch(() => undefined);
    if (value === undefined || value === '') {
      return err(
        new FlinkPilotError(`Cluster "${definition.name}" needs the secret "${definition.auth.secret}", which is not set.`, {
          code: 'secret-missing',
          hint: `Store it with the command "Flink: Set Cluster Secret", or set the environment variable ${secretEnvName(definition.auth.secret)}.`,
        }),
      );
    }
    auth =
      definition.auth.type === 'token'
        ? { kind: 'bearer', token: new SecretValue(value) }
        : { kind: 'basic', username: definition.auth.username ?? '', password: new SecretValue(value) };
  }
  let tls: EndpointTls | undefined;
  if (definition.tls) {
    let ca: string | undefined;
    if (definition.tls.caFile) {
      const base = options.definitionsPath ? dirname(dirname(options.definitionsPath)) : options.workspaceRoot;
      const caPath = isAbsolute(definition.tls.caFile) ? definition.tls.caFile : resolve(base, definition.tls.caFile);
      try {
        ca = await readFile(caPath, 'utf8');
      } catch (cause) {
        return err(new FlinkPilotError(`Cluster "${definition.name}": cannot read the CA file ${caPath}.`, { cause, code: 'ca-file-unreadable', hint: 'Fix `tls.caFile` in .flink/clusters.yaml (relative to the workspace root).' }));
      }
    }
    tls = { ca, rejectUnauthorized: definition.tls.verify !== false };
  }
  const timeoutMs = definition.timeout ? parseDurationMs(definition.timeout) : undefined;
  return ok({ name: definition.name, restUrl: definition.restUrl, gatewayUrl: definition.gatewayUrl, auth, tls, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
}

/** Milliseconds of a Flink Duration text, undefined when it is not one (the schema already rejected it). */
export function parseDurationMs(text: string): number | undefined {
  // Kept local so this module does not pull the whole option catalog in.
  const match = /^\s*(\d+)\s*(ms|milli|millis|millisecond|milliseconds|s|sec|secs|second|seconds|min|m|minute|minutes|h|hour|hours|d|day|days)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'ms').toLowerCase();
  const factor = unit.startsWith('ms') || unit.startsWith('milli') ? 1 : unit.startsWith('s') ? 1000 : unit === 'm' || unit.startsWith('min') ? 60_000 : unit.startsWith('h') ? 3_600_000 : 86_400_000;
  return Number(match[1]) * factor;
}
