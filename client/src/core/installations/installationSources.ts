// Where Flink installations come from, in the order they are preferred: the editor setting
// `flinkPilot.flinkHomes`, the CLI config file, the `FLINK_HOME` environment variable, and the
// distributions the local installer put into its cache.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { FlinkPilotError } from '../errors';
import { LOCAL_FLINK_RELEASES } from '../local/flinkReleases';
import { findInstalledFlink } from '../local/flinkInstaller';
import { defaultCacheDir } from '../local/localPaths';

export type InstallationOrigin = 'settings' | 'config-file' | 'env' | 'local-installer';

/** Preference when two installations fit a job equally: explicit configuration first. */
export const ORIGIN_PRIORITY: Readonly<Record<InstallationOrigin, number>> = {
  settings: 0,
  'config-file': 1,
  env: 2,
  'local-installer': 3,
};

export interface InstallationCandidate {
  /** The name the user gave it (`prod-1.20`), `FLINK_HOME`, or `local-2.3.0`. */
  name: string;
  flinkHome: string;
  origin: InstallationOrigin;
}

/** From a `{ name: path }` map, as in the setting `flinkPilot.flinkHomes`. Relative paths resolve against `baseDir`. */
export function candidatesFromMap(map: Readonly<Record<string, unknown>> | undefined, origin: InstallationOrigin, baseDir = process.cwd()): InstallationCandidate[] {
  if (!map) return [];
  return Object.entries(map)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
    .map(([name, path]) => ({ name, origin, flinkHome: isAbsolute(path) ? path : resolve(baseDir, path) }));
}

/** The CLI config file: `$FLINK_PILOT_CONFIG`, else `$XDG_CONFIG_HOME/flink-pilot/config.yaml`. */
export function defaultCliConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLINK_PILOT_CONFIG) return env.FLINK_PILOT_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'flink-pilot', 'config.yaml');
}

/** Reads `flinkHomes:` from the CLI config file; a missing file is no error, a malformed one is. */
export async function candidatesFromConfigFile(path: string): Promise<InstallationCandidate[]> {
  if (!existsSync(path)) return [];
  let config: unknown;
  try {
    config = parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new FlinkPilotError(`The CLI config file ${path} is not valid YAML.`, {
      cause: error,
      code: 'bad-config-file',
      detail: error instanceof Error ? error.message : String(error),
      hint: 'Fix the file; `flinkHomes` is a map from a name to a Flink installation directory.',
    });
  }
  const homes = (config as { flinkHomes?: unknown } | null)?.flinkHomes;
  if (homes === undefined || homes === null) return [];
  if (typeof homes !== 'object' || Array.isArray(homes)) {
    throw new FlinkPilotError(`\`flinkHomes\` in ${path} must be a map from a name to a directory.`, { code: 'bad-config-file' });
  }
  return candidatesFromMap(homes as Record<string, unknown>, 'config-file', resolve(path, '..'));
}

export function candidateFromEnv(env: NodeJS.ProcessEnv = process.env): InstallationCandidate[] {
  return env.FLINK_HOME ? [{ name: 'FLINK_HOME', flinkHome: env.FLINK_HOME, origin: 'env' }] : [];
}

/** The distributions the local installer has finished installing (half-finished ones are not listed). */
export function candidatesFromLocalInstaller(cacheDir = defaultCacheDir()): InstallationCandidate[] {
  const candidates: InstallationCandidate[] = [];
  for (const release of LOCAL_FLINK_RELEASES) {
    const flinkHome = findInstalledFlink(release.version, cacheDir);
    if (flinkHome) candidates.push({ name: `local-${release.version}`, flinkHome, origin: 'local-installer' });
  }
  return candidates;
}

export interface InstallationSourceOptions {
  /** `flinkPilot.flinkHomes` from the editor settings. */
  settings?: Readonly<Record<string, unknown>>;
  /** Base directory for relative paths in settings (the workspace folder). */
  settingsBaseDir?: string;
  /** CLI config file; `null` skips it. Default: {@link defaultCliConfigPath}. */
  configFile?: string | null;
  env?: NodeJS.ProcessEnv;
  /** Local installer cache; `null` skips it. */
  localCacheDir?: string | null;
}

export async function collectInstallationCandidates(options: InstallationSourceOptions = {}): Promise<InstallationCandidate[]> {
  const env = options.env ?? process.env;
  const configFile = options.configFile === undefined ? defaultCliConfigPath(env) : options.configFile;
  return [
    ...candidatesFromMap(options.settings, 'settings', options.settingsBaseDir),
    ...(configFile === null ? [] : await candidatesFromConfigFile(configFile)),
    ...candidateFromEnv(env),
    ...(options.localCacheDir === null ? [] : candidatesFromLocalInstaller(options.localCacheDir ?? defaultCacheDir(env))),
  ];
}
