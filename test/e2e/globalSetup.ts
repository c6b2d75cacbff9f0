// Global setup of the `e2e` project: installs the real VS Code test host (code-server on Node 24,
// Chromium) when missing and bundles the extension, then provides the host's paths to the tests.
// The Flink clusters come from test/integration/globalSetup.ts, listed next to this file.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { ensureE2eHost, repoRoot } from './setupCodeServer.mjs';
import type {} from './support/e2eHost';

export default function setup(project: TestProject): void {
  const t0 = Date.now();
  const host = ensureE2eHost();
  // Always bundle: the suite must test the current sources, and esbuild takes about a second.
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`[e2e] code-server host ready and extension bundled in ${Date.now() - t0} ms`);
  project.provide('e2eHost', host);
}
