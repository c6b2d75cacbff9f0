// Where the local Flink lives: distributions in the user's cache directory (shared by every
// workspace, so the second run downloads nothing), cluster instances in the user's state directory.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLINK_PILOT_CACHE_DIR) return env.FLINK_PILOT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'flink-pilot');
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLINK_PILOT_STATE_DIR) return env.FLINK_PILOT_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'flink-pilot');
}
