// The whole job life in a real VS Code (code-server in Chromium) against a real local Flink: open a
// workspace with the demo job, see a SQL syntax error in Problems, submit from the command palette,
// see the job RUNNING in the Jobs view and the status bar, stop it with a savepoint, see the
// savepoint in the Savepoints view, restore from it. Screenshots of each step go to
// test-results/e2e/ (the README shows them), and one more on failure.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_SQL } from '../../client/src/demo';
import { demoJobFileText } from '../../client/src/commands/demoJobText';
import type { LocalClusterInfo } from '../../client/src/core/local';
import { startCodeServer, type RunningCodeServer } from './support/codeServer';
import { cancelWorkspaceJobs, jobState, waitForHistoryEntry } from './support/workspaceHistory';
import { Workbench } from './support/workbench';
import { clusterDefinitionsYaml, createWorkspace, demoFixture, type E2eWorkspace } from './support/workspace';

const JOB_FILE = 'demo.flink.yaml';

/** The demo job (test/fixtures/demo when present), renamed so parallel runs on the shared cluster never meet. */
function prepareDemo(workspace: E2eWorkspace, jobName: string): string {
  const jobFile = join(workspace.dir, JOB_FILE);
  if (!existsSync(join(demoFixture, JOB_FILE))) {
    workspace.write('demo.flink.sql', DEMO_SQL);
    workspace.write(JOB_FILE, demoJobFileText('2.3'));
  }
  const text = readFileSync(jobFile, 'utf8').replace(/^name:.*$/m, `name: ${jobName}`).replace(/^cluster:.*$/m, 'cluster: local');
  writeFileSync(jobFile, text);
  const version = /^flinkVersion:\s*"?(\d+\.\d+)/m.exec(text)?.[1] ?? '2.3';
  return version;
}

describe('job lifecycle in real VS Code', () => {
  const clusters = inject('flinkClusters');
  const jobName = `e2e-demo-${process.pid}-${Date.now().toString(36)}`;
  let workspace: E2eWorkspace;
  let cluster: LocalClusterInfo;
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  let step = 'start';

  beforeAll(async () => {
    workspace = createWorkspace({ withDemo: existsSync(demoFixture) });
    const version = prepareDemo(workspace, jobName);
    cluster = clusters[version] ?? clusters['2.3'];
    // `cluster: local` in the job file resolves to this definition (an exact name wins).
    workspace.write('.flink/clusters.yaml', clusterDefinitionsYaml([{ ...cluster, name: 'local' }]));
    workspace.write('scratch.flink.sql', ['-- a typo: SELEC instead of SELECT', 'SELEC order_id FROM orders;', ''].join('\n'));
    server = await startCodeServer({ host: inject('e2eHost'), workspace: workspace.dir });
    workbench = await Workbench.open(inject('e2eHost'), server.workspaceUrl);
  });

  afterAll(async () => {
    if (workbench && step !== 'done') await workbench.screenshot(`failure-job-lifecycle-${step}`).catch(() => undefined);
    await workbench?.close();
    await server?.stop();
    if (workspace && cluster) await cancelWorkspaceJobs(workspace.dir, cluster.restUrl);
  });

  it('shows a SQL syntax error in the Problems panel', async () => {
    step = 'problems';
    await workbench!.openFile('scratch.flink.sql');
    const rows = await workbench!.waitForProblem((row) => /scratch\.flink\.sql/.test(row) || /SELEC/.test(row));
    expect(rows.some((row) => /SELEC|syntax|mismatched|extraneous|no viable|unexpected/i.test(row))).toBe(true);
    await workbench!.screenshot('01-sql-syntax-error-in-problems');
  });

  it('submits the demo job from the command palette and shows it RUNNING in the Jobs view and the status bar', async () => {
    step = 'submit';
    await workbench!.openFile(JOB_FILE);
    await workbench!.runCommand('Flink: Submit Job');
    await workbench!.runCommand('Flink: Show Jobs');
    const row = await workbench!.waitForTreeRow('Jobs', (text) => text.includes(jobName) && /RUNNING · up/.test(text), 180_000);
    expect(row).toMatch(/RUNNING/);
    const status = await workbench!.waitForStatusBarItem((text) => /Flink \d+ ✓ \d+ ⚠ \d+ ✗/.test(text) && /Flink [1-9]\d* ✓/.test(text));
    expect(status).toMatch(/Flink 1 ✓ 0 ⚠ 0 ✗/);
    const submission = await waitForHistoryEntry(workspace.dir, (e) => e.kind === 'submission');
    expect(submission.jobId).toBeTypeOf('string');
    expect(await jobState(cluster.restUrl, submission.jobId as string)).toBe('RUNNING');
    await workbench!.screenshot('02-job-running-in-jobs-view-and-status-bar');
  });

  it('stops the job with a savepoint and shows the savepoint in the Savepoints view', async () => {
    step = 'stop';
    await workbench!.runCommand('Flink: Stop Job…');
    await workbench!.pick('Stop with savepoint');
    const row = await workbench!.waitForTreeRow('Savepoints', (text) => /savepoint-/.test(text) && /savepoint ·/.test(text), 180_000);
    expect(row).toMatch(/stop/);
    const stop = await waitForHistoryEntry(workspace.dir, (e) => e.kind === 'stop');
    expect(stop.savepointPath).toMatch(/savepoint-/);
    expect(await jobState(cluster.restUrl, stop.jobId as string)).toBe('FINISHED');
    await workbench!.screenshot('03-savepoint-in-savepoints-view');
  });

  it('restores the job from the savepoint', async () => {
    step = 'restore';
    await workbench!.runCommand('Flink: Restore Job…');
    await workbench!.pick(/savepoint-/);
    const restore = await waitForHistoryEntry(workspace.dir, (e) => e.kind === 'restore', 180_000);
    const stop = await waitForHistoryEntry(workspace.dir, (e) => e.kind === 'stop');
    expect(restore.requestedPath).toBe(stop.savepointPath);
    expect(restore.verified).toBe(true);
    await workbench!.runCommand('Flink: Show Jobs');
    await workbench!.waitForTreeRow('Jobs', (text) => text.includes(jobName) && /RUNNING · up/.test(text), 120_000);
    await workbench!.waitForStatusBarItem((text) => /Flink 1 ✓ 0 ⚠ 0 ✗/.test(text));
    expect(await jobState(cluster.restUrl, restore.jobId as string)).toBe('RUNNING');
    await workbench!.screenshot('04-job-restored-from-savepoint');
    step = 'done';
  });
});
