// The job-lifecycle scenario as steps over a Workbench, shared by the code-server suite
// (jobLifecycle.test.ts, what CI runs) and the desktop VS Code runner (electron/runTest.ts). Each
// step checks the UI and, where the UI could be fooled, the real cluster and the job history.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoJobFileText } from '../../../client/src/commands/demoJobText';
import { DEMO_SQL } from '../../../client/src/demo';
import type { LocalClusterInfo } from '../../../client/src/core/local';
import type { Workbench } from '../support/workbench';
import { clusterDefinitionsYaml, createWorkspace, demoFixture, type E2eWorkspace } from '../support/workspace';
import { jobState, waitForHistoryEntry } from '../support/workspaceHistory';

export const JOB_FILE = 'demo.flink.yaml';

export interface LifecycleWorkspace {
  workspace: E2eWorkspace;
  jobName: string;
  /** Flink line the demo job asks for. */
  version: string;
}

/**
 * A workspace with the demo job (test/fixtures/demo, else the built-in demo), renamed so parallel runs
 * on the shared cluster never meet, a SQL file with a syntax error, and `cluster: local` pointing at
 * the given clusters by an exact-name definition.
 */
export function lifecycleWorkspace(clusters: Record<string, LocalClusterInfo>): LifecycleWorkspace & { cluster: LocalClusterInfo } {
  const workspace = createWorkspace({ withDemo: existsSync(join(demoFixture, JOB_FILE)) });
  if (!existsSync(join(workspace.dir, JOB_FILE))) {
    workspace.write('demo.flink.sql', DEMO_SQL);
    workspace.write(JOB_FILE, demoJobFileText('2.3'));
  }
  const jobName = `e2e-demo-${process.pid}-${Date.now().toString(36)}`;
  const jobFile = join(workspace.dir, JOB_FILE);
  const text = readFileSync(jobFile, 'utf8').replace(/^name:.*$/m, `name: ${jobName}`).replace(/^cluster:.*$/m, 'cluster: local');
  writeFileSync(jobFile, text);
  const version = /^flinkVersion:\s*"?(\d+\.\d+)/m.exec(text)?.[1] ?? '2.3';
  const cluster = clusters[version] ?? clusters['2.3'];
  assert.ok(cluster, `no test cluster for Flink ${version}`);
  workspace.write('.flink/clusters.yaml', clusterDefinitionsYaml([{ ...cluster, name: 'local' }]));
  workspace.write('scratch.flink.sql', ['-- a typo: SELEC instead of SELECT', 'SELEC order_id FROM orders;', ''].join('\n'));
  return { workspace, jobName, version, cluster };
}

export async function seeSyntaxErrorInProblems(workbench: Workbench, options: { screenshot?: boolean } = {}): Promise<void> {
  await workbench.openFile('scratch.flink.sql');
  const rows = await workbench.waitForProblem((row) => /SELEC/.test(row) && /syntax|unexpected|mismatched|extraneous|no viable/i.test(row));
  assert.ok(rows.some((row) => /scratch\.flink\.sql/.test(row)), `the Problems panel names the file: ${JSON.stringify(rows)}`);
  if (options.screenshot !== false) await workbench.screenshot('01-sql-syntax-error-in-problems');
}

export async function submitAndSeeRunning(workbench: Workbench, run: LifecycleWorkspace, restUrl: string): Promise<string> {
  await workbench.openFile(JOB_FILE);
  await workbench.runCommand('Flink: Submit Job');
  await workbench.runCommand('Flink: Show Jobs');
  // Room for the rows' descriptions in the screenshots.
  await workbench.hidePanel();
  await workbench.widenSideBar(260);
  const row = await workbench.waitForTreeRow('Jobs', (text) => text.includes(run.jobName) && /RUNNING · up/.test(text), 180_000);
  assert.match(row, /RUNNING/);
  const status = await workbench.waitForStatusBarItem((text) => /Flink 1 ✓ 0 ⚠ 0 ✗/.test(text));
  assert.match(status, /Flink 1 ✓ 0 ⚠ 0 ✗/);
  const submission = await waitForHistoryEntry(run.workspace.dir, (e) => e.kind === 'submission');
  assert.equal(await jobState(restUrl, submission.jobId as string), 'RUNNING');
  await workbench.parkMouse();
  await workbench.screenshot('02-job-running-in-jobs-view-and-status-bar');
  return submission.jobId as string;
}

export async function stopWithSavepoint(workbench: Workbench, run: LifecycleWorkspace, restUrl: string): Promise<string> {
  await workbench.runCommand('Flink: Stop Job…');
  await workbench.pick('Stop with savepoint');
  const row = await workbench.waitForTreeRow('Savepoints', (text) => /savepoint-/.test(text) && /savepoint ·.*stop/.test(text), 180_000);
  assert.match(row, /stop/);
  const stop = await waitForHistoryEntry(run.workspace.dir, (e) => e.kind === 'stop');
  assert.match(String(stop.savepointPath), /savepoint-/);
  assert.equal(await jobState(restUrl, stop.jobId as string), 'FINISHED');
  await workbench.parkMouse();
  await workbench.screenshot('03-savepoint-in-savepoints-view');
  return String(stop.savepointPath);
}

export async function restoreFromSavepoint(workbench: Workbench, run: LifecycleWorkspace, restUrl: string, savepointPath: string): Promise<void> {
  await workbench.runCommand('Flink: Restore Job…');
  await workbench.pick(/savepoint-/);
  const restore = await waitForHistoryEntry(run.workspace.dir, (e) => e.kind === 'restore', 180_000);
  assert.equal(restore.requestedPath, savepointPath);
  assert.equal(restore.verified, true, 'Flink reports the savepoint as the restored state');
  await workbench.runCommand('Flink: Show Jobs');
  await workbench.waitForTreeRow('Jobs', (text) => text.includes(run.jobName) && /RUNNING · up/.test(text), 120_000);
  await workbench.waitForStatusBarItem((text) => /Flink 1 ✓ 0 ⚠ 0 ✗/.test(text));
  assert.equal(await jobState(restUrl, restore.jobId as string), 'RUNNING');
  await workbench.parkMouse();
  await workbench.screenshot('04-job-restored-from-savepoint');
}

/**
 * Disposes the savepoint from its row's context menu (after a confirmation): Flink deletes its
 * files, which the test checks on disk (the local cluster writes savepoints to a local directory).
 */
export async function disposeSavepoint(workbench: Workbench, run: LifecycleWorkspace, savepointPath: string): Promise<void> {
  const name = savepointPath.split('/').filter(Boolean).at(-1)!;
  const directory = savepointPath.replace(/^file:(\/\/)?/, '');
  assert.ok(existsSync(directory), `the savepoint is on disk before: ${directory}`);
  await workbench.runCommand('Flink: Show Jobs'); // the Flink views, Savepoints among them
  await workbench.contextMenuOnTreeRow('Savepoints', (text) => text.includes(name), 'Dispose Savepoint');
  const question = await workbench.answerDialog('Dispose');
  assert.match(question, /Dispose savepoint/);
  await workbench.page.locator('.notification-toast', { hasText: 'disposed' }).waitFor({ state: 'visible', timeout: 120_000 });
  const deadline = Date.now() + 30_000;
  while (existsSync(directory) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  assert.ok(!existsSync(directory), `Flink deleted the savepoint's files: ${directory}`);
  // Recorded in the history: the savepoint leaves the view (and the restore choices).
  await workbench.waitForNoTreeRow('Savepoints', (text) => text.includes(name), 30_000);
  const disposal = await waitForHistoryEntry(run.workspace.dir, (e) => e.kind === 'disposal');
  assert.equal(disposal.path, savepointPath);
  await workbench.screenshot('07-savepoint-disposed');
}

export async function openJobDetail(workbench: Workbench, run: LifecycleWorkspace): Promise<void> {
  // A click on the job row opens its detail view: graph, checkpoints, exceptions.
  await workbench.clickTreeRow('Jobs', (text) => text.startsWith(run.jobName) && /RUNNING · up/.test(text) && !/ · on /.test(text));
  await workbench.page.locator('.tab', { hasText: `Flink: ${run.jobName}` }).waitFor({ state: 'visible' });
  const graph = await workbench.waitForWebview('svg.graph');
  assert.ok(graph.length > 0, 'the job graph names its vertices');
  // Checkpoints every 10 s in the demo: wait for the chart to have bars.
  await workbench.waitForWebview('svg.chart rect.bar', 60_000);
  await workbench.parkMouse();
  await workbench.screenshot('02b-job-detail-graph-and-checkpoints');
}

/**
 * An edit the local parser accepts but Flink's planner rejects (an unknown column): the deep check
 * through the SQL Gateway shows it in Problems at its place; the diff editor compares the edit
 * with the deployed SQL from the job history.
 */
export async function deepCheckAndCompare(workbench: Workbench, run: LifecycleWorkspace): Promise<void> {
  const sqlFile = join(run.workspace.dir, 'demo.flink.sql');
  const original = readFileSync(sqlFile, 'utf8');
  const edited = original.replace(/SELECT\s+(\w+)/, 'SELECT no_such_column');
  assert.notEqual(edited, original, 'the demo SQL has a SELECT to edit');
  writeFileSync(sqlFile, edited);
  await workbench.openFile('demo.flink.sql');
  await workbench.runCommand('Flink: Deep-Check SQL with the SQL Gateway');
  const rows = await workbench.waitForProblem((row) => /no_such_column/i.test(row) && /Flink SQL Gateway/.test(row), 120_000);
  const expectedLine = edited.split('\n').findIndex((line) => line.includes('no_such_column')) + 1;
  assert.ok(rows.some((row) => row.includes(`[Ln ${expectedLine}, Col`)), `the finding is on line ${expectedLine}: ${JSON.stringify(rows)}`);
  await workbench.runCommand('Flink: Compare SQL with Deployed Version');
  await workbench.page.locator('.tab', { hasText: 'deployed' }).waitFor({ state: 'visible' });
  // Both sides rendered: the deployed line on the left, the edit on the right.
  await workbench.page.locator('.monaco-diff-editor .view-line', { hasText: 'no_such_column' }).first().waitFor({ state: 'visible' });
  await workbench.page.locator('.monaco-diff-editor .view-line', { hasText: 'COUNT(*)' }).first().waitFor({ state: 'visible' });
  await workbench.parkMouse();
  await workbench.screenshot('06-deep-check-and-compare-with-deployed');
}
