// What one statement defines and references, read from its parse tree: tables/views/CTEs/catalogs/
// databases/functions/models with their columns and options, every name reference, and the query
// scopes (FROM sources and select items) needed to resolve columns. Offsets are RELATIVE to the
// statement text, so the result can be cached by statement text and reused wherever it moves.
import { ParserRuleContext, TerminalNode, type ParseTree } from 'antlr4ng';
import * as P from './generated/FlinkSqlParser';
import type { ParsedStatement } from './parseStatement';

/** Half-open character range [start, end) relative to the statement text. */
export interface Span {
  start: number;
  end: number;
}

export interface ColumnSymbol {
  name: string;
  span: Span;
  kind: 'physical' | 'computed' | 'metadata' | 'derived';
  /** Type as written (`VARCHAR(10) NOT NULL`), when known. */
  type?: string;
  /** `METADATA FROM 'key'` key (or the column name when FROM is omitted). */
  metadataKey?: string;
  virtual?: boolean;
  comment?: string;
  /** Computed as PROCTIME(): a processing-time attribute. */
  proctime?: boolean;
}

export interface OptionSymbol {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  /** Key or value is a `${var}` placeholder. */
  hasVariable: boolean;
}

export type RelationKind = 'table' | 'view' | 'materializedTable' | 'model';

export interface RelationSymbol {
  kind: RelationKind;
  /** Name parts as written (`cat.db.t` → ['cat','db','t']). */
  path: string[];
  /** Span of the last name part (what rename/definition point at). */
  nameSpan: Span;
  /** Whole defining statement. */
  span: Span;
  temporary: boolean;
  columns: ColumnSymbol[];
  /** Columns named in the CREATE VIEW column list. */
  explicitColumnNames?: string[];
  watermarks: Array<{ column: string; span: Span }>;
  primaryKey: string[];
  options: OptionSymbol[];
  /** LIKE source (its columns and options are inherited). */
  likeSource?: string[];
  /** AS query (views, CTAS, materialized tables): columns are derived from it. */
  query?: QueryScope;
  /** Model INPUT/OUTPUT columns. */
  modelOutput?: ColumnSymbol[];
  comment?: string;
}

export interface NamedSymbol {
  kind: 'catalog' | 'database' | 'function';
  path: string[];
  nameSpan: Span;
  span: Span;
  options: OptionSymbol[];
  /** CREATE FUNCTION … AS 'class'. */
  className?: string;
  temporary?: boolean;
}

export interface CteSymbol {
  name: string;
  nameSpan: Span;
  columnNames?: string[];
  query: QueryScope;
}

export type SelectItem =
  | { kind: 'all'; span: Span }
  | { kind: 'allOf'; qualifier: string[]; span: Span }
  | { kind: 'expr'; span: Span; alias?: string; aliasSpan?: Span; type?: string; ref?: string[] };

export interface SourceSymbol {
  kind: 'table' | 'subquery' | 'tvf' | 'unnest' | 'function';
  span: Span;
  /** MATCH_RECOGNIZE applied: its columns are the measures and partition keys, not the table's. */
  matchRecognize?: boolean;
  path?: string[];
  pathSpan?: Span;
  alias?: string;
  aliasSpan?: Span;
  aliasColumns?: string[];
  query?: QueryScope;
  /** Window TVFs / ML_PREDICT: function name, input relation and time column. */
  tvf?: { name: string; input?: SourceSymbol; timeColumn?: string; timeColumnSpan?: Span; model?: string[] };
}

export interface QueryScope {
  span: Span;
  items: SelectItem[];
  sources: SourceSymbol[];
  /** CTEs visible in this scope (own WITH and enclosing ones). */
  ctes: CteSymbol[];
  parent?: QueryScope;
  /** Columns of a CREATE TABLE (computed columns and watermarks are resolved against them). */
  tableColumns?: ColumnSymbol[];
  /** Column names cannot be checked here (MATCH_RECOGNIZE, VALUES …). */
  opaque?: boolean;
  /** Number of values per row of a VALUES query. */
  valuesArity?: number;
}

export interface ReferenceSymbol {
  kind: 'table' | 'column' | 'function' | 'catalog' | 'database' | 'model';
  parts: string[];
  /** One span per part. */
  partSpans: Span[];
  scope?: QueryScope;
  /** The reference contains a `${var}` placeholder (never reported as unknown). */
  hasVariable: boolean;
  /** For function calls: number of arguments. */
  argumentCount?: number;
}

export interface InsertSymbol {
  target: string[];
  targetSpan: Span;
  /** Whole INSERT. */
  span: Span;
  columns?: Array<{ name: string; span: Span }>;
  query?: QueryScope;
}

export interface StatementSymbols {
  /** Parser rule name of the statement (`createTable`, `insertStatement`, …). */
  kind: string;
  relations: RelationSymbol[];
  named: NamedSymbol[];
  references: ReferenceSymbol[];
  scopes: QueryScope[];
  ctes: CteSymbol[];
  set?: { key?: OptionSymbol; keyOnly?: { key: string; span: Span }; reset: boolean };
  use?: { catalog?: string; database?: string[] };
  /** INSERTs of the statement (several in `EXECUTE STATEMENT SET BEGIN … END`). */
  inserts: InsertSymbol[];
  alterOptions?: { table: string[]; options: OptionSymbol[] };
  loadedModules: string[];
}

// ------------------------------------------------------------------------------------------ helpers

export function spanOf(node: ParseTree): Span {
  if (node instanceof TerminalNode) return { start: node.symbol.start, end: node.symbol.stop + 1 };
  const ctx = node as ParserRuleContext;
  const start = ctx.start?.start ?? 0;
  const stop = ctx.stop && ctx.stop.stop >= ctx.start!.start - 1 ? ctx.stop.stop + 1 : start;
  return { start, end: Math.max(start, stop) };
}

/** Identifier text without backquotes (`` `a``b` `` → a`b). */
export function identifierText(ctx: P.IdentifierContext): string {
  const text = ctx.getText();
  if (text.startsWith('`')) return text.slice(1, text.endsWith('`') && text.length > 1 ? -1 : undefined).replace(/``/g, '`');
  return text;
}

function qualifiedParts(ctx: P.QualifiedNameContext | null | undefined): { parts: string[]; spans: Span[]; hasVariable: boolean } {
  if (!ctx) return { parts: [], spans: [], hasVariable: false };
  const ids = ctx.identifier();
  return {
    parts: ids.map(identifierText),
    spans: ids.map(spanOf),
    hasVariable: ids.some((i) => i instanceof P.VariableIdentifierContext),
  };
}

/** Value of a string literal: quotes removed, '' unescaped, adjacent literals concatenated. */
export function stringLiteralValue(ctx: P.StringLiteralContext | null | undefined): string {
  if (!ctx) return '';
  let out = '';
  for (const child of ctx.children) {
    const t = child.getText();
    if (t.startsWith('${')) return t;
    const q = t.indexOf("'");
    out += q < 0 ? t : t.slice(q + 1, t.endsWith("'") && t.length > q + 1 ? -1 : undefined).replace(/''/g, "'");
  }
  return out;
}

function options(ctx: P.WithOptionsContext | P.PropertyListContext | null | undefined): OptionSymbol[] {
  const list = ctx instanceof P.WithOptionsContext ? ctx.propertyList() : ctx;
  if (!list) return [];
  return list.property().map((p) => {
    const key = p.propertyKey()?.stringLiteral();
    const value = p.propertyValue()?.stringLiteral();
    const keyText = key?.getText() ?? '';
    const valueText = value?.getText() ?? '';
    return {
      key: stringLiteralValue(key),
      value: stringLiteralValue(value),
      keySpan: key ? spanOf(key) : spanOf(p),
      valueSpan: value ? spanOf(value) : { start: spanOf(p).end, end: spanOf(p).end },
      hasVariable: keyText.includes('${') || valueText.includes('${'),
    };
  });
}

function textOf(ctx: ParserRuleContext, source: string): string {
  const s = spanOf(ctx);
  return source.slice(s.start, s.end);
}

function hasToken(ctx: ParserRuleContext, type: number): boolean {
  return ctx.children.some((c) => c instanceof TerminalNode && c.symbol.type === type);
}

// ------------------------------------------------------------------------------------------ extraction

/** Reads the symbols of one parsed statement. Never throws: a broken tree yields partial results. */
export function extractStatementSymbols(parsed: ParsedStatement): StatementSymbols {
  const out: StatementSymbols = { kind: '', relations: [], named: [], references: [], scopes: [], ctes: [], inserts: [], loadedModules: [] };
  try {
    const statement = parsed.tree.statement();
    const inner = statement?.getChild(0);
    if (inner instanceof ParserRuleContext) out.kind = P.FlinkSqlParser.ruleNames[inner.ruleIndex] ?? '';
    new Extractor(parsed.text, out).visit(parsed.tree, undefined, []);
  } catch {
    // Partial results are better than none; the syntax diagnostics say what is wrong.
  }
  return out;
}

class Extractor {
  constructor(private readonly text: string, private readonly out: StatementSymbols) {}

  visit(node: ParseTree, scope: QueryScope | undefined, ctes: CteSymbol[]): void {
    if (node instanceof TerminalNode || !(node instanceof ParserRuleContext)) return;
    if (node instanceof P.CreateTableContext || node instanceof P.ReplaceTableAsContext || node instanceof P.CreateMaterializedTableContext) {
      this.table(node, ctes);
      return;
    }
    if (node instanceof P.CreateViewContext) return this.view(node, ctes);
    if (node instanceof P.CreateModelContext) return this.model(node, ctes);
    if (node instanceof P.QueryContext) {
      this.query(node, scope, ctes);
      return;
    }
    if (node instanceof P.InsertStatementContext) return this.insert(node, scope, ctes);
    if (node instanceof P.CreateCatalogContext) {
      const name = node.catalogName()?.identifier();
      if (name) this.out.named.push({ kind: 'catalog', path: [identifierText(name)], nameSpan: spanOf(name), span: spanOf(node), options: options(node.withOptions()) });
      return;
    }
    if (node instanceof P.CreateDatabaseContext) {
      const q = qualifiedParts(node.databasePath()?.qualifiedName());
      if (q.parts.length) this.out.named.push({ kind: 'database', path: q.parts, nameSpan: q.spans[q.spans.length - 1]!, span: spanOf(node), options: options(node.withOptions()) });
      this.catalogPrefixReference(q);
      return;
    }
    if (node instanceof P.CreateFunctionContext) {
      const q = qualifiedParts(node.functionPath()?.qualifiedName());
      if (q.parts.length) {
        this.out.named.push({ kind: 'function', path: q.parts, nameSpan: q.spans[q.spans.length - 1]!, span: spanOf(node), options: options(node.withOptions()), className: stringLiteralValue(node.stringLiteral()), temporary: hasToken(node, P.FlinkSqlParser.TEMPORARY) });
      }
      return;
    }
    if (node instanceof P.SetStatementContext) {
      const key = node.configKey()?.stringLiteral();
      const value = node.configValue()?.stringLiteral();
      if (key) {
        this.out.set = {
          reset: false,
          key: {
            key: stringLiteralValue(key), value: stringLiteralValue(value), keySpan: spanOf(key),
            valueSpan: value ? spanOf(value) : { start: spanOf(key).end, end: spanOf(key).end },
            hasVariable: key.getText().includes('${') || (value?.getText().includes('${') ?? false),
          },
        };
      } else this.out.set = { reset: false };
      return;
    }
    if (node instanceof P.ResetStatementContext) {
      const key = node.configKey()?.stringLiteral();
      this.out.set = { reset: true, ...(key ? { keyOnly: { key: stringLiteralValue(key), span: spanOf(key) } } : {}) };
      return;
    }
    if (node instanceof P.UseCatalogContext) {
      const id = node.catalogName()?.identifier();
      if (id) {
        this.out.use = { catalog: identifierText(id) };
        this.reference('catalog', [identifierText(id)], [spanOf(id)], id instanceof P.VariableIdentifierContext);
      }
      return;
    }
    if (node instanceof P.UseDatabaseContext) {
      const q = qualifiedParts(node.databasePath()?.qualifiedName());
      if (q.parts.length) {
        this.out.use = { database: q.parts };
        this.catalogPrefixReference(q);
      }
      return;
    }
    if (node instanceof P.LoadModuleContext) {
      const id = node.identifier();
      if (id) this.out.loadedModules.push(identifierText(id).toLowerCase());
      return;
    }
    if (node instanceof P.AlterTableContext) {
      const q = qualifiedParts(node.tablePath()?.qualifiedName());
      this.tableReference(node.tablePath());
      const action = node.alterTableAction();
      if (action instanceof P.SetTableOptionsContext) this.out.alterOptions = { table: q.parts, options: options(action.propertyList()) };
      if (action) this.visitChildren(action, scope, ctes);
      return;
    }
    if (node instanceof P.TablePathContext) {
      this.tableReference(node);
      return;
    }
    if (node instanceof P.ColumnPathContext) {
      const q = qualifiedParts(node.qualifiedName());
      if (q.parts.length) this.out.references.push({ kind: 'column', parts: q.parts, partSpans: q.spans, scope, hasVariable: q.hasVariable });
      return;
    }
    if (node instanceof P.FunctionCallContext) {
      const nameCtx = node.functionName();
      const qn = nameCtx?.qualifiedName();
      const q = qn ? qualifiedParts(qn) : { parts: [nameCtx?.getText() ?? ''], spans: [nameCtx ? spanOf(nameCtx) : spanOf(node)], hasVariable: false };
      if (q.parts.length && q.parts[0]) this.out.references.push({ kind: 'function', parts: q.parts, partSpans: q.spans, scope, hasVariable: q.hasVariable, argumentCount: node.functionArgument().length });
      for (const child of node.children) if (child !== nameCtx) this.visit(child, scope, ctes);
      return;
    }
    if (node instanceof P.ModelPathContext) {
      const q = qualifiedParts(node.qualifiedName());
      if (q.parts.length) this.out.references.push({ kind: 'model', parts: q.parts, partSpans: q.spans, hasVariable: q.hasVariable });
      return;
    }
    if (node instanceof P.DatabasePathContext) {
      this.catalogPrefixReference(qualifiedParts(node.qualifiedName()));
      return;
    }
    if (node instanceof P.CatalogNameContext) {
      const id = node.identifier();
      if (id) this.reference('catalog', [identifierText(id)], [spanOf(id)], id instanceof P.VariableIdentifierContext);
      return;
    }
    this.visitChildren(node, scope, ctes);
  }

  private visitChildren(node: ParserRuleContext, scope: QueryScope | undefined, ctes: CteSymbol[]): void {
    for (const child of node.children) this.visit(child, scope, ctes);
  }

  private reference(kind: ReferenceSymbol['kind'], parts: string[], partSpans: Span[], hasVariable: boolean, scope?: QueryScope): void {
    this.out.references.push({ kind, parts, partSpans, hasVariable, ...(scope ? { scope } : {}) });
  }

  /** `cat.db` in USE/CREATE DATABASE: the catalog part is a catalog reference. */
  private catalogPrefixReference(q: { parts: string[]; spans: Span[]; hasVariable: boolean }): void {
    if (q.parts.length === 2) this.reference('catalog', [q.parts[0]!], [q.spans[0]!], q.hasVariable);
  }

  private tableReference(ctx: P.TablePathContext | null): void {
    if (!ctx) return;
    const q = qualifiedParts(ctx.qualifiedName());
    if (q.parts.length) this.reference('table', q.parts, q.spans, q.hasVariable);
  }

  private columns(elements: P.TableElementContext[] | P.ColumnDefinitionContext[], relation: RelationSymbol): void {
    for (const element of elements) {
      const def = element instanceof P.TableElementContext ? element.columnDefinition() : element;
      if (def) {
        const nameId = def.columnName()?.identifier();
        if (!nameId) continue;
        const column: ColumnSymbol = { name: identifierText(nameId), span: spanOf(nameId), kind: 'physical' };
        const type = def.columnType();
        if (type) column.type = textOf(type, this.text);
        const computed = def.computedColumnSpec();
        if (computed) {
          column.kind = 'computed';
          const expr = computed.expression();
          if (expr && /^PROCTIME\s*\(\s*\)$/i.test(textOf(expr, this.text))) {
            column.proctime = true;
            column.type = 'TIMESTAMP_LTZ(3) *PROCTIME*';
          } else {
            const cast = /^(?:TRY_)?CAST\s*\(.*\bAS\s+(.+)\)$/is.exec(expr ? textOf(expr, this.text) : '');
            if (cast) column.type = cast[1]!.trim();
          }
        }
        const metadata = def.metadataColumnSpec();
        if (metadata) {
          column.kind = 'metadata';
          column.metadataKey = metadata.stringLiteral() ? stringLiteralValue(metadata.stringLiteral()) : column.name;
          column.virtual = hasToken(metadata, P.FlinkSqlParser.VIRTUAL);
        }
        const comment = def.commentClause()?.stringLiteral();
        if (comment) column.comment = stringLiteralValue(comment);
        if (def.columnConstraint()) relation.primaryKey.push(column.name);
        relation.columns.push(column);
        continue;
      }
      if (!(element instanceof P.TableElementContext)) continue;
      const watermark = element.watermarkDefinition();
      if (watermark) {
        const q = qualifiedParts(watermark.columnPath()?.qualifiedName());
        if (q.parts.length) relation.watermarks.push({ column: q.parts[q.parts.length - 1]!, span: q.spans[q.spans.length - 1]! });
      }
      const constraint = element.tableConstraint();
      if (constraint && hasToken(constraint, P.FlinkSqlParser.PRIMARY)) {
        for (const c of constraint.columnName()) relation.primaryKey.push(identifierText(c.identifier()));
      }
    }
  }

  private table(node: P.CreateTableContext | P.ReplaceTableAsContext | P.CreateMaterializedTableContext, ctes: CteSymbol[]): void {
    const q = qualifiedParts(node.tablePath()?.qualifiedName());
    const relation: RelationSymbol = {
      kind: node instanceof P.CreateMaterializedTableContext ? 'materializedTable' : 'table',
      path: q.parts,
      nameSpan: q.spans[q.spans.length - 1] ?? spanOf(node),
      span: spanOf(node),
      temporary: hasToken(node, P.FlinkSqlParser.TEMPORARY),
      columns: [],
      watermarks: [],
      primaryKey: [],
      options: options(node.withOptions()),
    };
    this.columns(node.tableElement(), relation);
    const comment = node.commentClause()?.stringLiteral();
    if (comment) relation.comment = stringLiteralValue(comment);
    if (q.parts.length) this.out.relations.push(relation);
    // Computed columns and watermarks refer to the table's own columns.
    const tableScope: QueryScope = { span: spanOf(node), items: [], sources: [], ctes: [], tableColumns: relation.columns };
    this.out.scopes.push(tableScope);
    for (const element of node.tableElement()) this.visitChildren(element, tableScope, ctes);
    const dist = node.distributionAndPartitioning();
    if (dist) this.visitChildren(dist, tableScope, ctes);
    if (node instanceof P.CreateTableContext) {
      const like = node.likeClause();
      if (like) {
        const lq = qualifiedParts(like.tablePath()?.qualifiedName());
        relation.likeSource = lq.parts;
        this.tableReference(like.tablePath());
      }
    }
    const query = node.query();
    if (query) relation.query = this.query(query, undefined, ctes);
  }

  private view(node: P.CreateViewContext, ctes: CteSymbol[]): void {
    const q = qualifiedParts(node.tablePath()?.qualifiedName());
    const relation: RelationSymbol = {
      kind: 'view', path: q.parts, nameSpan: q.spans[q.spans.length - 1] ?? spanOf(node), span: spanOf(node),
      temporary: hasToken(node, P.FlinkSqlParser.TEMPORARY), columns: [], watermarks: [], primaryKey: [], options: [],
    };
    const names = node.columnName();
    if (names.length) {
      relation.explicitColumnNames = names.map((n) => identifierText(n.identifier()));
    }
    const query = node.query();
    if (query) relation.query = this.query(query, undefined, ctes);
    if (q.parts.length) this.out.relations.push(relation);
  }

  private model(node: P.CreateModelContext, ctes: CteSymbol[]): void {
    const q = qualifiedParts(node.modelPath()?.qualifiedName());
    const relation: RelationSymbol = {
      kind: 'model', path: q.parts, nameSpan: q.spans[q.spans.length - 1] ?? spanOf(node), span: spanOf(node),
      temporary: hasToken(node, P.FlinkSqlParser.TEMPORARY), columns: [], watermarks: [], primaryKey: [], options: options(node.withOptions()),
    };
    const defs = node.columnDefinition();
    const outputAt = node.children.findIndex((c) => c instanceof TerminalNode && c.symbol.type === P.FlinkSqlParser.OUTPUT);
    const inputDefs = defs.filter((d) => outputAt < 0 || node.children.indexOf(d) < outputAt);
    const outputDefs = defs.filter((d) => !inputDefs.includes(d));
    this.columns(inputDefs, relation);
    const output: RelationSymbol = { ...relation, columns: [], primaryKey: [] };
    this.columns(outputDefs, output);
    relation.modelOutput = output.columns;
    const query = node.query();
    if (query) relation.query = this.query(query, undefined, ctes);
    if (q.parts.length) this.out.relations.push(relation);
  }

  private insert(node: P.InsertStatementContext, scope: QueryScope | undefined, ctes: CteSymbol[]): void {
    const target = node.tablePath();
    const q = qualifiedParts(target?.qualifiedName());
    this.tableReference(target);
    const columns = node.insertColumnList()?.columnName().map((c) => ({ name: identifierText(c.identifier()), span: spanOf(c.identifier()) }));
    const partition = node.staticPartition();
    if (partition) this.visitChildren(partition, scope, ctes);
    const query = node.query();
    const queryScope = query ? this.query(query, scope, ctes) : undefined;
    this.out.inserts.push({
      target: q.parts, targetSpan: q.spans[q.spans.length - 1] ?? spanOf(node), span: spanOf(node),
      ...(columns ? { columns } : {}), ...(queryScope ? { query: queryScope } : {}),
    });
  }

  /** A full query; returns the scope of its first SELECT (whose items name the query's columns). */
  query(node: P.QueryContext, parent: QueryScope | undefined, outerCtes: CteSymbol[]): QueryScope {
    const ctes = [...outerCtes];
    const withClause = node.withClause();
    if (withClause) {
      for (const cte of withClause.commonTableExpression()) {
        const id = cte.identifier();
        const cteQuery = cte.query();
        if (!id || !cteQuery) continue;
        // A CTE sees the CTEs defined before it.
        const scope = this.query(cteQuery, parent, ctes);
        const symbol: CteSymbol = { name: identifierText(id), nameSpan: spanOf(id), query: scope };
        const names = cte.columnName();
        if (names.length) symbol.columnNames = names.map((n) => identifierText(n.identifier()));
        ctes.push(symbol);
        this.out.ctes.push(symbol);
      }
    }
    let first: QueryScope | undefined;
    const expression = node.queryExpression();
    if (expression) first = this.queryExpression(expression, parent, ctes);
    const result = first ?? { span: spanOf(node), items: [], sources: [], ctes, opaque: true, ...(parent ? { parent } : {}) };
    // ORDER BY / LIMIT / … see the first SELECT's sources and aliases.
    for (const child of node.children) {
      if (child === withClause || child === expression) continue;
      this.visit(child, result, ctes);
    }
    return result;
  }

  private queryExpression(node: P.QueryExpressionContext, parent: QueryScope | undefined, ctes: CteSymbol[]): QueryScope | undefined {
    if (node instanceof P.SetOperationContext) {
      const left = node._left ? this.queryExpression(node._left, parent, ctes) : undefined;
      if (node._right) this.queryExpression(node._right, parent, ctes);
      return left;
    }
    if (node instanceof P.QueryTermDefaultContext) {
      const primary = node.queryPrimary();
      if (primary instanceof P.QuerySpecificationPrimaryContext) {
        const spec = primary.querySpecification();
        return spec ? this.querySpecification(spec, parent, ctes) : undefined;
      }
      if (primary instanceof P.SubqueryPrimaryContext) {
        const q = primary.query();
        return q ? this.query(q, parent, ctes) : undefined;
      }
      if (primary instanceof P.ExplicitTablePrimaryContext) {
        const q = qualifiedParts(primary.tablePath()?.qualifiedName());
        this.tableReference(primary.tablePath());
        const scope: QueryScope = { span: spanOf(primary), items: [{ kind: 'all', span: spanOf(primary) }], sources: [{ kind: 'table', span: spanOf(primary), path: q.parts, ...(q.spans.length ? { pathSpan: q.spans[q.spans.length - 1]! } : {}) }], ctes, ...(parent ? { parent } : {}) };
        this.out.scopes.push(scope);
        return scope;
      }
      if (primary instanceof P.ValuesPrimaryContext) {
        const values = primary.valuesClause();
        const rows = values?.expression() ?? [];
        const firstRow = rows[0]?.getText() ?? '';
        const scope: QueryScope = { span: spanOf(primary), items: [], sources: [], ctes, opaque: true, ...(parent ? { parent } : {}) };
        // VALUES (a, b), (c, d): arity of the first row (a parenthesised row constructor).
        const row = rows[0] ? findFirst(rows[0], P.ImplicitRowConstructorContext) : undefined;
        scope.valuesArity = row && firstRow.startsWith('(') ? row.expression().length : rows.length ? 1 : 0;
        if (values) this.visitChildren(values, scope, ctes);
        this.out.scopes.push(scope);
        return scope;
      }
    }
    this.visitChildren(node, parent, ctes);
    return undefined;
  }

  private querySpecification(node: P.QuerySpecificationContext, parent: QueryScope | undefined, ctes: CteSymbol[]): QueryScope {
    const scope: QueryScope = { span: spanOf(node), items: [], sources: [], ctes, ...(parent ? { parent } : {}) };
    this.out.scopes.push(scope);
    // Sources first: select items and WHERE refer to them.
    const from = node.fromClause();
    if (from) for (const ref of from.tableReference()) this.tableReferenceSources(ref, scope, ctes);
    for (const item of node.selectItem()) {
      if (item instanceof P.SelectAllContext) scope.items.push({ kind: 'all', span: spanOf(item) });
      else if (item instanceof P.SelectAllOfTableContext) {
        const q = qualifiedParts(item.qualifiedName());
        scope.items.push({ kind: 'allOf', qualifier: q.parts, span: spanOf(item) });
        if (q.parts.length) this.out.references.push({ kind: 'column', parts: [...q.parts, '*'], partSpans: [...q.spans, spanOf(item)], scope, hasVariable: q.hasVariable });
      } else if (item instanceof P.SelectExpressionContext) {
        const expr = item.expression();
        const entry: SelectItem & { kind: 'expr' } = { kind: 'expr', span: spanOf(item) };
        const alias = item.columnAlias()?.identifier();
        if (alias) {
          entry.alias = identifierText(alias);
          entry.aliasSpan = spanOf(alias);
        }
        if (expr) {
          const exprText = textOf(expr, this.text);
          const column = simpleColumnPath(expr);
          if (column) entry.ref = qualifiedParts(column.qualifiedName()).parts;
          const cast = /^(?:TRY_)?CAST\s*\((.*)\bAS\s+([^()]+(?:\([^)]*\))?[^()]*)\)$/is.exec(exprText);
          if (cast) entry.type = cast[2]!.trim();
          else entry.type = literalType(exprText);
          this.visit(expr, scope, ctes);
        }
        scope.items.push(entry);
      }
    }
    for (const child of node.children) {
      if (child === from || child instanceof P.SelectItemContext) continue;
      this.visit(child, scope, ctes);
    }
    return scope;
  }

  private tableReferenceSources(node: P.TableReferenceContext, scope: QueryScope, ctes: CteSymbol[]): void {
    if (node instanceof P.TableReferencePrimaryContext) {
      const primary = node.tablePrimary();
      if (primary) this.tablePrimary(primary, scope, ctes);
      return;
    }
    if (node instanceof P.CrossJoinContext || node instanceof P.NaturalJoinContext || node instanceof P.JoinContext) {
      if (node._left) this.tableReferenceSources(node._left, scope, ctes);
      if (node._right) this.tablePrimary(node._right, scope, ctes);
      if (node instanceof P.JoinContext) {
        const criteria = node.joinCriteria();
        if (criteria) this.visitChildren(criteria, scope, ctes);
      }
      return;
    }
    this.visitChildren(node, scope, ctes);
  }

  private aliasOf(alias: P.TableAliasContext | null, source: SourceSymbol): void {
    const id = alias?.identifier();
    if (!alias || !id) return;
    source.alias = identifierText(id);
    source.aliasSpan = spanOf(id);
    const cols = alias.columnName();
    if (cols.length) source.aliasColumns = cols.map((c) => identifierText(c.identifier()));
  }

  private tablePrimary(node: P.TablePrimaryContext, scope: QueryScope, ctes: CteSymbol[]): void {
    if (node instanceof P.TableNameContext) {
      const q = qualifiedParts(node.tablePath()?.qualifiedName());
      const source: SourceSymbol = { kind: 'table', span: spanOf(node), path: q.parts };
      if (q.spans.length) source.pathSpan = q.spans[q.spans.length - 1]!;
      this.aliasOf(node.tableAlias(), source);
      this.tableReference(node.tablePath());
      const period = node.systemTimePeriod();
      if (period) this.visitChildren(period, scope, ctes);
      const match = node.matchRecognize();
      if (match) {
        source.matchRecognize = true;
        // Pattern variables and measures are not columns of any table: do not check names inside.
        const opaque: QueryScope = { span: spanOf(match), items: [], sources: [source], ctes, parent: scope, opaque: true };
        this.visitChildren(match, opaque, ctes);
      }
      scope.sources.push(source);
      return;
    }
    if (node instanceof P.SubqueryRelationContext) {
      const q = node.query();
      const source: SourceSymbol = { kind: 'subquery', span: spanOf(node) };
      // LATERAL subqueries see the sources to their left.
      if (q) source.query = this.query(q, hasToken(node, P.FlinkSqlParser.LATERAL) ? scope : scope.parent, ctes);
      this.aliasOf(node.tableAlias(), source);
      scope.sources.push(source);
      return;
    }
    if (node instanceof P.TableFunctionRelationContext) {
      const call = node.functionCall();
      const source: SourceSymbol = { kind: 'function', span: spanOf(node) };
      if (call) {
        const name = call.functionName()?.getText().toUpperCase() ?? '';
        const tvf: NonNullable<SourceSymbol['tvf']> = { name };
        for (const arg of call.functionArgument()) {
          const value = arg.argumentValue();
          if (value instanceof P.TableArgumentContext) {
            const q = qualifiedParts(value.tablePath()?.qualifiedName());
            tvf.input = { kind: 'table', span: spanOf(value), path: q.parts, ...(q.spans.length ? { pathSpan: q.spans[q.spans.length - 1]! } : {}) };
          } else if (value instanceof P.TableQueryArgumentContext) {
            const q = value.query();
            if (q) tvf.input = { kind: 'subquery', span: spanOf(value), query: this.query(q, scope.parent, ctes) };
          } else if (value instanceof P.DescriptorArgumentContext) {
            const col = value.columnName()[0]?.identifier();
            if (col && tvf.timeColumn === undefined) {
              tvf.timeColumn = identifierText(col);
              tvf.timeColumnSpan = spanOf(col);
            }
          } else if (value instanceof P.ModelArgumentContext) {
            tvf.model = qualifiedParts(value.modelPath()?.qualifiedName()).parts;
          }
        }
        if (tvf.input || /^(TUMBLE|HOP|CUMULATE|SESSION|ML_PREDICT|VECTOR_SEARCH)$/.test(name)) source.kind = 'tvf';
        source.tvf = tvf;
        // Arguments reference the outer scope (LATERAL TABLE(f(t.col))) and the TVF's own input.
        const argumentScope: QueryScope = { span: spanOf(call), items: [], sources: tvf.input ? [tvf.input, ...scope.sources] : [...scope.sources], ctes, parent: scope };
        this.visit(call, argumentScope, ctes);
        if (tvf.timeColumn && tvf.timeColumnSpan) {
          this.out.references.push({ kind: 'column', parts: [tvf.timeColumn], partSpans: [tvf.timeColumnSpan], scope: { ...argumentScope, sources: tvf.input ? [tvf.input] : [] }, hasVariable: false });
        }
      }
      this.aliasOf(node.tableAlias(), source);
      scope.sources.push(source);
      return;
    }
    if (node instanceof P.UnnestRelationContext) {
      const source: SourceSymbol = { kind: 'unnest', span: spanOf(node) };
      for (const e of node.expression()) this.visit(e, scope, ctes);
      this.aliasOf(node.tableAlias(), source);
      scope.sources.push(source);
      return;
    }
    if (node instanceof P.ParenthesizedRelationContext) {
      const inner = node.tableReference();
      if (inner) this.tableReferenceSources(inner, scope, ctes);
      return;
    }
    this.visitChildren(node, scope, ctes);
  }
}

function findFirst<T extends ParserRuleContext>(node: ParseTree, type: abstract new (...args: never[]) => T): T | undefined {
  if (node instanceof type) return node as T;
  if (!(node instanceof ParserRuleContext)) return undefined;
  for (const child of node.children) {
    const found = findFirst(child, type);
    if (found) return found;
  }
  return undefined;
}

/** The column path when an expression is nothing but a column reference. */
function simpleColumnPath(expr: P.ExpressionContext): P.ColumnPathContext | undefined {
  let node: ParseTree = expr;
  for (;;) {
    if (node instanceof P.ColumnPathContext) return node;
    if (!(node instanceof ParserRuleContext) || node.getChildCount() !== 1) return undefined;
    node = node.getChild(0)!;
  }
}

/** Type family of a literal select item, for INSERT checks. */
function literalType(text: string): string | undefined {
  if (/^'(?:[^']|'')*'$/.test(text)) return 'STRING';
  if (/^-?\d+$/.test(text)) return 'INT';
  if (/^-?\d+\.\d*$/.test(text)) return 'DECIMAL';
  if (/^(TRUE|FALSE)$/i.test(text)) return 'BOOLEAN';
  if (/^TIMESTAMP\s+'/i.test(text)) return 'TIMESTAMP';
  if (/^DATE\s+'/i.test(text)) return 'DATE';
  return undefined;
}
