// Local Flink from the command palette in real VS Code (code-server): "Start Local Flink" starts a
// real Flink 2.3 (JobManager, TaskManager, SQL Gateway) that the Clusters view shows; a job file
// naming it (`cluster: flink-2.3`) stops being "unknown" in Problems; "Stop Local Flink" stops it.
// The extension host gets a fresh HOME (its own state directory) and the shared Flink download cache.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localClusterStatus, stopLocalCluster } from '../../client/src/core/local';
import { startCodeServer, type RunningCodeServer } from './support/codeServer';
import { Workbench } from './support/workbench';
import { createWorkspace } from './support/workspace';

const CLUSTER = 'flink-2.3';

describe('local Flink from the command palette in real VS Code (code-server)', () => {
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  let stateDir = '';
  let step = 'start';

  beforeAll(async () => {
    const workspace = createWorkspace();
    workspace.write('local.flink.yaml', 'name: on-local-flink\ntype: sql\nflinkVersion: "2.3"\ncluster: flink-2.3\nsql: |\n  SELECT 1;\n');
    server = await startCodeServer({
      host: inject('e2eHost'),
      workspace: workspace.dir,
      // Flink is downloaded once per machine: share the cache of the test run.
      env: { XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache') },
    });
    stateDir = join(server.runDir, 'home', '.local', 'state', 'flink-pilot');
    workbench = await Workbench.open(inject('e2eHost'), server.workspaceUrl);
    await workbench.openFile('local.flink.yaml');
  });

  afterAll(async () => {
    if (workbench && step !== 'done') await workbench.screenshot(`failure-local-flink-${step}`).catch(() => undefined);
    await workbench?.close();
    await server?.stop();
    if (stateDir) await stopLocalCluster({ name: CLUSTER, stateDir }).catch(() => undefined);
  });

  it('flags a job file naming a local cluster that does not run', async () => {
    step = 'unknown';
    const rows = await workbench!.waitForProblem((row) => row.includes(`Unknown cluster \`${CLUSTER}\``) || row.includes(`Unknown cluster ${CLUSTER}`));
    expect(rows.join('\n')).toMatch(/unknown-cluster/);
  });

  it('starts a local Flink: the Clusters view shows it and the job file knows it', async () => {
    step = 'start-local';
    await workbench!.runCommand('Flink: Start Local Flink');
    await workbench!.runCommand('Flink: Show Jobs'); // the Flink views
    const row = await workbench!.waitForTreeRow('Clusters', (text) => text.includes(CLUSTER) && /Flink 2\.3/.test(text), 240_000);
    expect(row).toMatch(/TaskManager/);
    const status = await localClusterStatus({ name: CLUSTER, stateDir });
    expect(status.running).toEqual(expect.arrayContaining(['jobmanager', 'taskmanager', 'sqlGateway']));
    // The extension told the language server: the job file's cluster is no longer unknown.
    const deadline = Date.now() + 60_000;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await workbench!.waitForProblem(() => true, 5_000).catch(() => []);
      if (!rows.some((r) => r.includes('unknown-cluster'))) break;
      await workbench!.page.waitForTimeout(500);
    }
    expect(rows.filter((r) => r.includes('unknown-cluster'))).toEqual([]);
    await workbench!.screenshot('10-local-flink-started');
  });

  it('stops the local Flink', async () => {
    step = 'stop-local';
    await workbench!.runCommand('Flink: Stop Local Flink');
    await workbench!.runCommand('Flink: Show Jobs');
    await workbench!.waitForNoTreeRow('Clusters', (text) => text.includes(CLUSTER), 60_000);
    const status = await localClusterStatus({ name: CLUSTER, stateDir });
    expect(status.running).toEqual([]);
    step = 'done';
  });
});
