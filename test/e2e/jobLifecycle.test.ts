// The whole job life in a real VS Code (code-server in Chromium) against a real local Flink: open a
// workspace with the demo job, see a SQL syntax error in Problems, submit from the command palette,
// see the job RUNNING in the Jobs view and the status bar, stop it with a savepoint, see the
// savepoint in the Savepoints view, restore from it. Screenshots of each step go to
// test-results/e2e/ (the README shows them), and one more on failure.
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import type { LocalClusterInfo } from '../../client/src/core/local';
import {
  deepCheckAndCompare,
  disposeSavepoint,
  lifecycleWorkspace,
  openJobDetail,
  restoreFromSavepoint,
  seeSyntaxErrorInProblems,
  stopWithSavepoint,
  submitAndSeeRunning,
  type LifecycleWorkspace,
} from './scenarios/jobLifecycle';
import { startCodeServer, type RunningCodeServer } from './support/codeServer';
import { Workbench } from './support/workbench';
import { cancelWorkspaceJobs } from './support/workspaceHistory';

describe('job lifecycle in real VS Code (code-server)', () => {
  let run: LifecycleWorkspace;
  let cluster: LocalClusterInfo;
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  let step = 'start';
  let savepointPath = '';

  beforeAll(async () => {
    ({ cluster, ...run } = lifecycleWorkspace(inject('flinkClusters')));
    server = await startCodeServer({ host: inject('e2eHost'), workspace: run.workspace.dir });
    workbench = await Workbench.open(inject('e2eHost'), server.workspaceUrl);
  });

  afterAll(async () => {
    if (workbench && step !== 'done') await workbench.screenshot(`failure-job-lifecycle-${step}`).catch(() => undefined);
    await workbench?.close();
    await server?.stop();
    if (run && cluster) await cancelWorkspaceJobs(run.workspace.dir, cluster.restUrl);
  });

  it('shows a SQL syntax error in the Problems panel', async () => {
    step = 'problems';
    await seeSyntaxErrorInProblems(workbench!);
  });

  it('submits the demo job from the command palette and shows it RUNNING in the Jobs view and the status bar', async () => {
    step = 'submit';
    await submitAndSeeRunning(workbench!, run, cluster.restUrl);
  });

  it('shows the job detail with its graph and checkpoint chart', async () => {
    step = 'detail';
    await openJobDetail(workbench!, run);
  });

  it('stops the job with a savepoint and shows the savepoint in the Savepoints view', async () => {
    step = 'stop';
    savepointPath = await stopWithSavepoint(workbench!, run, cluster.restUrl);
  });

  it('restores the job from the savepoint', async () => {
    step = 'restore';
    await restoreFromSavepoint(workbench!, run, cluster.restUrl, savepointPath);
  });

  it('deep-checks an edited SQL file on the SQL Gateway and compares it with the deployed version', async () => {
    step = 'deep-check';
    await deepCheckAndCompare(workbench!, run);
  });

  it('disposes the savepoint from the Savepoints view (Flink deletes its files)', async () => {
    step = 'dispose';
    await disposeSavepoint(workbench!, run, savepointPath);
    step = 'done';
  });
});
