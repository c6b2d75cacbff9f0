// CodeLens above job files (`name:` line) and the SQL files they reference (first line): the job's
// live state, and Submit / Stop / Restore / Compare with deployed / Deep-check where they apply.
import * as vscode from 'vscode';
import type { JobSnapshot } from '../core/monitor/monitorTypes';
import type { FlinkWorkspace, JobFileEntry } from '../workspace/flinkWorkspace';
import { formatDuration } from './format';
import { jobFileOf } from './jobTreeModel';

const LIVE = new Set(['INITIALIZING', 'CREATED', 'RUNNING', 'RESTARTING', 'FAILING', 'CANCELLING', 'RECONCILING']);

export class JobCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly workspace: FlinkWorkspace) {
    this.subscription = workspace.onDidChange(() => this.changed.fire());
  }

  private newestJob(entry: JobFileEntry): JobSnapshot | undefined {
    const files = this.workspace.jobFiles.map((e) => e.file);
    return this.workspace.snapshot.clusters
      .flatMap((cluster) => cluster.jobs)
      .filter((job) => jobFileOf(job, files) === entry.file)
      .sort((a, b) => Number(LIVE.has(b.state)) - Number(LIVE.has(a.state)) || b.startTime - a.startTime)[0];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('flinkPilot').get<boolean>('codeLens.enabled', true)) return [];
    const path = document.uri.fsPath;
    const own = this.workspace.jobFile(path);
    const users = own ? [own] : this.workspace.jobFiles.filter((entry) => entry.loaded?.sql?.path === path);
    if (users.length === 0) return [];
    const line = own ? Math.max(0, document.getText().split('\n').findIndex((l) => /^name\s*:/.test(l))) : 0;
    const range = new vscode.Range(line, 0, line, 0);
    const lenses: vscode.CodeLens[] = [];
    for (const entry of users) {
      const uri = vscode.Uri.file(entry.file.path);
      const job = this.newestJob(entry);
      const live = job && LIVE.has(job.state);
      const prefix = users.length > 1 || !own ? `${entry.file.name}: ` : '';
      if (job) {
        const state = live ? `${job.state} on ${job.cluster} · up ${formatDuration(Date.now() - job.startTime)}` : `last run ${job.state}`;
        lenses.push(new vscode.CodeLens(range, { title: `${prefix}$(pulse) ${state}`, command: 'flinkPilot.showJobs', tooltip: 'Show the Jobs view' }));
      }
      if (live) {
        lenses.push(new vscode.CodeLens(range, { title: '$(debug-stop) Stop…', command: 'flinkPilot.stopJob', arguments: [uri] }));
        lenses.push(new vscode.CodeLens(range, { title: '$(save) Savepoint', command: 'flinkPilot.triggerSavepoint', arguments: [uri] }));
      } else {
        lenses.push(new vscode.CodeLens(range, { title: `${job ? '' : prefix}$(play) Submit`, command: 'flinkPilot.submitJob', arguments: [uri] }));
        lenses.push(new vscode.CodeLens(range, { title: '$(history) Restore…', command: 'flinkPilot.restoreJob', arguments: [uri] }));
      }
      if (entry.file.type === 'sql') {
        lenses.push(new vscode.CodeLens(range, { title: '$(diff) Compare with deployed', command: 'flinkPilot.compareWithDeployed', arguments: [uri] }));
        lenses.push(new vscode.CodeLens(range, { title: '$(checklist) Deep-check', command: 'flinkPilot.deepCheckSql', arguments: [uri] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
