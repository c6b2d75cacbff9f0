// The three views of the "Flink" container (Clusters, Jobs, Savepoints), refreshed from the
// workspace model, plus the Jobs view's filter and grouping and the Savepoints row actions.
import * as vscode from 'vscode';
import type { CommandEnv } from '../commands/commandSupport';
import { nodeData, registerCommand } from '../commands/commandSupport';
import { buildClustersTree } from './clusterTreeModel';
import { FlinkTreeProvider } from './flinkTreeProvider';
import { isEmptyFilter, parseJobFilter, type JobFilter } from './jobFilter';
import { buildJobsTree, type JobsGrouping } from './jobTreeModel';
import { buildSavepointsTree } from './savepointTreeModel';
import type { TreeNode } from './treeNode';

export const VIEW_IDS = { clusters: 'flinkPilot.clusters', jobs: 'flinkPilot.jobs', savepoints: 'flinkPilot.savepoints' } as const;

export interface FlinkViews extends vscode.Disposable {
  jobsView: vscode.TreeView<TreeNode>;
  refresh(): void;
}

export function registerViews(env: CommandEnv): FlinkViews {
  const { workspace } = env;
  let filter: JobFilter = parseJobFilter('');
  let grouping: JobsGrouping = env.context.workspaceState.get<JobsGrouping>('flinkPilot.jobsGrouping', 'file');
  const jobFiles = () => workspace.jobFiles.map((entry) => entry.file);

  const clusters = new FlinkTreeProvider(() => buildClustersTree(workspace.clusterViews(), jobFiles(), Date.now()));
  const jobs = new FlinkTreeProvider(() =>
    buildJobsTree({ jobFiles: jobFiles(), clusters: workspace.snapshot.clusters, now: Date.now(), groupBy: grouping, filter }),
  );
  const savepoints = new FlinkTreeProvider(() => buildSavepointsTree({ jobFiles: jobFiles(), rows: workspace.savepointRows(), now: Date.now() }));

  const clustersView = vscode.window.createTreeView(VIEW_IDS.clusters, { treeDataProvider: clusters, showCollapseAll: true });
  const jobsView = vscode.window.createTreeView(VIEW_IDS.jobs, { treeDataProvider: jobs, showCollapseAll: true });
  const savepointsView = vscode.window.createTreeView(VIEW_IDS.savepoints, { treeDataProvider: savepoints, showCollapseAll: true });

  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  const refresh = () => {
    clusters.refresh();
    jobs.refresh();
    savepoints.refresh();
    // Welcome content shows while a view is empty; these keys pick which welcome applies.
    setContext('flinkPilot.hasClusters', workspace.clusters.length > 0);
    setContext('flinkPilot.hasJobFiles', workspace.jobFiles.length > 0);
    jobsView.message = isEmptyFilter(filter) ? undefined : `Filter: ${filter.text}`;
    jobsView.description = grouping === 'state' ? 'by state' : undefined;
  };
  const applyFilter = (text: string) => {
    filter = parseJobFilter(text);
    setContext('flinkPilot.jobsFiltered', !isEmptyFilter(filter));
    refresh();
  };
  const setGrouping = (next: JobsGrouping) => {
    grouping = next;
    void env.context.workspaceState.update('flinkPilot.jobsGrouping', next);
    setContext('flinkPilot.jobsGrouping', next);
    refresh();
  };
  setContext('flinkPilot.jobsGrouping', grouping);

  const disposables: vscode.Disposable[] = [
    clusters,
    jobs,
    savepoints,
    clustersView,
    jobsView,
    savepointsView,
    workspace.onDidChange(refresh),
    registerCommand(env, 'flinkPilot.filterJobs', 'Filter Jobs', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter Jobs',
        prompt: 'Words match name, file, tag or cluster; or use state:running tag:etl cluster:prod name:orders; -state:finished excludes',
        value: filter.text,
      });
      if (text !== undefined) applyFilter(text);
    }),
    registerCommand(env, 'flinkPilot.clearJobFilter', 'Clear Job Filter', async () => applyFilter('')),
    registerCommand(env, 'flinkPilot.groupJobsByState', 'Group Jobs by State', async () => setGrouping('state')),
    registerCommand(env, 'flinkPilot.groupJobsByFile', 'Group Jobs by Job File', async () => setGrouping('file')),
    registerCommand(env, 'flinkPilot.refresh', 'Refresh', async () => {
      await workspace.reload();
      workspace.nudge();
    }),
    registerCommand(env, 'flinkPilot.showJobs', 'Show Jobs', async () => {
      await vscode.commands.executeCommand(`${VIEW_IDS.jobs}.focus`);
    }),
    registerCommand(env, 'flinkPilot.copyPath', 'Copy Path', async (arg) => {
      const data = nodeData(arg);
      if (data?.kind === 'snapshot') {
        await vscode.env.clipboard.writeText(data.path);
        vscode.window.setStatusBarMessage(`Copied ${data.path}`, 3000);
      }
    }),
  ];
  refresh();
  return {
    jobsView,
    refresh,
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
