// Bundles a TypeScript entry of the project with esbuild into a temporary ES module and imports
// it, so benchmarks run the same compiled code as dist/ without a TypeScript loader.
import * as esbuild from 'esbuild';
import { antlrRuntimePlugin } from '../../grammars/antlrRuntimePlugin.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `entry` (path relative to the repository root) like esbuild.mjs bundles dist/ (same
 * antlr4ng runtime plugin unless `{ plain: true }`, used for the unmodified baseline) and imports it.
 * Returns { module, file, dispose }.
 */
export async function importBundled(entry, { plain = false } = {}) {
  const { file, dispose } = await bundleFile(entry, { plain, format: 'esm' });
  const module = await import(pathToFileURL(file).href);
  return { module, file, dispose };
}

/**
 * Bundles `entry` like importBundled, without importing it: `format` 'cjs' gives what
 * dist/serverMain.js is (a CommonJS bundle). Returns { file, dispose }.
 */
export async function bundleFile(entry, { plain = false, format = 'esm' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flink-pilot-bench-'));
  const file = join(dir, format === 'cjs' ? 'entry.cjs' : 'entry.mjs');
  await esbuild.build({
    entryPoints: [join(repoRoot, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: process.env.BENCH_NO_MINIFY !== '1',
    logLevel: 'warning',
    plugins: plain ? [] : [antlrRuntimePlugin],
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
