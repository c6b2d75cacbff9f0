// What a tree row shows, independent of VS Code: the pure tree models build these and
// views/flinkTreeProvider.ts turns them into vscode.TreeItems. `data` carries what commands
// invoked on the row need (a row's context menu passes the row to the command).

export type NodeData =
  | { kind: 'cluster'; cluster: string; webUrl?: string }
  | { kind: 'jobFile'; jobFilePath: string; cluster?: string }
  | { kind: 'job'; cluster: string; jobId: string; name: string; state: string; jobFilePath?: string; webUrl?: string }
  | { kind: 'group'; group: string }
  | { kind: 'snapshot'; path: string; snapshotKind: 'savepoint' | 'checkpoint'; jobFilePath?: string; cluster: string; jobId: string }
  | { kind: 'message' };

export interface TreeNode {
  /** Stable across refreshes, so expansion and selection survive a poll. */
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  /** Codicon id and optional theme colour id. */
  icon?: { id: string; color?: string };
  /** For `when` clauses of context menus, e.g. `flinkJob.running`. */
  contextValue?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  children?: TreeNode[];
  /** Command run when the row is clicked. */
  command?: { command: string; title: string; arguments?: unknown[] };
  /** File the row stands for (opens on click, shows the file icon). */
  resourcePath?: string;
  data: NodeData;
}

/** Icon and colour of a Flink job state, as in the Flink Web UI's palette mapped to theme colours. */
export function stateIcon(state: string): { id: string; color?: string } {
  switch (state) {
    case 'RUNNING':
      return { id: 'pass-filled', color: 'testing.iconPassed' };
    case 'FAILED':
    case 'FAILING':
      return { id: 'error', color: 'errorForeground' };
    case 'RESTARTING':
      return { id: 'sync', color: 'editorWarning.foreground' };
    case 'CREATED':
    case 'INITIALIZING':
    case 'RECONCILING':
      return { id: 'loading~spin' };
    case 'CANCELLING':
      return { id: 'circle-slash', color: 'editorWarning.foreground' };
    case 'CANCELED':
      return { id: 'circle-slash' };
    case 'FINISHED':
      return { id: 'check' };
    case 'SUSPENDED':
      return { id: 'debug-pause' };
    default:
      return { id: 'circle-outline' };
  }
}

/** `flinkJob.running`, `flinkJob.failed`, … for menus (stop only on live jobs, restore on stopped ones). */
export function jobContextValue(state: string, hasJobFile: boolean): string {
  return `flinkJob.${state.toLowerCase()}${hasJobFile ? '.withFile' : ''}`;
}
