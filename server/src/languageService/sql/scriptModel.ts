// The document-level model of a Flink SQL script: its statements (each parsed once and cached by
// text) and a symbol table of everything the script defines, with the catalog/database that was
// current where it was defined. Columns of tables, views, CTEs, subqueries and window TVFs are
// resolved on demand from the per-statement symbols.
import { parseStatement, type ParsedStatement } from './parseStatement';
import { splitStatements, type SplitStatement } from './statementSplitter';
import {
  extractStatementSymbols,
  type ColumnSymbol,
  type CteSymbol,
  type NamedSymbol,
  type QueryScope,
  type RelationSymbol,
  type SourceSymbol,
  type StatementSymbols,
} from './statementSymbols';

export const DEFAULT_CATALOG = 'default_catalog';
export const DEFAULT_DATABASE = 'default_database';

/** Parse result and symbols of one statement text (position independent, shared between documents). */
export interface StatementAnalysis {
  parsed: ParsedStatement;
  symbols: StatementSymbols;
}

export interface ScriptStatement {
  index: number;
  split: SplitStatement;
  analysis: StatementAnalysis;
  /** Catalog and database current when the statement runs. */
  catalog: string;
  database: string;
}

export interface RelationEntry {
  symbol: RelationSymbol;
  statement: ScriptStatement;
  /** [catalog, database, name]. */
  fullPath: [string, string, string];
}

export interface NamedEntry {
  symbol: NamedSymbol;
  statement: ScriptStatement;
}

/** Column with where it is defined (statement + relative span), when it comes from the script. */
export interface ResolvedColumn {
  name: string;
  type?: string;
  symbol?: ColumnSymbol;
  statement?: ScriptStatement;
  /** Relation or CTE name the column belongs to. */
  origin?: string;
  /** Rowtime attribute (a WATERMARK is declared on it) or PROCTIME(). */
  timeAttribute?: 'rowtime' | 'proctime';
}

// ------------------------------------------------------------------------------------------ per-statement facts

/** Symbols per parse: the syntax layer reuses a ParsedStatement while its text is unchanged. */
const factsByParse = new WeakMap<ParsedStatement, StatementAnalysis>();

export function statementFacts(parsed: ParsedStatement): StatementAnalysis {
  let facts = factsByParse.get(parsed);
  if (!facts) {
    facts = { parsed, symbols: extractStatementSymbols(parsed) };
    factsByParse.set(parsed, facts);
  }
  return facts;
}

/** Registers known facts for a parse (a re-tokenized statement that keeps its previous symbols). */
export function reuseFacts(parsed: ParsedStatement, symbols: StatementSymbols): StatementAnalysis {
  const facts: StatementAnalysis = { parsed, symbols };
  factsByParse.set(parsed, facts);
  return facts;
}

/** Parses and reads a statement text that is not part of a document (e.g. a repaired copy). */
export function analyzeStatementText(text: string): StatementAnalysis {
  return statementFacts(parseStatement(text));
}

// ------------------------------------------------------------------------------------------ model

export class ScriptModel {
  readonly statements: ScriptStatement[] = [];
  readonly relations: RelationEntry[] = [];
  readonly named: NamedEntry[] = [];
  readonly loadedModules = new Set<string>();
  /** Relations by full path (exact and lower-cased), in definition order. */
  private readonly byPath = new Map<string, RelationEntry[]>();
  private readonly byLowerPath = new Map<string, RelationEntry[]>();
  private readonly columnsCache = new Map<RelationEntry, ResolvedColumn[] | undefined>();

  /** `statements`: the split and parsed statements of `text` (from SqlDocumentAnalyzer), else split and parsed here. */
  constructor(readonly text: string, statements?: ReadonlyArray<{ statement: SplitStatement; parsed: ParsedStatement }>) {
    let catalog = DEFAULT_CATALOG;
    let database = DEFAULT_DATABASE;
    const parts = statements ?? splitStatements(text).map((split) => ({ statement: split, parsed: parseStatement(split.text) }));
    for (const part of parts) {
      const split = part.statement;
      const analysis = statementFacts(part.parsed);
      const statement: ScriptStatement = { index: this.statements.length, split, analysis, catalog, database };
      this.statements.push(statement);
      const symbols = analysis.symbols;
      for (const relation of symbols.relations) {
        const entry: RelationEntry = { symbol: relation, statement, fullPath: qualify(relation.path, catalog, database) };
        this.relations.push(entry);
        const key = entry.fullPath.join('\u0000');
        pushTo(this.byPath, key, entry);
        pushTo(this.byLowerPath, key.toLowerCase(), entry);
      }
      for (const named of symbols.named) this.named.push({ symbol: named, statement });
      for (const m of symbols.loadedModules) this.loadedModules.add(m);
      if (symbols.use?.catalog) {
        catalog = symbols.use.catalog;
        database = DEFAULT_DATABASE;
      } else if (symbols.use?.database) {
        const parts = symbols.use.database;
        if (parts.length >= 2) catalog = parts[parts.length - 2]!;
        database = parts[parts.length - 1]!;
      }
    }
  }

  /** The statement whose text (or trailing terminator) contains `offset`, else undefined. */
  statementAt(offset: number): ScriptStatement | undefined {
    let lo = 0;
    let hi = this.statements.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.statements[mid]!;
      if (offset < s.split.start) hi = mid - 1;
      else if (offset > s.split.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** The relation a name refers to from `from` (latest definition before it wins, else any). */
  lookupRelation(parts: readonly string[], from?: ScriptStatement, ignoreCase = false): RelationEntry | undefined {
    const catalog = from?.catalog ?? DEFAULT_CATALOG;
    const database = from?.database ?? DEFAULT_DATABASE;
    const key = qualify(parts, catalog, database).join('\u0000');
    const candidates = ignoreCase ? this.byLowerPath.get(key.toLowerCase()) : this.byPath.get(key);
    let found: RelationEntry | undefined;
    for (const entry of candidates ?? []) {
      if (entry.symbol.kind === 'model') continue;
      if (!from || entry.statement.index <= from.index || !found) found = entry;
    }
    return found;
  }

  lookupModel(parts: readonly string[], from?: ScriptStatement): RelationEntry | undefined {
    const wanted = qualify(parts, from?.catalog ?? DEFAULT_CATALOG, from?.database ?? DEFAULT_DATABASE);
    return this.relations.find((e) => e.symbol.kind === 'model' && e.fullPath.every((p, i) => p === wanted[i]));
  }

  lookupNamed(kind: NamedSymbol['kind'], name: string, ignoreCase = false): NamedEntry | undefined {
    return this.named.find((n) => n.symbol.kind === kind && (ignoreCase ? n.symbol.path[n.symbol.path.length - 1]!.toLowerCase() === name.toLowerCase() : n.symbol.path[n.symbol.path.length - 1] === name));
  }

  /**
   * Whether a table name resolves into a catalog whose tables the script cannot know: any catalog
   * other than the built-in in-memory one, unless the script created it as generic_in_memory.
   */
  isExternalName(parts: readonly string[], from?: ScriptStatement): boolean {
    const [catalog] = qualify(parts, from?.catalog ?? DEFAULT_CATALOG, from?.database ?? DEFAULT_DATABASE);
    if (catalog === DEFAULT_CATALOG) return false;
    const created = this.lookupNamed('catalog', catalog);
    if (!created) return true;
    const type = created.symbol.options.find((o) => o.key === 'type')?.value;
    return type !== 'generic_in_memory';
  }

  // -------------------------------------------------------------------------------------- columns

  /** Columns of a script-defined relation; undefined when they cannot be known. */
  relationColumns(entry: RelationEntry, depth = 0): ResolvedColumn[] | undefined {
    if (this.columnsCache.has(entry)) return this.columnsCache.get(entry);
    if (depth > 8) return undefined;
    const columns = this.computeRelationColumns(entry, depth);
    this.columnsCache.set(entry, columns);
    return columns;
  }

  private computeRelationColumns(entry: RelationEntry, depth: number): ResolvedColumn[] | undefined {
    const symbol = entry.symbol;
    const origin = symbol.path[symbol.path.length - 1];
    const rowtime = new Set(symbol.watermarks.map((w) => w.column));
    let columns: ResolvedColumn[] = symbol.columns.map((c) => ({
      name: c.name, symbol: c, statement: entry.statement, ...(origin ? { origin } : {}),
      ...(c.type ? { type: c.type } : {}),
      ...(rowtime.has(c.name) ? { timeAttribute: 'rowtime' as const } : c.proctime ? { timeAttribute: 'proctime' as const } : {}),
    }));
    if (symbol.likeSource) {
      const source = this.lookupRelation(symbol.likeSource, entry.statement);
      const inherited = source ? this.relationColumns(source, depth + 1) : undefined;
      if (!inherited) return undefined;
      columns = [...inherited, ...columns];
    }
    if (symbol.query) {
      const derived = this.scopeColumns(symbol.query, entry.statement, depth + 1);
      if (!derived) return symbol.explicitColumnNames ? symbol.explicitColumnNames.map((name) => ({ name, ...(origin ? { origin } : {}) })) : undefined;
      const named = symbol.explicitColumnNames
        ? derived.map((c, i) => ({ ...c, name: symbol.explicitColumnNames![i] ?? c.name, symbol: undefined }))
        : derived;
      // CTAS: declared columns come first, then the query's columns not declared again.
      const declared = new Set(columns.map((c) => c.name));
      columns = [...columns, ...named.filter((c) => !declared.has(c.name)).map((c) => ({ ...c, ...(origin ? { origin } : {}) }))];
    }
    return columns;
  }

  /** Columns produced by a query scope (its select items); undefined when unknown. */
  scopeColumns(scope: QueryScope, statement: ScriptStatement, depth = 0): ResolvedColumn[] | undefined {
    if (depth > 8 || scope.opaque) return undefined;
    const result: ResolvedColumn[] = [];
    let index = 0;
    for (const item of scope.items) {
      if (item.kind === 'all') {
        for (const source of scope.sources) {
          const cols = this.sourceColumns(source, scope, statement, depth + 1);
          if (!cols) return undefined;
          result.push(...cols);
        }
      } else if (item.kind === 'allOf') {
        const source = findSource(scope, item.qualifier[item.qualifier.length - 1]!);
        const cols = source ? this.sourceColumns(source, scope, statement, depth + 1) : undefined;
        if (!cols) return undefined;
        result.push(...cols);
      } else {
        const refName = item.ref?.[item.ref.length - 1];
        const name = item.alias ?? refName ?? `EXPR$${index}`;
        let type = item.type;
        let timeAttribute: ResolvedColumn['timeAttribute'];
        if (!type && item.ref) {
          const resolved = this.resolveColumn(item.ref, scope, statement, depth + 1);
          type = resolved?.type;
          timeAttribute = resolved?.timeAttribute;
        }
        result.push({ name, ...(type ? { type } : {}), ...(timeAttribute ? { timeAttribute } : {}) });
      }
      index++;
    }
    return result;
  }

  /** Columns of one FROM source. */
  sourceColumns(source: SourceSymbol, scope: QueryScope, statement: ScriptStatement, depth = 0): ResolvedColumn[] | undefined {
    if (depth > 8 || source.matchRecognize) return undefined;
    let columns: ResolvedColumn[] | undefined;
    if (source.kind === 'table' && source.path?.length) {
      const cte = source.path.length === 1 ? findCte(scope, source.path[0]!) : undefined;
      if (cte) columns = this.cteColumns(cte, statement, depth + 1);
      else {
        const entry = this.lookupRelation(source.path, statement);
        columns = entry ? this.relationColumns(entry, depth + 1) : undefined;
      }
    } else if (source.kind === 'subquery' && source.query) {
      columns = this.scopeColumns(source.query, statement, depth + 1);
    } else if ((source.kind === 'tvf' || source.kind === 'function') && source.tvf) {
      const tvf = source.tvf;
      const input = tvf.input ? this.sourceColumns(tvf.input, scope, statement, depth + 1) : undefined;
      if (/^(TUMBLE|HOP|CUMULATE|SESSION)$/.test(tvf.name)) {
        columns = input ? [...input, ...windowColumns(input, tvf.timeColumn)] : undefined;
      } else if (tvf.name === 'ML_PREDICT' && input && tvf.model) {
        const model = this.lookupModel(tvf.model, statement);
        const output = model?.symbol.modelOutput?.map((c): ResolvedColumn => ({ name: c.name, symbol: c, statement: model.statement, ...(c.type ? { type: c.type } : {}) }));
        columns = output ? [...input, ...output] : undefined;
      }
    }
    if (source.aliasColumns) {
      const names = source.aliasColumns;
      return names.map((name, i) => ({ ...(columns?.[i] ?? {}), name, symbol: undefined }));
    }
    return columns;
  }

  cteColumns(cte: CteSymbol, statement: ScriptStatement, depth = 0): ResolvedColumn[] | undefined {
    const derived = this.scopeColumns(cte.query, statement, depth + 1);
    if (cte.columnNames) return cte.columnNames.map((name, i) => ({ ...(derived?.[i] ?? {}), name, origin: cte.name, symbol: undefined }));
    return derived?.map((c) => ({ ...c, origin: cte.name }));
  }

  /**
   * Resolves a column reference (`col`, `alias.col`, `col.field`) in a scope chain. Returns the
   * column, `null` when every candidate source is known and none has it, undefined when unknown.
   */
  resolveColumn(parts: readonly string[], scope: QueryScope | undefined, statement: ScriptStatement, depth = 0): ResolvedColumn | null | undefined {
    let unknown = false;
    for (let s: QueryScope | undefined = scope; s; s = s.parent) {
      if (s.opaque) return undefined;
      if (s.tableColumns) {
        const hit = s.tableColumns.find((c) => c.name === parts[0]);
        if (hit) return { name: hit.name, symbol: hit, statement, ...(hit.type ? { type: hit.type } : {}) };
        continue;
      }
      if (parts.length >= 2) {
        const source = findSource(s, parts[0]!);
        if (source) {
          const columns = this.sourceColumns(source, s, statement, depth + 1);
          if (!columns) return undefined;
          return findColumn(columns, parts[1]!) ?? null;
        }
      }
      for (const source of s.sources) {
        const columns = this.sourceColumns(source, s, statement, depth + 1);
        if (!columns) {
          unknown = true;
          continue;
        }
        const hit = findColumn(columns, parts[0]!);
        if (hit) return hit;
      }
      // Select aliases are visible in GROUP BY / HAVING / ORDER BY.
      for (const item of s.items) {
        if (item.kind === 'expr' && item.alias === parts[0]) return { name: item.alias, ...(item.type ? { type: item.type } : {}) };
      }
    }
    return unknown ? undefined : null;
  }

  /** Every column visible in a scope chain, qualified by the alias (or table name) it comes through. */
  visibleColumns(scope: QueryScope | undefined, statement: ScriptStatement): Array<{ qualifier?: string; column: ResolvedColumn }> {
    const out: Array<{ qualifier?: string; column: ResolvedColumn }> = [];
    for (let s: QueryScope | undefined = scope; s; s = s.parent) {
      if (s.tableColumns) {
        for (const c of s.tableColumns) out.push({ column: { name: c.name, symbol: c, statement, ...(c.type ? { type: c.type } : {}) } });
      }
      for (const source of s.sources) {
        const columns = this.sourceColumns(source, s, statement) ?? [];
        const qualifier = sourceName(source);
        for (const column of columns) out.push({ ...(qualifier ? { qualifier } : {}), column });
      }
    }
    return out;
  }
}

const columnIndexes = new WeakMap<readonly ResolvedColumn[], Map<string, ResolvedColumn>>();

/** Column by name (first wins), through an index built once per column list (wide tables). */
export function findColumn(columns: readonly ResolvedColumn[], name: string): ResolvedColumn | undefined {
  if (columns.length < 16) return columns.find((c) => c.name === name);
  let index = columnIndexes.get(columns);
  if (!index) {
    index = new Map();
    for (const c of columns) if (!index.has(c.name)) index.set(c.name, c);
    columnIndexes.set(columns, index);
  }
  return index.get(name);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Name a source is referred to by: its alias, else the last part of its table name. */
export function sourceName(source: SourceSymbol): string | undefined {
  return source.alias ?? source.path?.[source.path.length - 1] ?? (source.tvf ? undefined : undefined);
}

export function findSource(scope: QueryScope, name: string): SourceSymbol | undefined {
  return scope.sources.find((s) => sourceName(s) === name);
}

export function findCte(scope: QueryScope, name: string): CteSymbol | undefined {
  for (let i = scope.ctes.length - 1; i >= 0; i--) if (scope.ctes[i]!.name === name) return scope.ctes[i];
  return undefined;
}

export function qualify(parts: readonly string[], catalog: string, database: string): [string, string, string] {
  if (parts.length >= 3) return [parts[parts.length - 3]!, parts[parts.length - 2]!, parts[parts.length - 1]!];
  if (parts.length === 2) return [catalog, parts[0]!, parts[1]!];
  return [catalog, database, parts[0] ?? ''];
}

/** window_start / window_end / window_time added by window TVFs. */
export function windowColumns(input: readonly ResolvedColumn[], timeColumn: string | undefined): ResolvedColumn[] {
  const time = input.find((c) => c.name === timeColumn);
  const ltz = /LTZ|LOCAL TIME ZONE|PROCTIME/i.test(time?.type ?? '');
  return [
    { name: 'window_start', type: 'TIMESTAMP(3) NOT NULL', origin: 'window TVF' },
    { name: 'window_end', type: 'TIMESTAMP(3) NOT NULL', origin: 'window TVF' },
    { name: 'window_time', type: ltz ? 'TIMESTAMP_LTZ(3) *ROWTIME*' : 'TIMESTAMP(3) *ROWTIME*', origin: 'window TVF', timeAttribute: 'rowtime' },
  ];
}
