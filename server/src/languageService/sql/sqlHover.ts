// Hover: definitions of tables, views, CTEs, aliases and columns; built-in function docs; connector
// option, SET key and data type docs.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { anyVersionFunction, describeFunction } from '../catalog/builtinFunctions';
import { describeConfigOption, lookupConfigOption, retiredConfigOption } from '../catalog/configOptions';
import { describeConnector, lookupConnector, resolveOption, describeConnectorOption } from '../catalog/connectors';
import { lookupDataType } from '../catalog/dataTypes';
import type { SqlFileContext } from '../languageFeatures';
import { kindLabel } from './sqlCompletion';
import type { RelationEntry, ResolvedColumn, ScriptModel, ScriptStatement } from './scriptModel';
import type { OptionSymbol, Span } from './statementSymbols';
import { occurrenceAt } from './symbolOccurrences';

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

function columnTable(columns: readonly ResolvedColumn[]): string {
  if (!columns.length) return '_no columns_';
  const rows = columns.slice(0, 60).map((c) => `| \`${c.name}\` | ${c.type ? `\`${c.type.replace(/\|/g, '\\|')}\`` : ''} | ${c.timeAttribute ?? c.symbol?.kind ?? ''} |`);
  const more = columns.length > 60 ? `\n\n…and ${columns.length - 60} more` : '';
  return ['| column | type | |', '|---|---|---|', ...rows].join('\n') + more;
}

function describeRelation(model: ScriptModel, entry: RelationEntry): string {
  const s = entry.symbol;
  const connector = s.options.find((o) => o.key === 'connector')?.value;
  const head = `**${s.temporary ? 'temporary ' : ''}${kindLabel(s.kind)}** \`${entry.fullPath.join('.')}\`${connector ? ` · connector \`${connector}\`` : ''}`;
  const parts = [head];
  if (s.comment) parts.push(s.comment);
  const columns = model.relationColumns(entry);
  if (columns) parts.push(columnTable(columns));
  if (s.primaryKey.length) parts.push(`Primary key: ${s.primaryKey.map((c) => `\`${c}\``).join(', ')}`);
  if (s.watermarks.length) parts.push(`Watermark on ${s.watermarks.map((w) => `\`${w.column}\``).join(', ')}`);
  const shown = s.options.filter((o) => o.key !== 'connector' && !/password|secret|token|credential/i.test(o.key)).slice(0, 8);
  if (shown.length) parts.push(shown.map((o) => `- \`${o.key}\` = \`${o.value}\``).join('\n'));
  return parts.join('\n\n');
}

function markdown(value: string, document: TextDocument, start: number, end: number): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: document.positionAt(start), end: document.positionAt(end) } };
}

export function sqlHover(model: ScriptModel, document: TextDocument, offset: number, context: SqlFileContext): Hover | null {
  const at = occurrenceAt(model, offset);
  if (at) {
    const t = at.target;
    let value: string | undefined;
    if (t.kind === 'relation') value = describeRelation(model, t.entry);
    else if (t.kind === 'column') {
      const c = t.column;
      const rowtime = t.entry.symbol.watermarks.some((w) => w.column === c.name);
      value = [
        `**column** \`${c.name}\`${c.type ? ` \`${c.type}\`` : ''}`,
        `${c.kind}${c.metadataKey ? ` (metadata \`${c.metadataKey}\`${c.virtual ? ', virtual' : ''})` : ''} column of ${kindLabel(t.entry.symbol.kind)} \`${t.entry.fullPath[2]}\`${rowtime ? ' · event-time attribute (watermark)' : c.proctime ? ' · processing-time attribute' : ''}`,
        ...(c.comment ? [c.comment] : []),
      ].join('\n\n');
    } else if (t.kind === 'cte') {
      const columns = model.cteColumns(t.cte, t.statement);
      value = `**CTE** \`${t.cte.name}\`\n\n${columns ? columnTable(columns) : ''}`;
    } else if (t.kind === 'alias') {
      const source = t.source;
      const scope = t.statement.analysis.symbols.scopes.find((s) => s.sources.includes(source));
      const columns = scope ? model.sourceColumns(source, scope, t.statement) : undefined;
      value = `**alias** \`${source.alias}\`${source.path ? ` of \`${source.path.join('.')}\`` : source.tvf ? ` of ${source.tvf.name}(…)` : ''}${columns ? `\n\n${columnTable(columns)}` : ''}`;
    } else if (t.kind === 'function') {
      const def = model.lookupNamed('function', t.name, true);
      value = `**function** \`${t.name}\`${def?.symbol.className ? ` · \`${def.symbol.className}\`` : ''}`;
    } else if (t.kind === 'catalog') {
      const def = model.lookupNamed('catalog', t.name);
      const type = def?.symbol.options.find((o) => o.key === 'type')?.value;
      value = `**catalog** \`${t.name}\`${type ? ` · type \`${type}\`` : ''}`;
    } else if (t.kind === 'derivedColumn') {
      value = `**column** \`${t.column.name}\`${t.column.type ? ` \`${t.column.type}\`` : ''}${t.column.origin ? ` · from \`${t.column.origin}\`` : ''}`;
    }
    if (value) return markdown(value, document, at.start, at.end);
  }
  const statement = model.statementAt(offset);
  if (!statement) return null;
  return statementHover(model, statement, document, offset - statement.split.start, context);
}

function statementHover(model: ScriptModel, statement: ScriptStatement, document: TextDocument, relative: number, context: SqlFileContext): Hover | null {
  const symbols = statement.analysis.symbols;
  const base = statement.split.start;
  const hover = (value: string, span: Span) => markdown(value, document, base + span.start, base + span.end);

  // Connector options in WITH (…) and ALTER TABLE … SET (…).
  const optionLists: Array<{ options: OptionSymbol[]; all: OptionSymbol[] }> = symbols.relations.map((r) => ({ options: r.options, all: r.options }));
  if (symbols.alterOptions) {
    const target = model.lookupRelation(symbols.alterOptions.table, statement);
    optionLists.push({ options: symbols.alterOptions.options, all: [...(target?.symbol.options ?? []), ...symbols.alterOptions.options] });
  }
  for (const { options, all } of optionLists) {
    const written = new Map(all.map((o) => [o.key, o.value] as const));
    for (const option of options) {
      if (contains(option.keySpan, relative)) {
        const resolved = resolveOption(written, option.key);
        if (resolved) return hover(describeConnectorOption(resolved), option.keySpan);
      }
      if (option.key === 'connector' && contains(option.valueSpan, relative)) {
        const connector = lookupConnector(option.value);
        if (connector) return hover(describeConnector(connector), option.valueSpan);
      }
    }
  }

  // SET / RESET keys.
  const key = symbols.set?.key ?? (symbols.set?.keyOnly ? { key: symbols.set.keyOnly.key, keySpan: symbols.set.keyOnly.span } : undefined);
  if (key && contains(key.keySpan, relative)) {
    const option = lookupConfigOption(context.flinkVersion, key.key);
    if (option) return hover(describeConfigOption(option, context.flinkVersion), key.keySpan);
    const retired = retiredConfigOption(context.flinkVersion, key.key);
    if (retired) return hover(`\`${key.key}\` ${retired.deprecatedOnly ? 'is deprecated' : `was removed in Flink ${retired.removedIn}`}${retired.replacement ? `: use \`${retired.replacement}\`` : ''}.${retired.note ? ` ${retired.note}` : ''}`, key.keySpan);
  }

  // Built-in functions.
  for (const ref of symbols.references) {
    if (ref.kind !== 'function') continue;
    const span = ref.partSpans[ref.partSpans.length - 1]!;
    if (!contains(span, relative)) continue;
    const fn = anyVersionFunction(ref.parts[ref.parts.length - 1]!);
    if (fn) return hover(describeFunction(fn), span);
  }

  // Data type keywords, niladic functions and `${var}` placeholders under the caret.
  const token = statement.analysis.parsed.tokens.getTokens().find((t) => t.start <= relative && relative <= t.stop + 1 && t.channel === 0);
  const variable = /\$\{([^}\r\n]*)\}/g;
  for (const match of statement.split.text.matchAll(variable)) {
    const span = { start: match.index!, end: match.index! + match[0].length };
    if (!contains(span, relative)) continue;
    const name = match[1]!;
    const known = Object.prototype.hasOwnProperty.call(context.variables, name);
    const source = context.jobFileUri ? `the job file ${context.jobFileUri}` : 'no job file (substituted at submission)';
    return hover(known ? `\`\${${name}}\` = \`${context.variables[name]}\`\n\nFrom ${source}` : `\`\${${name}}\` is not defined by ${source}`, span);
  }
  if (token) {
    const word = (token.text ?? '').toUpperCase();
    const span = { start: token.start, end: token.stop + 1 };
    const fn = anyVersionFunction(word);
    if (fn?.niladic || (fn && /^(TUMBLE|HOP|CUMULATE|SESSION|CAST|TRY_CAST|EXTRACT|POSITION|SUBSTRING|TRIM|OVERLAY|JSON_\w+)$/.test(word))) return hover(describeFunction(fn), span);
    const type = lookupDataType(word);
    if (type) return hover(`**${type.syntax}**${type.since !== '1.20' ? ` · since Flink ${type.since}` : ''}\n\n${type.description}`, span);
  }
  return null;
}
