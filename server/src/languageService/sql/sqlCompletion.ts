// Completion for Flink SQL. The grammar decides what may come at the caret (antlr4-c3 over the
// statement under the caret only); the script model and the catalogs fill in names: keywords,
// tables/views/CTEs/catalogs/databases, columns in scope (qualified by alias), window TVF columns,
// built-in and script functions, data types, connector options and values, SET/RESET keys and
// values, `${var}` variables.
import { CodeCompletionCore } from 'antlr4-c3';
import { CommonToken, CommonTokenStream, ListTokenSource, ParserRuleContext, TerminalNode, Token, Vocabulary, type ParseTree } from 'antlr4ng';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FlinkVersionLine } from '../../protocol';
import { builtinFunctions, describeFunction, type BuiltinFunction } from '../catalog/builtinFunctions';
import { configOptionKeys, configOptions, describeConfigOption, lookupConfigOption, optionValueChoices } from '../catalog/configOptions';
import { CONNECTORS, availableOptions, describeConnector, describeConnectorOption, lookupConnector, type ResolvedOption } from '../catalog/connectors';
import { DATA_TYPES, lookupDataType } from '../catalog/dataTypes';
import { isAtLeast } from '../catalog/flinkVersions';
import type { SqlFileContext } from '../languageFeatures';
import { caretContext, tokenBefore, type CaretContext } from './caretContext';
import { FlinkSqlParser } from './generated/FlinkSqlParser';
import { isKeywordToken } from './keywords';
import { createParser } from './parseStatement';
import { analyzeStatementText, DEFAULT_CATALOG, findCte, sourceName, type ResolvedColumn, type ScriptModel, type ScriptStatement } from './scriptModel';
import type { QueryScope, StatementSymbols } from './statementSymbols';

/** Sort groups: what is most likely wanted first. */
const SORT = { column: '0', alias: '1', table: '2', function: '3', keyword: '4', type: '4', other: '5' } as const;

const PREFERRED_RULES = new Set([
  FlinkSqlParser.RULE_tablePath,
  FlinkSqlParser.RULE_columnPath,
  FlinkSqlParser.RULE_columnName,
  FlinkSqlParser.RULE_functionName,
  FlinkSqlParser.RULE_functionPath,
  FlinkSqlParser.RULE_catalogName,
  FlinkSqlParser.RULE_databasePath,
  FlinkSqlParser.RULE_modelPath,
  // Keywords usable as identifiers are reported as this rule instead of ~200 keyword candidates.
  FlinkSqlParser.RULE_nonReservedKeyword,
]);

const VOCABULARY = new Vocabulary(FlinkSqlParser.literalNames, FlinkSqlParser.symbolicNames, []);

/** Token types never offered as keywords (punctuation, literals, error tokens). */
const IGNORED_TOKENS = (() => {
  const ignored = new Set<number>();
  for (let t = 1; t <= VOCABULARY.maxTokenType; t++) if (!isKeywordToken(t)) ignored.add(t);
  return ignored;
})();

const DATA_TYPE_TOKENS = new Set(DATA_TYPES.map((t) => t.name));

/** Broken statements longer than this are not re-parsed for completion (time bound). */
const MAX_REPAIR_TOKENS = 3000;
/** c3 walks every token before the caret; beyond this (after list shortening) keywords are skipped. */
const MAX_C3_TOKENS = 4000;

/** One parser reused for every completion: c3 only needs its ATN and its token stream. */
let c3Parser: FlinkSqlParser | undefined;

export interface CompletionRequest {
  model: ScriptModel;
  document: TextDocument;
  offset: number;
  context: SqlFileContext;
}

export function sqlCompletion(request: CompletionRequest): CompletionItem[] {
  const { model, offset, context } = request;
  const caret = caretContext(model, offset);
  const base = caret.statement?.split.start ?? offset;
  const toRange = (start: number, end: number) => ({ start: request.document.positionAt(base + start), end: request.document.positionAt(base + end) });

  if (caret.hint) return hintItems(caret, model, toRange);
  if (caret.inComment) return [];
  if (caret.variable) return variableItems(caret, context, toRange);
  if (caret.string) return stringItems(caret, model, context.flinkVersion, toRange);

  const items: CompletionItem[] = [];
  const replace = caret.statement ? toRange(caret.prefixStart, caret.offset) : undefined;
  const add = (item: CompletionItem) => {
    if (replace && !item.textEdit) item.textEdit = { range: replace, newText: item.insertText ?? item.label };
    items.push(item);
  };

  // `alias.` / `catalog.` / `db.`: names behind a qualifier.
  const dot = tokenBefore(caret, caret.prefix ? 1 : 1);
  const dotIndex = caret.prefix ? caret.caretIndex - 1 : caret.caretIndex - 1;
  if (dot?.type === FlinkSqlParser.DOT && caret.statement) {
    const qualifier: string[] = [];
    for (let i = dotIndex - 1; i >= 0; i -= 2) {
      const t = caret.tokens[i]!;
      qualifier.unshift(unquote(t.text ?? ''));
      if (caret.tokens[i - 1]?.type !== FlinkSqlParser.DOT) break;
    }
    qualifiedItems(qualifier, caret, model, add);
    return items;
  }

  // `WITH (|` / `, |` outside quotes: whole `'key' = 'value'` pairs.
  if (caret.statement && !caret.prefix && enclosingOptionList(caret) !== undefined) {
    const prev = tokenBefore(caret, 1);
    if (prev?.type === FlinkSqlParser.LPAREN || prev?.type === FlinkSqlParser.COMMA) {
      const written = writtenOptions(caret, model);
      const columns = caret.statement.analysis.symbols.relations[0]?.columns.map((c) => c.name) ?? [];
      const range = toRange(caret.offset, caret.offset);
      return optionKeyItems(availableOptions(written), writtenOptions(caret), columns, (key) => ({ range, newText: `'${key}' = '$1'` }))
        .map((item) => ({ ...item, insertTextFormat: InsertTextFormat.Snippet, label: item.label }));
    }
  }

  const candidates = grammarCandidates(caret);
  const version = context.flinkVersion;
  const statement = caret.statement;
  const scope = statement ? scopeAtCaret(statement, caret) : undefined;

  // DESCRIPTOR(…) also parses as a function call: only the time column makes sense there.
  if (statement && insideCall(caret, 'DESCRIPTOR')) {
    columnNameItems(model, statement, statement.analysis.symbols, scope, [FlinkSqlParser.RULE_argumentValue], add);
    return items;
  }

  // Rules first: names.
  for (const [rule, info] of candidates.rules) {
    const stack = info.ruleList;
    const inStack = (r: number) => stack.includes(r);
    switch (rule) {
      case FlinkSqlParser.RULE_tablePath: {
        // A name being defined (CREATE TABLE x) has nothing to complete.
        const defining = [FlinkSqlParser.RULE_createTable, FlinkSqlParser.RULE_createView, FlinkSqlParser.RULE_createMaterializedTable, FlinkSqlParser.RULE_replaceTableAs]
          .some((r) => stack[stack.length - 1] === r);
        if (!defining) relationItems(model, statement, scope, add);
        break;
      }
      case FlinkSqlParser.RULE_columnPath:
        if (statement) columnItems(model, statement, scope, caret, add);
        break;
      case FlinkSqlParser.RULE_columnName:
        if (statement) columnNameItems(model, statement, symbolsAtCaret(statement, caret), scope, stack, add, caret.offset);
        break;
      case FlinkSqlParser.RULE_functionName:
        functionItems(model, version, add);
        break;
      case FlinkSqlParser.RULE_functionPath:
        for (const f of model.named.filter((n) => n.symbol.kind === 'function')) add({ label: f.symbol.path.join('.'), kind: CompletionItemKind.Function, detail: f.symbol.className ?? 'function', sortText: SORT.function });
        if (!inStack(FlinkSqlParser.RULE_createFunction)) functionItems(model, version, add, true);
        break;
      case FlinkSqlParser.RULE_catalogName:
        if (!inStack(FlinkSqlParser.RULE_createCatalog)) catalogItems(model, add);
        break;
      case FlinkSqlParser.RULE_databasePath:
        if (!inStack(FlinkSqlParser.RULE_createDatabase)) {
          catalogItems(model, add);
          for (const d of model.named.filter((n) => n.symbol.kind === 'database')) add({ label: d.symbol.path.join('.'), kind: CompletionItemKind.Module, detail: 'database', sortText: SORT.table });
        }
        break;
      case FlinkSqlParser.RULE_modelPath:
        if (!inStack(FlinkSqlParser.RULE_createModel)) {
          for (const m of model.relations.filter((r) => r.symbol.kind === 'model')) add({ label: m.symbol.path.join('.'), kind: CompletionItemKind.Class, detail: 'model', sortText: SORT.table });
        }
        break;
    }
  }

  // Tokens: keywords (with the words that must follow, e.g. GROUP BY), data types.
  const vocabulary = VOCABULARY;
  let typeTokens = 0;
  for (const type of candidates.tokens.keys()) if (DATA_TYPE_TOKENS.has(vocabulary.getSymbolicName(type) ?? '')) typeTokens++;
  const inTypePosition = typeTokens >= 8;
  for (const [type, following] of candidates.tokens) {
    const name = keywordText(type);
    if (!name) continue;
    if (inTypePosition && DATA_TYPE_TOKENS.has(name)) {
      const info = lookupDataType(name)!;
      if (!isAtLeast(version, info.since)) continue;
      add({
        label: name, kind: CompletionItemKind.TypeParameter, detail: info.syntax, insertText: info.snippet, insertTextFormat: InsertTextFormat.Snippet,
        documentation: info.description, sortText: SORT.type + name,
      });
      continue;
    }
    const words = [name, ...following.map(keywordText).filter((w): w is string => !!w)];
    add({ label: words.join(' '), kind: CompletionItemKind.Keyword, sortText: SORT.keyword + words.join(' ') });
  }
  if (!caret.statement) {
    // Start of a statement: c3 ran on an empty statement above; nothing else to add.
  }
  return dedupe(items);
}

/** Whether the caret is inside the parentheses of `name(…)`. */
function insideCall(caret: CaretContext, name: string): boolean {
  let depth = 0;
  for (let i = caret.caretIndex - 1; i >= 0; i--) {
    const t = caret.tokens[i]!;
    if (t.type === FlinkSqlParser.RPAREN) depth++;
    else if (t.type === FlinkSqlParser.LPAREN) {
      if (depth === 0) return (caret.tokens[i - 1]?.text ?? '').toUpperCase() === name;
      depth--;
    }
  }
  return false;
}

function keywordText(type: number): string | undefined {
  if (!isKeywordToken(type)) return undefined;
  const literal = VOCABULARY.getLiteralName(type);
  if (literal) return literal.replace(/^'|'$/g, '');
  return VOCABULARY.getSymbolicName(type)?.replace(/_$/, '') ?? undefined;
}

function unquote(text: string): string {
  return text.startsWith('`') ? text.slice(1, text.endsWith('`') ? -1 : undefined).replace(/``/g, '`') : text;
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.label}\u0000${i.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ------------------------------------------------------------------------------------------ c3

interface Candidates {
  tokens: Map<number, number[]>;
  rules: Map<number, { ruleList: number[] }>;
}

/**
 * Runs antlr4-c3 on the statement's tokens up to the caret. Long comma lists before the caret (a
 * 2,000-column SELECT) are shortened to their first element: the grammar state after `a, b, …, y,`
 * is the same as after `a,`, and c3's cost grows with the tokens it walks.
 */
export function grammarCandidates(caret: CaretContext): Candidates {
  const kept = caret.statement ? compactPrefix(caret) : [];
  // The grammar's answer depends only on the token types before the caret: typing on in the same
  // place, or the same clause shape elsewhere, is answered from the cache.
  const key = kept.map((t) => t.type).join(',');
  const cached = candidateCache.get(key);
  if (cached) return cached;
  const result = collectWithC3(kept, caret);
  candidateCache.set(key, result);
  if (candidateCache.size > 512) candidateCache.delete(candidateCache.keys().next().value!);
  return result;
}

const candidateCache = new Map<string, Candidates>();

function collectWithC3(kept: Token[], caret: CaretContext): Candidates {
  if (kept.length > MAX_C3_TOKENS) return { tokens: new Map(), rules: new Map([[FlinkSqlParser.RULE_columnPath, { ruleList: [] }], [FlinkSqlParser.RULE_functionName, { ruleList: [] }]]) };
  const source: Token[] = kept.map((t) => CommonToken.fromToken(t));
  const caretToken = caret.tokens[caret.caretIndex];
  // The caret token itself (partial word or next token); c3 stops there.
  const eof = CommonToken.fromToken(caretToken ?? kept[kept.length - 1] ?? CommonToken.fromType(Token.EOF));
  eof.type = Token.EOF;
  source.push(eof);
  const stream = new CommonTokenStream(new ListTokenSource(source));
  stream.fill();
  const caretIndex = source.length - 1;
  c3Parser ??= createParser(stream);
  c3Parser.tokenStream = stream;
  const core = new CodeCompletionCore(c3Parser);
  core.preferredRules = PREFERRED_RULES;
  core.ignoredTokens = IGNORED_TOKENS;
  // Report the outermost preferred rule on a path (columnName, not the nonReservedKeyword inside it).
  core.translateRulesTopDown = true;
  try {
    return core.collectCandidates(caretIndex) as Candidates;
  } catch {
    return { tokens: new Map(), rules: new Map() };
  }
}

/** Default-channel tokens before the caret with long comma-separated lists collapsed. */
function compactPrefix(caret: CaretContext): Token[] {
  const before = caret.tokens.slice(0, caret.caretIndex);
  if (before.length < 60) return before;
  const tree = caret.statement!.analysis.parsed.tree;
  const caretStart = caret.tokens[caret.caretIndex]?.start ?? Number.MAX_SAFE_INTEGER;
  const drop: Array<[number, number]> = [];
  collectDroppableRanges(tree, caretStart, drop);
  if (!drop.length) return before;
  drop.sort((a, b) => a[0] - b[0]);
  const kept: Token[] = [];
  let d = 0;
  for (const t of before) {
    while (d < drop.length && t.start >= drop[d]![1]) d++;
    if (d < drop.length && t.start >= drop[d]![0] && t.start < drop[d]![1]) continue;
    kept.push(t);
  }
  return kept;
}

/**
 * Character ranges to drop from comma-separated lists before the caret: of the complete elements
 * e0 … e(m-1) before the caret only e0 is kept (the grammar state after `e0,` equals the state after
 * `e0, …, e(m-1),`). Recurses into the child that holds the caret.
 */
function collectDroppableRanges(node: ParseTree, caretStart: number, out: Array<[number, number]>): void {
  if (!(node instanceof ParserRuleContext)) return;
  const children = node.children;
  let holder: ParserRuleContext | undefined;
  let run: ParserRuleContext[] = [];
  const flush = () => {
    const complete = run.filter((e) => e.stop !== null && e.stop.stop < caretStart);
    if (complete.length >= 2) out.push([complete[0]!.stop!.stop + 1, complete[complete.length - 1]!.stop!.stop + 1]);
    run = [];
  };
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child instanceof ParserRuleContext) {
      const start = child.start?.start ?? Number.MAX_SAFE_INTEGER;
      if (start >= caretStart) break;
      const stop = child.stop ? child.stop.stop + 1 : start;
      if (caretStart <= stop) holder = child;
      const previous = children[i - 1];
      const continuesRun = run.length > 0 && run[0]!.ruleIndex === child.ruleIndex
        && previous instanceof TerminalNode && (previous.symbol.type === FlinkSqlParser.COMMA || previous.symbol.type === FlinkSqlParser.SEMICOLON);
      if (!continuesRun) flush();
      run.push(child);
    } else if (!(child instanceof TerminalNode && (child.symbol.type === FlinkSqlParser.COMMA || child.symbol.type === FlinkSqlParser.SEMICOLON))) {
      flush();
    }
  }
  flush();
  if (holder) collectDroppableRanges(holder, caretStart, out);
}

// ------------------------------------------------------------------------------------------ scopes

/**
 * Symbols of the statement under the caret. A statement broken while typing (`SELECT | FROM t`,
 * `INSERT INTO t (|)`) is read again with a placeholder word at the caret, which usually repairs it.
 */
export function symbolsAtCaret(statement: ScriptStatement, caret: CaretContext): StatementSymbols {
  // Re-parsing is only worth it (and bounded in time) for statements of a readable size.
  if (!statement.analysis.parsed.errors.length || caret.tokens.length > MAX_REPAIR_TOKENS) return statement.analysis.symbols;
  const text = statement.split.text;
  const patched = text.slice(0, caret.offset) + (caret.prefix ? '' : 'c__') + text.slice(caret.offset);
  const repaired = analyzeStatementText(patched);
  return repaired.parsed.errors.length <= statement.analysis.parsed.errors.length ? repaired.symbols : statement.analysis.symbols;
}

/** Innermost query scope around the caret. */
export function scopeAtCaret(statement: ScriptStatement, caret: CaretContext): QueryScope | undefined {
  const symbols = symbolsAtCaret(statement, caret);
  return innermostScope(symbols, caret.offset) ?? innermostScope(statement.analysis.symbols, caret.offset) ?? symbols.scopes[0];
}

function innermostScope(symbols: StatementSymbols, offset: number): QueryScope | undefined {
  let best: QueryScope | undefined;
  for (const scope of symbols.scopes) {
    if (scope.span.start <= offset && offset <= scope.span.end + 1) {
      if (!best || scope.span.end - scope.span.start < best.span.end - best.span.start) best = scope;
    }
  }
  return best;
}

// ------------------------------------------------------------------------------------------ item builders

type Add = (item: CompletionItem) => void;

function relationItems(model: ScriptModel, statement: ScriptStatement | undefined, scope: QueryScope | undefined, add: Add): void {
  const seen = new Set<string>();
  if (scope) {
    for (const cte of scope.ctes) {
      if (seen.has(cte.name)) continue;
      seen.add(cte.name);
      add({ label: cte.name, kind: CompletionItemKind.Struct, detail: 'CTE', sortText: SORT.table + cte.name });
    }
  }
  for (const entry of model.relations) {
    if (entry.symbol.kind === 'model') continue;
    if (statement && entry.statement.index > statement.index) continue;
    const sameContext = !statement || (entry.fullPath[0] === statement.catalog && entry.fullPath[1] === statement.database);
    const label = sameContext ? entry.fullPath[2] : entry.fullPath.join('.');
    if (seen.has(label)) continue;
    seen.add(label);
    // Column lists as documentation only for scripts of a readable size (they cost a resolution each).
    const cols = model.relations.length <= 100 ? model.relationColumns(entry) : undefined;
    add({
      label, kind: entry.symbol.kind === 'view' ? CompletionItemKind.Interface : CompletionItemKind.Class,
      detail: `${entry.symbol.temporary ? 'temporary ' : ''}${kindLabel(entry.symbol.kind)}${connectorOf(entry.symbol.options)}`,
      documentation: cols ? { kind: MarkupKind.Markdown, value: cols.map((c) => `- \`${c.name}\` ${c.type ?? ''}`).join('\n') } : undefined,
      sortText: SORT.table + label,
    } as CompletionItem);
  }
  catalogItems(model, add);
}

function connectorOf(options: ReadonlyArray<{ key: string; value: string }>): string {
  const c = options.find((o) => o.key === 'connector');
  return c ? ` · ${c.value}` : '';
}

export function kindLabel(kind: string): string {
  return kind === 'materializedTable' ? 'materialized table' : kind;
}

function catalogItems(model: ScriptModel, add: Add): void {
  const names = new Set([DEFAULT_CATALOG, ...model.named.filter((n) => n.symbol.kind === 'catalog').map((n) => n.symbol.path[0]!)]);
  for (const name of names) add({ label: name, kind: CompletionItemKind.Module, detail: 'catalog', sortText: SORT.other + name });
}

function columnLabelDetail(column: ResolvedColumn, qualifier: string | undefined): string {
  return `${column.type ?? 'column'}${qualifier ? ` · ${qualifier}` : column.origin ? ` · ${column.origin}` : ''}`;
}

function columnItems(model: ScriptModel, statement: ScriptStatement, scope: QueryScope | undefined, caret: CaretContext, add: Add): void {
  const visible = model.visibleColumns(scope, statement);
  const counts = new Map<string, number>();
  for (const v of visible) counts.set(v.column.name, (counts.get(v.column.name) ?? 0) + 1);
  for (const { qualifier, column } of visible) {
    const ambiguous = (counts.get(column.name) ?? 0) > 1 && qualifier;
    const label = ambiguous ? `${qualifier}.${column.name}` : column.name;
    add({ label, kind: CompletionItemKind.Field, detail: columnLabelDetail(column, qualifier), sortText: SORT.column + label, filterText: label });
  }
  // Aliases and table names usable as qualifiers.
  for (let s: QueryScope | undefined = scope; s; s = s.parent) {
    for (const source of s.sources) {
      const name = sourceName(source);
      if (name) add({ label: name, kind: CompletionItemKind.Variable, detail: source.path ? `alias of ${source.path.join('.')}` : 'alias', sortText: SORT.alias + name });
    }
  }
  // The time attributes of the TVF input when completing inside DESCRIPTOR(...).
  void caret;
}

function columnNameItems(model: ScriptModel, statement: ScriptStatement, symbols: StatementSymbols, scope: QueryScope | undefined, stack: number[], add: Add, caretOffset = 0): void {
  const has = (r: number) => stack.includes(r);
  let columns: ResolvedColumn[] | undefined;
  const insert = symbols.inserts.find((i) => i.span.start <= caretOffset && caretOffset <= i.span.end + 1) ?? symbols.inserts[0];
  if (has(FlinkSqlParser.RULE_insertColumnList) && insert) {
    const target = model.lookupRelation(insert.target, statement);
    columns = target ? model.relationColumns(target)?.filter((c) => c.symbol?.kind !== 'computed') : undefined;
  } else if (has(FlinkSqlParser.RULE_argumentValue)) {
    // DESCRIPTOR(col) in a window TVF: columns of the TABLE argument, time attributes first.
    const source = scope?.sources.find((s) => s.tvf?.input)?.tvf?.input ?? scope?.sources[0];
    const resolved = source ? model.sourceColumns(source, scope!, statement) : undefined;
    columns = resolved ? [...resolved].sort((a, b) => Number(!!b.timeAttribute) - Number(!!a.timeAttribute)) : undefined;
  } else if (has(FlinkSqlParser.RULE_tableConstraint) || has(FlinkSqlParser.RULE_partitionedBy) || has(FlinkSqlParser.RULE_distribution) || has(FlinkSqlParser.RULE_alterSchemaItem) || has(FlinkSqlParser.RULE_columnPosition)) {
    const own = symbols.relations[0];
    if (own) columns = own.columns.map((c) => ({ name: c.name, ...(c.type ? { type: c.type } : {}) }));
    else {
      const altered = symbols.references.find((r) => r.kind === 'table');
      const target = altered ? model.lookupRelation(altered.parts, statement) : undefined;
      columns = target ? model.relationColumns(target) : undefined;
    }
  } else if (has(FlinkSqlParser.RULE_joinCriteria) || has(FlinkSqlParser.RULE_commonTableExpression) === false && has(FlinkSqlParser.RULE_querySpecification)) {
    columns = model.visibleColumns(scope, statement).map((v) => v.column);
  }
  for (const c of columns ?? []) {
    add({ label: c.name, kind: CompletionItemKind.Field, detail: columnLabelDetail(c, undefined) + (c.timeAttribute ? ` · ${c.timeAttribute}` : ''), sortText: SORT.column + (c.timeAttribute ? '0' : '1') + c.name });
  }
}

/** Function items are immutable per version: built once. */
const functionItemCache = new Map<string, CompletionItem[]>();

function functionItems(model: ScriptModel, version: FlinkVersionLine, add: Add, withoutBuiltins = false): void {
  for (const f of model.named.filter((n) => n.symbol.kind === 'function')) {
    const name = f.symbol.path[f.symbol.path.length - 1]!;
    add({ label: name, kind: CompletionItemKind.Function, detail: `${f.symbol.temporary ? 'temporary ' : ''}function · ${f.symbol.className ?? ''}`, sortText: SORT.function + name });
  }
  if (withoutBuiltins) return;
  let cached = functionItemCache.get(version);
  if (!cached) {
    cached = [...builtinFunctions(version).values()].map((fn) => functionItem(fn));
    functionItemCache.set(version, cached);
  }
  for (const item of cached) add({ ...item });
}

function functionItem(fn: BuiltinFunction): CompletionItem {
  const takesArgs = !fn.niladic && !/\(\)$/.test(fn.signatures[0]!);
  const insertText = fn.niladic ? fn.name : takesArgs ? `${fn.name}($0)` : `${fn.name}()`;
  return {
    label: fn.name,
    kind: CompletionItemKind.Function,
    detail: fn.signatures[0],
    documentation: { kind: MarkupKind.Markdown, value: describeFunction(fn) },
    insertText,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: SORT.function + fn.name,
  };
}

function qualifiedItems(qualifier: string[], caret: CaretContext, model: ScriptModel, add: Add): void {
  const statement = caret.statement!;
  const scope = scopeAtCaret(statement, caret);
  const last = qualifier[qualifier.length - 1]!;
  // alias.column
  if (qualifier.length === 1 && scope) {
    for (let s: QueryScope | undefined = scope; s; s = s.parent) {
      const source = s.sources.find((x) => sourceName(x) === last);
      if (source) {
        for (const column of model.sourceColumns(source, s, statement) ?? []) {
          add({ label: column.name, kind: CompletionItemKind.Field, detail: columnLabelDetail(column, last), sortText: SORT.column + column.name });
        }
        return;
      }
    }
    const cte = findCte(scope, last);
    if (cte) {
      for (const column of model.cteColumns(cte, statement) ?? []) add({ label: column.name, kind: CompletionItemKind.Field, detail: columnLabelDetail(column, last), sortText: SORT.column });
      return;
    }
  }
  // catalog.database / catalog.database.table / database.table
  const wanted = qualifier.length === 1 ? [[last, undefined], [statement.catalog, last]] : [[qualifier[qualifier.length - 2]!, last]];
  const seen = new Set<string>();
  for (const entry of model.relations) {
    for (const [a, b] of wanted) {
      if (b === undefined && entry.fullPath[0] === a && !seen.has(entry.fullPath[1])) {
        seen.add(entry.fullPath[1]);
        add({ label: entry.fullPath[1], kind: CompletionItemKind.Module, detail: 'database', sortText: SORT.table });
      } else if (b !== undefined && entry.fullPath[0] === a && entry.fullPath[1] === b && !seen.has(entry.fullPath[2])) {
        seen.add(entry.fullPath[2]);
        add({ label: entry.fullPath[2], kind: entry.symbol.kind === 'view' ? CompletionItemKind.Interface : CompletionItemKind.Class, detail: kindLabel(entry.symbol.kind), sortText: SORT.table });
      }
    }
  }
  for (const d of model.named.filter((n) => n.symbol.kind === 'database' && n.symbol.path.length === 2 && n.symbol.path[0] === last)) {
    const name = d.symbol.path[1]!;
    if (!seen.has(name)) add({ label: name, kind: CompletionItemKind.Module, detail: 'database', sortText: SORT.table });
  }
  if (qualifier.length === 1 && last === DEFAULT_CATALOG && !seen.has('default_database')) add({ label: 'default_database', kind: CompletionItemKind.Module, detail: 'database' });
}

// ------------------------------------------------------------------------------------------ strings

type ToRange = (start: number, end: number) => import('vscode-languageserver-types').Range;

function stringItems(caret: CaretContext, model: ScriptModel, version: FlinkVersionLine, toRange: ToRange): CompletionItem[] {
  const info = caret.string!;
  const range = toRange(info.contentStart, Math.max(caret.offset, info.contentEnd));
  const edit = (text: string): TextEdit => ({ range, newText: text });
  const i = caret.caretIndex;
  const prev = caret.tokens[i - 1];
  const prev2 = caret.tokens[i - 2];
  const first = caret.tokens[0];
  const upper = (t: Token | undefined) => (t?.text ?? '').toUpperCase();

  // SET 'key' = '…' / SET '…' / RESET '…'
  if (i === 1 && (upper(first) === 'SET' || upper(first) === 'RESET')) return configKeyItems(version, edit);
  if (i === 3 && upper(first) === 'SET' && prev?.type === FlinkSqlParser.EQ) {
    const option = lookupConfigOption(version, stringValue(prev2));
    return option ? optionValueChoices(option).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: option.type, textEdit: edit(v) })) : [];
  }
  // METADATA FROM '…'
  if (upper(prev) === 'FROM' && upper(prev2) === 'METADATA') {
    const options = writtenOptions(caret, model);
    const connector = lookupConnector(options.get('connector') ?? '');
    return (connector?.metadata ?? []).map((m) => ({ label: m.key, kind: CompletionItemKind.Property, detail: m.type, documentation: m.description, textEdit: edit(m.key) }));
  }
  // WITH ( … '…' = '…' … )
  const withParen = enclosingOptionList(caret);
  if (withParen === undefined) return [];
  const written = writtenOptions(caret, model);
  if (prev?.type === FlinkSqlParser.EQ) {
    const key = stringValue(prev2);
    if (key === 'connector') {
      return CONNECTORS.map((c) => ({ label: c.name, kind: CompletionItemKind.EnumMember, detail: c.roles, documentation: { kind: MarkupKind.Markdown, value: describeConnector(c) }, textEdit: edit(c.name) }));
    }
    const resolved = availableOptions(written).find((o) => o.key === key) ?? availableOptions(written).find((o) => matchesPattern(o.key, key));
    const values = resolved?.option.values ?? (resolved?.option.type === 'Boolean' ? ['true', 'false'] : []);
    return values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: resolved!.option.type, textEdit: edit(v) }));
  }
  if (prev?.type === FlinkSqlParser.LPAREN || prev?.type === FlinkSqlParser.COMMA) {
    const columns = caret.statement?.analysis.symbols.relations[0]?.columns.map((c) => c.name) ?? [];
    return optionKeyItems(availableOptions(written), writtenOptions(caret), columns, edit);
  }
  return [];
}

function matchesPattern(pattern: string, key: string): boolean {
  if (pattern.endsWith('*')) return key.startsWith(pattern.slice(0, -1));
  if (!pattern.includes('#')) return false;
  const [a, b] = pattern.split('#') as [string, string];
  return key.startsWith(a) && key.endsWith(b);
}

function stringValue(token: Token | undefined): string {
  const text = token?.text ?? '';
  const q = text.indexOf("'");
  return q < 0 ? text : text.slice(q + 1, text.endsWith("'") ? -1 : undefined).replace(/''/g, "'");
}

/** Index of the '(' opening the WITH/SET option list around the caret, if any. */
function enclosingOptionList(caret: CaretContext): number | undefined {
  let depth = 0;
  for (let i = caret.caretIndex - 1; i >= 0; i--) {
    const t = caret.tokens[i]!;
    if (t.type === FlinkSqlParser.RPAREN) depth++;
    else if (t.type === FlinkSqlParser.LPAREN) {
      if (depth === 0) {
        const before = (caret.tokens[i - 1]?.text ?? '').toUpperCase();
        return before === 'WITH' || before === 'SET' || before === 'OPTIONS' ? i : undefined;
      }
      depth--;
    }
  }
  return undefined;
}

/**
 * `'key' = 'value'` pairs written in the option list around the caret (before and after it); for
 * `ALTER TABLE t SET (…)` the options of t's CREATE TABLE come first.
 */
function writtenOptions(caret: CaretContext, model?: ScriptModel): Map<string, string> {
  const written = new Map<string, string>();
  const statement = caret.statement;
  if (model && statement && /^(alterTable|alterMaterializedTable)$/.test(statement.analysis.symbols.kind)) {
    const target = statement.analysis.symbols.references.find((r) => r.kind === 'table');
    const entry = target ? model.lookupRelation(target.parts, statement) : undefined;
    for (const o of entry?.symbol.options ?? []) written.set(o.key, o.value);
  } else if (model && statement && caret.tokens[0] && /^ALTER$/i.test(caret.tokens[0].text ?? '') && /^TABLE$/i.test(caret.tokens[1]?.text ?? '')) {
    const name = caret.tokens[2]?.text;
    const entry = name ? model.lookupRelation([unquote(name)], statement) : undefined;
    for (const o of entry?.symbol.options ?? []) written.set(o.key, o.value);
  }
  const open = enclosingOptionList(caret) ?? findWithList(caret);
  if (open === undefined) return written;
  const tokens = caret.tokens;
  for (let i = open + 1; i + 2 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === FlinkSqlParser.RPAREN) break;
    if (t.type === FlinkSqlParser.STRING_LITERAL && tokens[i + 1]?.type === FlinkSqlParser.EQ && tokens[i + 2]?.type === FlinkSqlParser.STRING_LITERAL) {
      written.set(stringValue(t), stringValue(tokens[i + 2]));
      i += 2;
    }
  }
  return written;
}

function findWithList(caret: CaretContext): number | undefined {
  const i = caret.tokens.findIndex((t, k) => (t.text ?? '').toUpperCase() === 'WITH' && caret.tokens[k + 1]?.type === FlinkSqlParser.LPAREN);
  return i >= 0 ? i + 1 : undefined;
}

function optionKeyItems(options: ResolvedOption[], written: ReadonlyMap<string, string>, columns: string[], edit: (t: string) => TextEdit): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const resolved of options) {
    const documentation = { kind: MarkupKind.Markdown, value: describeConnectorOption(resolved) };
    const sortText = `${resolved.option.required ? '0' : '1'}${resolved.key}`;
    if (resolved.key.includes('#')) {
      for (const column of columns) {
        const key = resolved.key.replace('#', column);
        if (written.has(key)) continue;
        items.push({ label: key, kind: CompletionItemKind.Property, detail: `${resolved.option.type} · ${resolved.from}`, documentation, textEdit: edit(key), sortText });
      }
      continue;
    }
    if (written.has(resolved.key)) continue;
    const key = resolved.key.endsWith('*') ? resolved.key.slice(0, -1) : resolved.key;
    items.push({
      label: resolved.key, kind: CompletionItemKind.Property, detail: `${resolved.option.type}${resolved.option.required ? ' · required' : ''} · ${resolved.from}`,
      documentation, textEdit: edit(key), sortText, ...(resolved.option.deprecated ? { tags: [1] } : {}),
    });
  }
  return items;
}

const configItemCache = new Map<string, CompletionItem[]>();

function configKeyItems(version: FlinkVersionLine, edit: (t: string) => TextEdit): CompletionItem[] {
  let cached = configItemCache.get(version);
  if (!cached) {
    const options = configOptions(version);
    cached = configOptionKeys(version).map((key) => {
      const option = options.get(key)!;
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: `${option.type} · default ${option.default ?? '(none)'}`,
        // Descriptions are long: resolved lazily (completionItem/resolve).
        data: { kind: 'configOption', key, version },
        // Session options (table.*, execution.*, pipeline.*, sql-client.*) first.
        sortText: (/^(table|execution|pipeline|sql-client|parallelism|state|restart-strategy)\b/.test(key) ? '0' : '1') + key,
      } satisfies CompletionItem;
    });
    configItemCache.set(version, cached);
  }
  return cached.map((item) => ({ ...item, textEdit: edit(item.label) }));
}

/** Adds the documentation of lazily documented items (SET keys). */
export function resolveSqlCompletion(item: CompletionItem): CompletionItem {
  const data = item.data as { kind?: string; key?: string; version?: FlinkVersionLine } | undefined;
  if (data?.kind === 'configOption' && data.key && data.version) {
    const option = lookupConfigOption(data.version, data.key);
    if (option) item.documentation = { kind: MarkupKind.Markdown, value: describeConfigOption(option, data.version) };
  }
  return item;
}

function variableItems(caret: CaretContext, context: SqlFileContext, toRange: ToRange): CompletionItem[] {
  const v = caret.variable!;
  const start = v.start + 2;
  const statementText = caret.statement?.split.text ?? '';
  const closed = statementText.charAt(caret.offset) === '}' || statementText.slice(caret.offset).match(/^[^}\s]*\}/);
  const range = toRange(start, caret.offset);
  return Object.entries(context.variables).map(([name, value]) => ({
    label: name,
    kind: CompletionItemKind.Variable,
    detail: value.length > 60 ? `${value.slice(0, 57)}…` : value,
    documentation: context.jobFileUri ? `Defined by ${context.jobFileUri}` : undefined,
    textEdit: { range, newText: closed ? name : `${name}}` },
  }) as CompletionItem);
}

// ------------------------------------------------------------------------------------------ hints

const HINT_NAMES: Array<[string, string]> = [
  ['OPTIONS', "Dynamic table options for this query: OPTIONS('key' = 'value', …)"],
  ['LOOKUP', "Lookup join behaviour: LOOKUP('table' = 'dim', 'async' = 'true', 'retry-predicate' = 'lookup_miss', …)"],
  ['BROADCAST', 'Join strategy: broadcast the named table(s) (batch).'],
  ['SHUFFLE_HASH', 'Join strategy: shuffle hash join with the named table(s) as build side (batch).'],
  ['SHUFFLE_MERGE', 'Join strategy: sort-merge join (batch).'],
  ['NEST_LOOP', 'Join strategy: nested loop join with the named table(s) as build side (batch).'],
  ['STATE_TTL', "State retention per input of a join or aggregation: STATE_TTL('orders' = '1d', …)"],
];

/** Completion inside `/*+ … *\/`: hint names, and OPTIONS keys/values of the table the hint follows. */
function hintItems(caret: CaretContext, model: ScriptModel, toRange: ToRange): CompletionItem[] {
  const hint = caret.hint!;
  const typed = hint.typed;
  const hintStart = hint.token.start;
  const quotes = (typed.match(/'/g) ?? []).length;
  if (quotes % 2 === 1) {
    const open = typed.lastIndexOf("'");
    const before = typed.slice(0, open).trimEnd();
    const options = /OPTIONS\s*\([^)]*$/i.test(typed.slice(0, open)) ? hintTableOptions(hint.tokensBefore, model, caret) : undefined;
    if (!options) return [];
    const range = toRange(hintStart + open + 1, hintStart + typed.length);
    if (before.endsWith('=')) {
      const key = /'((?:[^']|'')*)'\s*=$/.exec(before)?.[1];
      const resolved = options.find((o) => o.key === key);
      const values = resolved?.option.values ?? (resolved?.option.type === 'Boolean' ? ['true', 'false'] : []);
      return values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: v } }));
    }
    if (before.endsWith('(') || before.endsWith(',')) {
      return options.filter((o) => o.key !== 'connector' && !o.key.includes('#')).map((o) => {
        const key = o.key.endsWith('*') ? o.key.slice(0, -1) : o.key;
        return { label: o.key, kind: CompletionItemKind.Property, detail: `${o.option.type} · ${o.from}`, documentation: { kind: MarkupKind.Markdown, value: describeConnectorOption(o) }, textEdit: { range, newText: key } };
      });
    }
    return [];
  }
  const name = /(?:\/\*\+|\)\s*,|,)\s*([A-Za-z_]*)$/.exec(typed);
  if (!name) return [];
  const range = toRange(hintStart + typed.length - name[1]!.length, hintStart + typed.length);
  return HINT_NAMES.map(([label, documentation]) => ({ label, kind: CompletionItemKind.Keyword, documentation, textEdit: { range, newText: label } }));
}

/** Options valid for the table named right before the hint (`FROM orders /*+ OPTIONS(…) *\/`). */
function hintTableOptions(tokensBefore: Token[], model: ScriptModel, caret: CaretContext): ResolvedOption[] | undefined {
  const parts: string[] = [];
  for (let i = tokensBefore.length - 1; i >= 0; i -= 2) {
    parts.unshift(unquote(tokensBefore[i]!.text ?? ''));
    if (tokensBefore[i - 1]?.type !== FlinkSqlParser.DOT) break;
  }
  const entry = parts.length ? model.lookupRelation(parts, caret.statement) : undefined;
  if (!entry) return undefined;
  const written = new Map(entry.symbol.options.map((o) => [o.key, o.value] as const));
  return availableOptions(written);
}
