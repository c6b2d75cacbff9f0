// Starts one real local Flink cluster (JobManager + TaskManager + SQL Gateway on 127.0.0.1) per
// supported version for the whole integration run, and stops them at the end.
// FLINK_PILOT_TEST_CLUSTERS=<file.json> reuses already running clusters instead (for development).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCluster, stopLocalCluster, type LocalClusterInfo } from '../../client/src/core/local';

const VERSIONS = ['1.20', '2.3'] as const;
const stateDir = join(process.cwd(), '.flink-pilot', 'test-state');

// Several projects list this setup (integration, e2e); vitest runs them in one process, so the
// clusters are started once, shared through globalThis, and stopped after the last project ends.
interface SharedClusters {
  clusters: Promise<{ byLine: Record<string, LocalClusterInfo>; started: string[] }>;
  users: number;
}
const shared = globalThis as typeof globalThis & { __flinkPilotTestClusters?: SharedClusters };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const entry = (shared.__flinkPilotTestClusters ??= { clusters: startOrReuseClusters(), users: 0 });
  entry.users += 1;
  const { byLine, started } = await entry.clusters;
  project.provide('flinkClusters', byLine);
  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    shared.__flinkPilotTestClusters = undefined;
    await Promise.all(started.map((name) => stopLocalCluster({ name, stateDir })));
  };
}

async function startOrReuseClusters(): Promise<{ byLine: Record<string, LocalClusterInfo>; started: string[] }> {
  const reuse = process.env.FLINK_PILOT_TEST_CLUSTERS;
  let clusters: Record<string, LocalClusterInfo>;
  let started: string[] = [];
  if (reuse) {
    clusters = JSON.parse(readFileSync(reuse, 'utf8')) as Record<string, LocalClusterInfo>;
    console.log(`[integration] reusing running clusters from ${reuse}`);
  } else {
    const t0 = Date.now();
    const infos = await Promise.all(
      VERSIONS.map((version) =>
        startLocalCluster({
          version,
          name: `test-${version}`,
          stateDir,
          onProgress: (m) => console.log(`[integration ${version}] ${m}`),
        }),
      ),
    );
    started = infos.map((i) => i.name);
    clusters = Object.fromEntries(infos.map((i) => [i.line, i]));
    console.log(`[integration] clusters ready in ${Date.now() - t0} ms`);
  }
  return { byLine: clusters, started };
}
