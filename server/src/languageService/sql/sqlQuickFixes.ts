// Quick fixes for the findings that know the right text: did-you-mean suggestions (tables, columns,
// functions, options, SET keys) and replacement keys of renamed options.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SQL_DIAGNOSTIC_SOURCE } from '../../protocol';

export function sqlQuickFixes(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SQL_DIAGNOSTIC_SOURCE) continue;
    const data = diagnostic.data as { suggestion?: unknown; replacement?: unknown } | undefined;
    const text = typeof data?.suggestion === 'string' ? data.suggestion : typeof data?.replacement === 'string' ? data.replacement : undefined;
    if (!text) continue;
    const current = document.getText(diagnostic.range);
    // Keys and values are string literals: keep the quotes.
    const newText = current.startsWith("'") ? `'${text.replace(/'/g, "''")}'` : text;
    if (newText === current) continue;
    actions.push({
      title: `Change to ${newText}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText }] } },
    });
  }
  return actions;
}
