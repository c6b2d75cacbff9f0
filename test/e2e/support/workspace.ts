// A throw-away workspace for one e2e test file: the demo job (test/fixtures/demo, when present)
// plus cluster definitions that point at the real local clusters of the test run.
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalClusterInfo } from '../../../client/src/core/local';
import { repoRoot } from '../setupCodeServer.mjs';

export const demoFixture = join(repoRoot, 'test', 'fixtures', 'demo');

export interface E2eWorkspace {
  dir: string;
  write(relativePath: string, text: string): string;
}

export function createWorkspace(options: { withDemo?: boolean } = {}): E2eWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'flink-pilot-ws-'));
  if (options.withDemo) {
    if (!existsSync(demoFixture)) throw new Error(`The demo job fixture ${demoFixture} is missing.`);
    // Only the job's own files: a history another run left in the fixture is not this test's.
    cpSync(demoFixture, dir, { recursive: true, filter: (source) => !source.includes(`${demoFixture}/.flink-pilot`) });
  }
  const write = (relativePath: string, text: string): string => {
    const file = join(dir, relativePath);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  return { dir, write };
}

/** `.flink/clusters.yaml` with one cluster per given local cluster, named like the local one. */
export function clusterDefinitionsYaml(clusters: LocalClusterInfo[]): string {
  const lines = ['clusters:'];
  for (const cluster of clusters) {
    lines.push(`  - name: ${cluster.name}`, `    restUrl: ${cluster.restUrl}`, `    gatewayUrl: ${cluster.gatewayUrl}`);
  }
  return `${lines.join('\n')}\n`;
}
