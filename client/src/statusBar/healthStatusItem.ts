// The one status bar item with the health of the workspace's jobs. Updated from every monitor
// snapshot (so within one poll of a change); a click reveals the Jobs view.
import * as vscode from 'vscode';
import { workspaceHealth } from '../core/monitor/health';
import type { FlinkWorkspace } from '../workspace/flinkWorkspace';
import { statusPresentation } from './healthSummary';

export const SHOW_JOBS_COMMAND = 'flinkPilot.showJobs';

export class HealthStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly workspace: FlinkWorkspace) {
    this.item = vscode.window.createStatusBarItem('flinkPilot.health', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Flink Job Health';
    this.item.command = SHOW_JOBS_COMMAND;
    this.subscription = workspace.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  update(): void {
    const scope = vscode.workspace.getConfiguration('flinkPilot').get<'workspace' | 'all'>('statusBar.scope', 'workspace');
    const snapshot = this.workspace.snapshot;
    const health = workspaceHealth(snapshot, { now: Date.now(), scope: scope === 'all' ? 'all' : 'tracked', recentRestartMs: 10 * 60_000 });
    const view = statusPresentation(health, this.workspace.clusters.length);
    this.item.text = view.text;
    this.item.backgroundColor = view.backgroundColor ? new vscode.ThemeColor(view.backgroundColor) : undefined;
    const tooltip = new vscode.MarkdownString(view.tooltipMarkdown, true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
