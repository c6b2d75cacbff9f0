// Errors Flink reports for a submitted SQL script (planner/validation errors with a position) are
// shown where they are, as diagnostics of the SQL or job file, until the next submit of that job.
import * as vscode from 'vscode';
import { filePositionOf, messageWithoutPosition, type FilePosition } from '../core/jobs/filePosition';
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

/** The editor range of a core file position (1-based, inclusive end) — one character when it has no end. */
export function diagnosticRange(position: FilePosition): vscode.Range {
  const start = new vscode.Position(Math.max(0, position.line - 1), Math.max(0, position.column - 1));
  if (position.endLine === undefined) return new vscode.Range(start, start.translate(0, 1));
  const end = new vscode.Position(Math.max(0, position.endLine - 1), Math.max(0, position.endColumn ?? position.column));
  return new vscode.Range(start, end.isBefore(start) ? start.translate(0, 1) : end);
}

/** Shows an error with a file position as a diagnostic; other errors are ignored. */
export function showDeployDiagnostic(error: unknown): void {
  const position = filePositionOf(error);
  if (!position) return;
  const message = messageWithoutPosition(error instanceof Error ? error.message : String(error));
  const diagnostic = new vscode.Diagnostic(diagnosticRange(position), message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Flink';
  deployDiagnostics().set(vscode.Uri.file(position.file), [diagnostic]);
}
