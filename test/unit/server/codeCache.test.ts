// The code-cache loader of the language server bundle: compiles a CommonJS file, writes V8's code
// cache on request, uses it on the next load, survives a stale or broken cache file.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { codeCacheDirectory, requireWithCodeCache } from '../../../server/src/codeCache';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'flink-pilot-code-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A CommonJS module with enough functions for V8 to have something to cache. Its source is unique
 * (V8 also keeps compiled scripts in memory, per process, by source).
 */
let written = 0;
function writeModule(dir: string): string {
  const file = join(dir, 'bundle.js');
  const functions = Array.from({ length: 50 }, (_, k) => `function f${k}(x) { return x * ${k} + ${k}; }`).join('\n');
  writeFileSync(file, `// module ${written++} of ${dir}\n${functions}\nexports.sum = (x) => [${Array.from({ length: 50 }, (_, k) => `f${k}`).join(', ')}].reduce((a, f) => a + f(x), 0);\nexports.path = require('node:path').basename(__filename);\n`);
  return file;
}

describe('requireWithCodeCache', () => {
  test('first load compiles and writes the cache on request; the next load uses it', () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const file = writeModule(dir);
    const first = requireWithCodeCache(file, cacheDir);
    expect(first.cache).toBe('missing');
    const exports = first.exports as { sum(x: number): number; path: string };
    expect(exports.sum(2)).toBe(Array.from({ length: 50 }, (_, k) => 2 * k + k).reduce((a, b) => a + b, 0));
    expect(exports.path).toBe('bundle.js');
    expect(first.saveCache()).toBe(true);
    expect(readdirSync(cacheDir)).toHaveLength(1);

    const second = requireWithCodeCache(file, cacheDir);
    expect(second.cache).toBe('used');
    expect((second.exports as { sum(x: number): number }).sum(2)).toBe(exports.sum(2));
    expect(second.saveCache()).toBe(false); // nothing to refresh
  });

  test('a broken cache file is refused by V8 and replaced; the module still loads', () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const file = writeModule(dir);
    // A garbage file where the cache of this (never loaded) bundle belongs.
    const { size, mtimeMs } = statSync(file);
    mkdirSync(cacheDir);
    writeFileSync(join(cacheDir, `bundle.js-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.bin`), Buffer.from('not a code cache'));
    const loaded = requireWithCodeCache(file, cacheDir);
    expect(loaded.cache).toBe('rejected');
    expect((loaded.exports as { path: string }).path).toBe('bundle.js');
    expect(loaded.saveCache()).toBe(true);
    expect(requireWithCodeCache(file, cacheDir).cache).toBe('used');
  });

  test('a new build of the bundle gets its own cache file and the old one is removed', () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const file = writeModule(dir);
    requireWithCodeCache(file, cacheDir).saveCache();
    const before = readdirSync(cacheDir);
    writeFileSync(file, 'exports.v = 2; // a different, longer build of the bundle\n');
    const rebuilt = requireWithCodeCache(file, cacheDir);
    expect(rebuilt.cache).toBe('missing');
    expect((rebuilt.exports as { v: number }).v).toBe(2);
    rebuilt.saveCache();
    const after = readdirSync(cacheDir);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  test('switched off: no cache is read or written', () => {
    const dir = tempDir();
    const loaded = requireWithCodeCache(writeModule(dir), undefined);
    expect(loaded.cache).toBe('disabled');
    expect(loaded.saveCache()).toBe(false);
  });

  test('where the cache lives', () => {
    expect(codeCacheDirectory({ FLINK_PILOT_CODE_CACHE: 'off' })).toBeUndefined();
    expect(codeCacheDirectory({ FLINK_PILOT_CODE_CACHE_DIR: '/x/storage' })).toBe('/x/storage');
    expect(codeCacheDirectory({ XDG_CACHE_HOME: '/x/cache' })).toBe(join('/x/cache', 'flink-pilot', 'code-cache'));
  });
});
