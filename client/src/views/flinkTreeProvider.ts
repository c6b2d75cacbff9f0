// Renders the pure tree models (TreeNode) as a VS Code tree: one provider class for the Clusters,
// Jobs and Savepoints views, each given a function that builds its current rows.
import * as vscode from 'vscode';
import type { TreeNode } from './treeNode';

const COLLAPSIBLE: Record<TreeNode['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export class FlinkTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] = [];
  private readonly parents = new Map<string, TreeNode>();

  constructor(private readonly build: () => TreeNode[]) {}

  /** Rebuilds the rows from the current model and tells VS Code. */
  refresh(): void {
    this.roots = this.build();
    this.parents.clear();
    const index = (nodes: TreeNode[], parent?: TreeNode) => {
      for (const node of nodes) {
        if (parent) this.parents.set(node.id, parent);
        if (node.children) index(node.children, node);
      }
    };
    index(this.roots);
    this.changed.fire(undefined);
  }

  get rootCount(): number {
    return this.roots.length;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    return element ? (element.children ?? []) : this.roots;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return this.parents.get(element.id);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, COLLAPSIBLE[node.collapsible]);
    item.id = node.id;
    item.description = node.description;
    if (node.tooltip) {
      const tooltip = new vscode.MarkdownString(node.tooltip, true);
      tooltip.isTrusted = false;
      item.tooltip = tooltip;
    }
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.contextValue;
    if (node.resourcePath) item.resourceUri = vscode.Uri.file(node.resourcePath);
    if (node.command) {
      // Row commands get the row (the same argument a context menu passes); `vscode.open` the file.
      const args = node.command.command === 'vscode.open' && node.resourcePath ? [vscode.Uri.file(node.resourcePath)] : (node.command.arguments ?? [node]);
      item.command = { command: node.command.command, title: node.command.title, arguments: args };
    }
    item.accessibilityInformation = { label: [node.label, node.description].filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
