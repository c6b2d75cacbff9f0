// Loads a CommonJS bundle through V8's code cache, so that a new process does not compile again
// what the last one compiled.
//
// WHY: at start the language server spends about a third of its time to the first diagnostics
// compiling JavaScript (the generated parser is large, and V8 compiles each function on its first
// call). V8 can serialise compiled functions (`vm.Script#createCachedData`) and reuse them when the
// same source is loaded again; VS Code does this for its own code. The cache is written once, a
// while after start (so it holds the functions the first document needed), into the extension's
// storage or the user's cache directory; V8 itself refuses data of another source or V8 version,
// which then just means compiling as without a cache.
//
// Public API:
//   requireWithCodeCache(file, cacheDir): { exports, cache, saveCache() }
//   codeCacheDirectory(env): where the cache lives, or undefined when switched off.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What happened to the cache: used, refused by V8 (stale), missing, or switched off. */
export type CodeCacheStatus = 'used' | 'rejected' | 'missing' | 'disabled';

export interface CodeCachedModule {
  readonly exports: unknown;
  readonly cache: CodeCacheStatus;
  /** Writes the cache from what has been compiled so far (not when it was used). True when written. */
  saveCache(): boolean;
}

/**
 * `FLINK_PILOT_CODE_CACHE_DIR` (the extension passes its storage folder), else
 * `$XDG_CACHE_HOME/flink-pilot/code-cache` or `~/.cache/flink-pilot/code-cache`;
 * `FLINK_PILOT_CODE_CACHE=off` switches the cache off.
 */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['FLINK_PILOT_CODE_CACHE'] === 'off') return undefined;
  if (env['FLINK_PILOT_CODE_CACHE_DIR']) return env['FLINK_PILOT_CODE_CACHE_DIR'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'flink-pilot', 'code-cache');
}

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

export function requireWithCodeCache(file: string, cacheDir: string | undefined): CodeCachedModule {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  // One file per bundle build and runtime; V8 also checks the source and its own version.
  const prefix = `${basename(file)}-`;
  const cacheFile = cacheDir && join(cacheDir, `${prefix}${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.bin`);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet.
    }
  }
  const script = new Script(wrap(source), { filename: file, cachedData });
  const cache: CodeCacheStatus = !cacheFile ? 'disabled' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  (script.runInThisContext() as ModuleFunction).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    get exports() {
      return module.exports;
    },
    cache,
    saveCache(): boolean {
      if (!cacheFile || !cacheDir || cache === 'used') return false;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile); // atomic: a concurrent reader sees the old file or the new one
        // Caches of earlier builds of this bundle are never read again.
        for (const name of readdirSync(cacheDir)) {
          if (name.startsWith(prefix) && join(cacheDir, name) !== cacheFile && !name.endsWith('.tmp')) rmSync(join(cacheDir, name), { force: true });
        }
        return true;
      } catch {
        return false; // a read-only or full disk only costs start-up time
      }
    },
  };
}
