// Errors Flink reports for a submitted SQL script (planner/validation errors with a position) are
// shown where they are, as diagnostics of the SQL or job file, until the next submit of that job.
import * as vscode from 'vscode';
import type { JobFileEntry } from '../workspace/flinkWorkspace';

let collection: vscode.DiagnosticCollection | undefined;

/** The collection, created on first use; disposing it (with the extension) lets a new one be made. */
export function deployDiagnostics(): vscode.DiagnosticCollection {
  if (!collection) {
    const created = vscode.languages.createDiagnosticCollection('flink-deploy');
    const dispose = created.dispose.bind(created);
    created.dispose = () => {
      collection = undefined;
      dispose();
    };
    collection = created;
  }
  return collection;
}

export function clearDeployDiagnostics(entry: JobFileEntry): void {
  deployDiagnostics().delete(vscode.Uri.file(entry.file.path));
  if (entry.loaded?.sql?.path) deployDiagnostics().delete(vscode.Uri.file(entry.loaded.sql.path));
}

interface PositionedError {
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

function isPositioned(error: unknown): error is PositionedError {
  const e = error as Partial<PositionedError>;
  return typeof e?.file === 'string' && typeof e.line === 'number' && typeof e.column === 'number';
}

/** Shows an error with a file position (1-based) as a diagnostic; other errors are ignored. */
export function showDeployDiagnostic(error: unknown): void {
  if (!isPositioned(error)) return;
  const start = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, error.column - 1));
  const end = error.endLine !== undefined ? new vscode.Position(error.endLine - 1, Math.max(0, (error.endColumn ?? error.column) - 1)) : start.translate(0, 1);
  const message = error.message.replace(/^[^:]+:\d+:\d+: /, '');
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Flink';
  deployDiagnostics().set(vscode.Uri.file(error.file), [diagnostic]);
}
