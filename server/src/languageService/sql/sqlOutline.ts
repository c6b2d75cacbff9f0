// Document symbols (the outline) and folding ranges of a Flink SQL script.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ScriptModel, ScriptStatement } from './scriptModel';

const KIND_BY_RULE: Record<string, SymbolKind> = {
  createTable: SymbolKind.Class,
  replaceTableAs: SymbolKind.Class,
  createMaterializedTable: SymbolKind.Class,
  createView: SymbolKind.Interface,
  createModel: SymbolKind.Class,
  createCatalog: SymbolKind.Module,
  createDatabase: SymbolKind.Namespace,
  createFunction: SymbolKind.Function,
  insertStatement: SymbolKind.Event,
  statementSetStatement: SymbolKind.Event,
  setStatement: SymbolKind.Property,
  queryStatement: SymbolKind.Object,
};

function firstLine(text: string, max = 60): string {
  const line = text.split('\n')[0]!.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function sqlDocumentSymbols(model: ScriptModel, document: TextDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const statement of model.statements) {
    try {
      const symbol = statementSymbol(statement, document);
      if (symbol) out.push(symbol);
    } catch {
      // Skip statements the tree cannot describe.
    }
  }
  return out;
}

function statementSymbol(statement: ScriptStatement, document: TextDocument): DocumentSymbol | undefined {
  const { split, analysis } = statement;
  const symbols = analysis.symbols;
  const base = split.start;
  const range = { start: document.positionAt(split.start), end: document.positionAt(split.end) };
  const at = (start: number, end: number) => ({ start: document.positionAt(base + start), end: document.positionAt(base + end) });
  const kind = KIND_BY_RULE[symbols.kind] ?? SymbolKind.Key;
  const relation = symbols.relations[0];
  if (relation) {
    const connector = relation.options.find((o) => o.key === 'connector')?.value;
    return {
      name: relation.path.join('.'),
      detail: [relation.kind === 'materializedTable' ? 'materialized table' : relation.kind, connector].filter(Boolean).join(' · '),
      kind,
      range,
      selectionRange: at(relation.nameSpan.start, relation.nameSpan.end),
      children: relation.columns.map((c) => ({
        name: c.name,
        detail: c.type ?? c.kind,
        kind: SymbolKind.Field,
        range: at(c.span.start, c.span.end),
        selectionRange: at(c.span.start, c.span.end),
      })),
    };
  }
  const named = symbols.named[0];
  if (named) {
    return { name: named.path.join('.'), detail: named.kind, kind, range, selectionRange: at(named.nameSpan.start, named.nameSpan.end) };
  }
  const inserts = symbols.inserts.filter((i) => i.target.length);
  if (inserts.length === 1 && symbols.kind === 'insertStatement') {
    const insert = inserts[0]!;
    return { name: `INSERT INTO ${insert.target.join('.')}`, kind, range, selectionRange: at(insert.targetSpan.start, insert.targetSpan.end) };
  }
  if (inserts.length) {
    return {
      name: 'STATEMENT SET', detail: `${inserts.length} INSERT${inserts.length === 1 ? '' : 's'}`, kind, range, selectionRange: { start: range.start, end: range.start },
      children: inserts.map((i) => ({ name: `INSERT INTO ${i.target.join('.')}`, kind: SymbolKind.Event, range: at(i.span.start, i.span.end), selectionRange: at(i.targetSpan.start, i.targetSpan.end) })),
    };
  }
  if (symbols.set?.key) {
    const k = symbols.set.key;
    return { name: `SET ${k.key}`, detail: k.value, kind, range, selectionRange: at(k.keySpan.start, k.keySpan.end) };
  }
  const name = firstLine(split.text);
  if (!name) return undefined;
  return { name, kind, range, selectionRange: { start: range.start, end: range.start } };
}

/** Multi-line statements, `BEGIN STATEMENT SET; … END;` sections and block comments fold. */
export function sqlFoldingRanges(model: ScriptModel, document: TextDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  let setStart: number | undefined;
  for (const statement of model.statements) {
    const { split } = statement;
    const endLine = document.positionAt(split.end).line;
    if (endLine > split.line) out.push({ startLine: split.line, endLine });
    if (statement.analysis.symbols.kind === 'beginStatementSet') setStart = split.line;
    if (statement.analysis.symbols.kind === 'endStatementSet' && setStart !== undefined) {
      if (endLine > setStart) out.push({ startLine: setStart, endLine, kind: FoldingRangeKind.Region });
      setStart = undefined;
    }
  }
  // Block comments between statements.
  const text = model.text;
  for (const match of text.matchAll(/\/\*[\s\S]*?\*\//g)) {
    const start = document.positionAt(match.index!).line;
    const end = document.positionAt(match.index! + match[0].length).line;
    if (end > start && !model.statementAt(match.index!)) out.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Comment });
  }
  return out;
}
