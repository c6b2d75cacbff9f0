// The e2e job-lifecycle scenario in desktop VS Code, where it can be downloaded (a developer's
// machine with internet): @vscode/test-electron downloads VS Code, Playwright's Electron support
// drives its window with the same Workbench steps as the code-server suite. CI here cannot download
// desktop VS Code and runs the code-server suite (`npm test`); this runner then skips with a message.
//
//   npm run test:e2e:electron      (bundles this file with esbuild and runs it under Node)
// Clusters: FLINK_PILOT_TEST_CLUSTERS=<clusters.json> reuses running ones, else a local 2.3 is started.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode } from '@vscode/test-electron';
import { _electron as electron } from 'playwright-core';
import { startLocalCluster, stopLocalCluster, type LocalClusterInfo } from '../../../client/src/core/local';
import { lifecycleWorkspace, openJobDetail, restoreFromSavepoint, seeSyntaxErrorInProblems, stopWithSavepoint, submitAndSeeRunning } from '../scenarios/jobLifecycle';
import { repoRoot } from '../setupCodeServer.mjs';
import { Workbench } from '../support/workbench';
import { cancelWorkspaceJobs } from '../support/workspaceHistory';

async function desktopVsCode(): Promise<string | undefined> {
  try {
    return await downloadAndUnzipVSCode({ version: 'stable', extractSync: true });
  } catch (error) {
    console.log(`SKIPPED: desktop VS Code could not be downloaded (${error instanceof Error ? error.message : String(error)}).`);
    console.log('This machine cannot run the desktop variant; the same scenarios run in real VS Code through code-server: `npx vitest run --project e2e`.');
    return undefined;
  }
}

async function clusters(): Promise<{ byLine: Record<string, LocalClusterInfo>; stop: () => Promise<void> }> {
  const reuse = process.env.FLINK_PILOT_TEST_CLUSTERS;
  if (reuse) return { byLine: JSON.parse(readFileSync(reuse, 'utf8')) as Record<string, LocalClusterInfo>, stop: async () => undefined };
  const stateDir = join(repoRoot, '.flink-pilot', 'test-state');
  const info = await startLocalCluster({ version: '2.3', name: 'e2e-electron-2.3', stateDir, onProgress: (m) => console.log(`[flink] ${m}`) });
  return { byLine: { '2.3': info }, stop: async () => void (await stopLocalCluster({ name: info.name, stateDir })) };
}

async function main(): Promise<number> {
  const executablePath = await desktopVsCode();
  if (!executablePath) return 0;
  const flink = await clusters();
  const { cluster, ...run } = lifecycleWorkspace(flink.byLine);
  const userDataDir = mkdtempSync(join(tmpdir(), 'flink-pilot-vscode-'));
  const app = await electron.launch({
    executablePath,
    args: [
      run.workspace.dir,
      `--extensionDevelopmentPath=${repoRoot}`,
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${join(userDataDir, 'extensions')}`,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
      '--no-sandbox',
    ],
  });
  const workbench = await Workbench.attach(app.context(), await app.firstWindow(), () => app.close());
  let step = 'problems';
  try {
    await seeSyntaxErrorInProblems(workbench);
    step = 'submit';
    await submitAndSeeRunning(workbench, run, cluster.restUrl);
    step = 'detail';
    await openJobDetail(workbench, run);
    step = 'stop';
    const savepoint = await stopWithSavepoint(workbench, run, cluster.restUrl);
    step = 'restore';
    await restoreFromSavepoint(workbench, run, cluster.restUrl, savepoint);
    console.log('desktop VS Code: 5 passed, 0 failed');
    return 0;
  } catch (error) {
    await workbench.screenshot(`failure-electron-${step}`).catch(() => undefined);
    console.error(`desktop VS Code: step "${step}" failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await workbench.close();
    await cancelWorkspaceJobs(run.workspace.dir, cluster.restUrl);
    await flink.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
