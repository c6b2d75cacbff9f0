// Go to definition, references and rename for names the script defines (tables, views, columns,
// CTEs, aliases, functions, catalogs).
import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ScriptModel } from './scriptModel';
import { occurrenceAt, symbolOccurrences, type Occurrence } from './symbolOccurrences';

function range(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function sqlDefinition(model: ScriptModel, document: TextDocument, offset: number): Location[] {
  const at = occurrenceAt(model, offset);
  if (!at) return [];
  const definitions = symbolOccurrences(model).filter((o) => o.key === at.key && o.definition);
  // The first definition wins (CREATE OR REPLACE later redefines the same name).
  const first = definitions[0];
  return first ? [{ uri: document.uri, range: range(document, first.start, first.end) }] : [];
}

export function sqlReferences(model: ScriptModel, document: TextDocument, offset: number, includeDeclaration: boolean): Location[] {
  const at = occurrenceAt(model, offset);
  if (!at) return [];
  return symbolOccurrences(model)
    .filter((o) => o.key === at.key && (includeDeclaration || !o.definition))
    .map((o) => ({ uri: document.uri, range: range(document, o.start, o.end) }));
}

/** Only names the script defines can be renamed (never built-ins or external tables). */
function renameable(model: ScriptModel, at: Occurrence | undefined): at is Occurrence {
  if (!at || at.target.kind === 'derivedColumn') return false;
  return symbolOccurrences(model).some((o) => o.key === at.key && o.definition);
}

export function sqlPrepareRename(model: ScriptModel, document: TextDocument, offset: number): { range: Range; placeholder: string } | null {
  const at = occurrenceAt(model, offset);
  if (!renameable(model, at)) return null;
  const text = document.getText().slice(at.start, at.end);
  return { range: range(document, at.start, at.end), placeholder: text.startsWith('`') ? text.slice(1, -1).replace(/``/g, '`') : text };
}

export function sqlRename(model: ScriptModel, document: TextDocument, offset: number, newName: string): WorkspaceEdit | null {
  const at = occurrenceAt(model, offset);
  if (!renameable(model, at)) return null;
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(newName);
  const text = plain ? newName : `\`${newName.replace(/`/g, '``')}\``;
  const edits = symbolOccurrences(model)
    .filter((o) => o.key === at.key)
    .map((o) => ({ range: range(document, o.start, o.end), newText: text }));
  return { changes: { [document.uri]: edits } };
}
