// Bundles the three entry points: the extension (client), the language server and the CLI.
// `node esbuild.mjs [--production] [--watch]`
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { antlrRuntimePlugin } from './grammars/antlrRuntimePlugin.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The ANTLR parser is generated from grammars/*.g4 before bundling (skipped when up to date).
execFileSync(process.execPath, ['grammars/generate.mjs'], { stdio: 'inherit' });

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  legalComments: 'none',
  logLevel: 'info',
  // Optional native accelerators of ws/undici/nodemailer that are never needed here.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  // Faster parse-tree construction in the bundled antlr4ng runtime (see the plugin's comment).
  plugins: [antlrRuntimePlugin],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  // The extension's heavy half (views, commands, core, language client), required after activation.
  { entryPoints: ['client/src/extensionMain.ts'], outfile: 'dist/extensionMain.js' },
  // The language server: dist/server.js is a small loader that runs dist/serverMain.js through
  // V8's code cache (server/src/codeCache.ts).
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/serverMain.js' },
  { entryPoints: ['server/src/serverBootstrap.ts'], outfile: 'dist/server.js' },
  {
    entryPoints: ['client/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching client/ and server/ for changes');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
