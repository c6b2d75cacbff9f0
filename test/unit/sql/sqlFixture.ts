// Test helpers: a SQL document with a caret marker `|` and the features under test.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { FlinkVersionLine } from '../../../server/src/protocol';
import { createSqlLanguageFeatures } from '../../../server/src/languageService/sql/sqlLanguageFeatures';

export const CARET = '|';

/** Removes the single caret marker and returns the document and caret position. */
export function withCaret(marked: string, uri = 'file:///test.flink.sql'): { document: TextDocument; position: Position; offset: number } {
  const offset = marked.indexOf(CARET);
  if (offset < 0 || marked.indexOf(CARET, offset + 1) >= 0) throw new Error('exactly one caret marker expected');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const document = TextDocument.create(uri, 'flinksql', 1, text);
  return { document, position: document.positionAt(offset), offset };
}

export function documentOf(text: string, uri = 'file:///test.flink.sql'): TextDocument {
  return TextDocument.create(uri, 'flinksql', 1, text);
}

export function features(flinkVersion: FlinkVersionLine = '2.3', variables: Record<string, string> = {}, jobFileUri?: string) {
  return createSqlLanguageFeatures(() => ({ flinkVersion, variables, ...(jobFileUri ? { jobFileUri } : {}) }));
}

export function labels(items: ReadonlyArray<{ label: string }>): string[] {
  return items.map((i) => i.label);
}
