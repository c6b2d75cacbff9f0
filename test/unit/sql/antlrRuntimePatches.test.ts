// The build's edits of the antlr4ng runtime (grammars/antlrRuntimePlugin.mjs) still apply to the
// installed runtime, and a parser bundled with them gives the same trees and errors as the
// unmodified runtime these unit tests run on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, test } from 'vitest';
import { antlrRuntimePlugin, patchAntlrRuntime } from '../../../grammars/antlrRuntimePlugin.mjs';
import { parseStatement } from '../../../server/src/languageService/sql/parseStatement';
import { splitStatements } from '../../../server/src/languageService/sql/statementSplitter';
import { loadCorpus } from './corpusCases';
import { treeText } from './sqlTestUtils';

const dir = mkdtempSync(join(tmpdir(), 'flink-pilot-runtime-patches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('antlr4ng runtime patches', () => {
  test('every patch applies to the installed runtime (ESM and CommonJS builds)', () => {
    const runtime = createRequire(import.meta.url).resolve('antlr4ng');
    for (const file of [runtime.replace(/index\.c?js$/, 'index.mjs'), runtime.replace(/index\.m?js$/, 'index.cjs')]) {
      const { source, skipped } = patchAntlrRuntime(readFileSync(file, 'utf8'));
      expect(skipped, file).toEqual([]);
      expect(source).toContain('if (!this.mergeCache.cacheMap.isEmpty)');
    }
  });

  test('a parser bundled with the patched runtime parses exactly like the original', async () => {
    const outfile = join(dir, 'patched.mjs');
    const result = await build({
      stdin: {
        contents: "export { parseStatement } from './parseStatement';",
        resolveDir: new URL('../../../server/src/languageService/sql', import.meta.url).pathname,
        loader: 'ts',
      },
      outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [antlrRuntimePlugin],
    });
    expect(result.warnings).toEqual([]);
    const patched = (await import(pathToFileURL(outfile).href)) as { parseStatement: typeof parseStatement };
    const training = readFileSync(new URL('../../../grammars/predictionTraining.flink.sql', import.meta.url), 'utf8');
    const corpus = loadCorpus().map((c) => c.text);
    // Valid statements, and broken ones (error recovery creates error nodes, which copyFrom moves).
    const texts = [...splitStatements(training).map((s) => s.text), ...corpus, ...corpus.map((t) => t.slice(0, Math.ceil(t.length / 2)))];
    expect(texts.length).toBeGreaterThan(600);
    for (const text of texts) {
      const a = parseStatement(text);
      const b = patched.parseStatement(text);
      expect({ tree: treeText(b.tree), errors: b.errors }, text).toEqual({ tree: treeText(a.tree), errors: a.errors });
    }
  });
});
