// Workspace Trust in real VS Code: in Restricted Mode the language features still work (a syntax
// error shows in Problems), while submitting is refused with a message that says why — and no job
// reaches the cluster.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalClusterInfo } from '../../client/src/core/local';
import { JOB_FILE, lifecycleWorkspace, seeSyntaxErrorInProblems, type LifecycleWorkspace } from './scenarios/jobLifecycle';
import { startCodeServer, type RunningCodeServer } from './support/codeServer';
import { Workbench } from './support/workbench';
import { historyEntries } from './support/workspaceHistory';

describe('Restricted Mode (untrusted workspace) in real VS Code', () => {
  let run: LifecycleWorkspace;
  let cluster: LocalClusterInfo;
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  let done = false;

  beforeAll(async () => {
    ({ cluster, ...run } = lifecycleWorkspace(inject('flinkClusters')));
    server = await startCodeServer({ host: inject('e2eHost'), workspace: run.workspace.dir, trusted: false });
    workbench = await Workbench.open(inject('e2eHost'), server.workspaceUrl);
  });

  afterAll(async () => {
    if (workbench && !done) await workbench.screenshot('failure-restricted-mode').catch(() => undefined);
    await workbench?.close();
    await server?.stop();
  });

  it('keeps language features and refuses to submit, saying why', async () => {
    await seeSyntaxErrorInProblems(workbench!, { screenshot: false });
    await workbench!.openFile(JOB_FILE);
    await workbench!.runCommand('Flink: Submit Job');
    const toast = workbench!.page.locator('.notification-toast', { hasText: 'Restricted Mode' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await toast.innerText()).toMatch(/Submitting a job is disabled in Restricted Mode/);
    await workbench!.screenshot('05-restricted-mode-submit-refused');
    // Nothing was deployed: no submission in the history, no job of this name on the cluster.
    expect(historyEntries(run.workspace.dir).filter((e) => e.kind === 'submission')).toEqual([]);
    const jobs = (await (await fetch(`${cluster.restUrl}/jobs/overview`)).json()) as { jobs: { name: string }[] };
    expect(jobs.jobs.some((j) => j.name === run.jobName)).toBe(false);
    // The workspace's own cluster definitions are not contacted while untrusted.
    await workbench!.runCommand('Flink: Show Jobs');
    const row = await workbench!.waitForTreeRow('Clusters', (text) => text.startsWith('local'));
    expect(row).toMatch(/not contacted in Restricted Mode/);
    done = true;
  });
});
