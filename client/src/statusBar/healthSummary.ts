// How the workspace's job health (core/monitor/health.ts, H8's model) reads in the status bar: the
// text `$(pulse) Flink 5 ✓ 1 ⚠ 0 ✗`, the background by the worst level, and a markdown tooltip that
// lists what is wrong. Pure, so it is unit tested without VS Code.
import type { HealthLevel, WorkspaceHealth } from '../core/monitor/health';
import { escapeMarkdown } from '../views/format';

export interface StatusPresentation {
  text: string;
  /** `statusBarItem.errorBackground` / `statusBarItem.warningBackground`, or none when all is well. */
  backgroundColor?: 'statusBarItem.errorBackground' | 'statusBarItem.warningBackground';
  tooltipMarkdown: string;
  /** For screen readers: the same facts in words. */
  accessibilityLabel: string;
  level: HealthLevel;
}

const MAX_LISTED_PROBLEMS = 12;

export function statusPresentation(health: WorkspaceHealth | undefined, clusterCount: number): StatusPresentation {
  if (!health || clusterCount === 0) {
    return {
      text: '$(pulse) Flink',
      tooltipMarkdown: '**Flink Pilot**\n\nNo cluster is configured or running. Start local Flink or add a cluster in the Flink view.',
      accessibilityLabel: 'Flink: no cluster configured',
      level: 'ok',
    };
  }
  const { ok, warning, error } = health.counts;
  const backgroundColor =
    health.level === 'error' ? 'statusBarItem.errorBackground' : health.level === 'warning' ? 'statusBarItem.warningBackground' : undefined;
  const lines = ['**Flink Pilot**', ''];
  if (health.problems.length === 0) {
    const live = ok + warning + error;
    lines.push(live === 0 ? 'No running jobs of this workspace.' : `All ${live} job${live === 1 ? '' : 's'} healthy.`);
  } else {
    for (const problem of health.problems.slice(0, MAX_LISTED_PROBLEMS)) {
      lines.push(`- ${problem.level === 'error' ? '$(error)' : '$(warning)'} ${escapeMarkdown(problem.text)}`);
    }
    if (health.problems.length > MAX_LISTED_PROBLEMS) lines.push(`- … and ${health.problems.length - MAX_LISTED_PROBLEMS} more`);
  }
  const reachable = health.clusters.filter((cluster) => cluster.level === 'ok').length;
  lines.push('', `${ok} healthy · ${warning} warning · ${error} failing · ${reachable}/${health.clusters.length} clusters reachable`, '', 'Click to show the Jobs view.');
  return {
    text: `$(pulse) Flink ${ok} ✓ ${warning} ⚠ ${error} ✗`,
    backgroundColor,
    tooltipMarkdown: lines.join('\n'),
    accessibilityLabel: `Flink: ${ok} healthy, ${warning} warning, ${error} failing jobs`,
    level: health.level,
  };
}
