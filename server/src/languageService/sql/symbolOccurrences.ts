// Every place a script-defined name occurs (definitions and uses), keyed by what it denotes, so go to
// definition, references, rename and hover agree on one answer. Built once per script model.
import { findCte, sourceName, type RelationEntry, type ResolvedColumn, type ScriptModel, type ScriptStatement } from './scriptModel';
import type { ColumnSymbol, CteSymbol, QueryScope, SourceSymbol, Span } from './statementSymbols';

export type OccurrenceTarget =
  | { kind: 'relation'; entry: RelationEntry }
  | { kind: 'column'; entry: RelationEntry; column: ColumnSymbol }
  | { kind: 'cte'; cte: CteSymbol; statement: ScriptStatement }
  | { kind: 'alias'; source: SourceSymbol; statement: ScriptStatement }
  | { kind: 'function'; name: string }
  | { kind: 'catalog'; name: string }
  | { kind: 'derivedColumn'; column: ResolvedColumn };

export interface Occurrence {
  /** Identity of the target: equal keys denote the same thing. */
  key: string;
  /** Absolute document offsets. */
  start: number;
  end: number;
  definition: boolean;
  target: OccurrenceTarget;
}

const cache = new WeakMap<ScriptModel, Occurrence[]>();

export function symbolOccurrences(model: ScriptModel): Occurrence[] {
  let found = cache.get(model);
  if (!found) {
    found = collect(model);
    found.sort((a, b) => a.start - b.start);
    cache.set(model, found);
  }
  return found;
}

/** The occurrence under an offset (the caret may touch either end of the name). */
export function occurrenceAt(model: ScriptModel, offset: number): Occurrence | undefined {
  const all = symbolOccurrences(model);
  let lo = 0;
  let hi = all.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = all[mid]!;
    if (offset < o.start) hi = mid - 1;
    else if (offset > o.end) lo = mid + 1;
    else return o;
  }
  return undefined;
}

function relationKey(entry: RelationEntry): string {
  return `relation:${entry.fullPath.join('.')}`;
}

function collect(model: ScriptModel): Occurrence[] {
  const out: Occurrence[] = [];
  const columnOwner = new Map<ColumnSymbol, RelationEntry>();
  for (const entry of model.relations) for (const c of entry.symbol.columns) columnOwner.set(c, entry);
  // The definition a name resolves to is the first one (later CREATE OR REPLACE redefine the same key).
  for (const statement of model.statements) {
    try {
      collectStatement(model, statement, columnOwner, out);
    } catch {
      // Partial results for broken statements.
    }
  }
  return out;
}

function collectStatement(model: ScriptModel, statement: ScriptStatement, columnOwner: Map<ColumnSymbol, RelationEntry>, out: Occurrence[]): void {
  const base = statement.split.start;
  const push = (span: Span, key: string, definition: boolean, target: OccurrenceTarget) => {
    out.push({ key, start: base + span.start, end: base + span.end, definition, target });
  };
  const symbols = statement.analysis.symbols;

  for (const relation of symbols.relations) {
    const entry = model.relations.find((e) => e.symbol === relation);
    if (!entry) continue;
    push(relation.nameSpan, relationKey(entry), true, { kind: 'relation', entry });
    for (const column of relation.columns) push(column.span, `column:${entry.fullPath.join('.')}.${column.name}`, true, { kind: 'column', entry, column });
  }
  for (const named of symbols.named) {
    const name = named.path[named.path.length - 1]!;
    if (named.kind === 'function') push(named.nameSpan, `function:${name.toLowerCase()}`, true, { kind: 'function', name });
    if (named.kind === 'catalog') push(named.nameSpan, `catalog:${name}`, true, { kind: 'catalog', name });
  }
  for (const cte of symbols.ctes) push(cte.nameSpan, cteKey(statement, cte), true, { kind: 'cte', cte, statement });

  // Sources: CTE uses and alias definitions.
  const cteUseStarts = new Set<number>();
  for (const scope of symbols.scopes) {
    for (const source of allSources(scope)) {
      if (source.kind === 'table' && source.path?.length === 1 && source.pathSpan) {
        const cte = findCte(scope, source.path[0]!);
        if (cte) {
          push(source.pathSpan, cteKey(statement, cte), false, { kind: 'cte', cte, statement });
          cteUseStarts.add(source.pathSpan.start);
        }
      }
      if (source.alias && source.aliasSpan) push(source.aliasSpan, aliasKey(statement, source), true, { kind: 'alias', source, statement });
    }
  }

  for (const ref of symbols.references) {
    if (ref.hasVariable) continue;
    if (ref.kind === 'table') {
      const last = ref.partSpans[ref.partSpans.length - 1]!;
      if (cteUseStarts.has(last.start)) continue;
      const entry = model.lookupRelation(ref.parts, statement);
      if (entry) push(last, relationKey(entry), false, { kind: 'relation', entry });
      if (ref.parts.length === 3) {
        const catalog = model.lookupNamed('catalog', ref.parts[0]!);
        if (catalog) push(ref.partSpans[0]!, `catalog:${ref.parts[0]}`, false, { kind: 'catalog', name: ref.parts[0]! });
      }
    } else if (ref.kind === 'catalog') {
      if (model.lookupNamed('catalog', ref.parts[0]!)) push(ref.partSpans[0]!, `catalog:${ref.parts[0]}`, false, { kind: 'catalog', name: ref.parts[0]! });
    } else if (ref.kind === 'function') {
      const name = ref.parts[ref.parts.length - 1]!;
      if (model.lookupNamed('function', name, true)) push(ref.partSpans[ref.partSpans.length - 1]!, `function:${name.toLowerCase()}`, false, { kind: 'function', name });
    } else if (ref.kind === 'column') {
      if (ref.parts[ref.parts.length - 1] === '*') {
        const alias = aliasSource(ref.scope, ref.parts[0]!);
        if (alias) push(ref.partSpans[0]!, aliasKey(statement, alias), false, { kind: 'alias', source: alias, statement });
        continue;
      }
      let columnPartIndex = 0;
      if (ref.parts.length >= 2) {
        const alias = aliasSource(ref.scope, ref.parts[0]!);
        if (alias) {
          columnPartIndex = 1;
          if (alias.alias) push(ref.partSpans[0]!, aliasKey(statement, alias), false, { kind: 'alias', source: alias, statement });
          else if (alias.path && alias.kind === 'table') {
            const entry = model.lookupRelation(alias.path, statement);
            if (entry) push(ref.partSpans[0]!, relationKey(entry), false, { kind: 'relation', entry });
          }
        }
      }
      const resolved = model.resolveColumn(ref.parts.slice(columnPartIndex === 1 ? 0 : 0), ref.scope, statement);
      const span = ref.partSpans[columnPartIndex]!;
      if (resolved?.symbol) {
        const owner = columnOwner.get(resolved.symbol);
        if (owner) {
          push(span, `column:${owner.fullPath.join('.')}.${resolved.name}`, false, { kind: 'column', entry: owner, column: resolved.symbol });
          continue;
        }
      }
      if (resolved) push(span, `derived:${statement.index}:${span.start}`, false, { kind: 'derivedColumn', column: resolved });
    }
  }
}

function cteKey(statement: ScriptStatement, cte: CteSymbol): string {
  return `cte:${statement.index}:${cte.nameSpan.start}`;
}

function aliasKey(statement: ScriptStatement, source: SourceSymbol): string {
  return `alias:${statement.index}:${source.aliasSpan?.start ?? source.span.start}`;
}

function aliasSource(scope: QueryScope | undefined, name: string): SourceSymbol | undefined {
  for (let s = scope; s; s = s.parent) {
    const source = s.sources.find((x) => sourceName(x) === name);
    if (source) return source;
  }
  return undefined;
}

function allSources(scope: QueryScope): SourceSymbol[] {
  const out: SourceSymbol[] = [];
  for (const source of scope.sources) {
    out.push(source);
    if (source.tvf?.input) out.push(source.tvf.input);
  }
  return out;
}
