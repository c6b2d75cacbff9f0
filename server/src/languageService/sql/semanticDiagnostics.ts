// Semantic findings over the script model. They are Warnings (a table may live in an external
// catalog, a function may come from a module or JAR the script does not show), each with a stable
// `code` and `source: "flinksql"`.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SQL_DIAGNOSTIC_SOURCE, SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';
import { anyVersionFunction, builtinFunctions } from '../catalog/builtinFunctions';
import { closestMatch } from '../catalog/closestMatch';
import { configOptionKeys, lookupConfigOption, optionValueChoices, retiredConfigOption } from '../catalog/configOptions';
import { availableOptions, lookupConnector, lookupFormat, optionKeyMatches, resolveOption } from '../catalog/connectors';
import { isImplicitlyAssignable, typeFamily } from '../catalog/dataTypes';
import { isAtLeast } from '../catalog/flinkVersions';
import type { SqlFileContext } from '../languageFeatures';
import { FlinkSqlParser } from './generated/FlinkSqlParser';
import { findCte, type RelationEntry, type ResolvedColumn, type ScriptModel, type ScriptStatement } from './scriptModel';
import type { InsertSymbol, OptionSymbol, QueryScope, RelationSymbol, Span, StatementSymbols } from './statementSymbols';

/** Stable codes of the semantic findings. */
export const SEMANTIC_CODES = {
  unknownTable: 'unknown-table',
  unknownColumn: 'unknown-column',
  unknownFunction: 'unknown-function',
  functionNeedsVersion: 'function-needs-version',
  unknownConnector: 'unknown-connector',
  unknownConnectorOption: 'unknown-connector-option',
  invalidOptionValue: 'invalid-option-value',
  missingRequiredOption: 'missing-required-option',
  deprecatedConnectorOption: 'deprecated-connector-option',
  duplicateOption: 'duplicate-option',
  unknownSetKey: 'unknown-set-key',
  removedSetKey: 'removed-set-key',
  invalidSetValue: 'invalid-set-value',
  duplicateColumn: 'duplicate-column',
  insertColumnCount: 'insert-column-count',
  insertColumnType: 'insert-column-type',
  windowWithoutWatermark: 'window-without-watermark',
  undefinedVariable: 'undefined-variable',
} as const;

const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

/** A finding relative to its statement (cacheable by statement text and script definitions). */
export interface SemanticFinding {
  span: Span;
  code: string;
  message: string;
  data?: unknown;
}

// Findings per statement analysis (shared by text), per "definitions + context" key: an edit that
// does not touch a definition re-checks only the edited statement.
const findingCache = new WeakMap<object, { key: string; findings: SemanticFinding[] }>();
const definitionsKeys = new WeakMap<ScriptModel, string>();
const internedKeys = new Map<string, number>();

const signatures = new WeakMap<StatementSymbols, string>();

/**
 * What other statements can see of a statement's definitions: names, columns, watermarks, query
 * shapes, catalogs, modules. Editing a WHERE clause or an option value of a table does not change it,
 * so the other statements keep their cached findings.
 */
function definitionSignature(symbols: StatementSymbols): string {
  let signature = signatures.get(symbols);
  if (signature === undefined) {
    const shape = (q: QueryScope | undefined): unknown =>
      q && { i: q.items.map((i) => (i.kind === 'expr' ? [i.alias, i.ref, i.type] : i.kind === 'allOf' ? i.qualifier : '*')), s: q.sources.map((x) => [x.kind, x.path, x.alias, x.aliasColumns, x.tvf?.name, x.tvf?.input?.path, x.tvf?.timeColumn, x.tvf?.model]), o: q.opaque, v: q.valuesArity };
    signature = JSON.stringify([
      symbols.relations.map((r) => [r.kind, r.path, r.columns.map((c) => [c.name, c.kind, c.type, c.virtual, c.proctime]), r.watermarks.map((w) => w.column), r.likeSource, r.explicitColumnNames, shape(r.query), r.modelOutput?.map((c) => [c.name, c.type]), r.options.find((o) => o.key === 'connector')?.value]),
      symbols.named.map((n) => [n.kind, n.path, n.kind === 'catalog' ? n.options.find((o) => o.key === 'type')?.value : undefined]),
      symbols.use,
      symbols.loadedModules,
    ]);
    signatures.set(symbols, signature);
  }
  return signature;
}

let nextKeyId = 1;

/** A short id for a long key string (ids are never reused, so stale entries can never match). */
function intern(key: string): string {
  let id = internedKeys.get(key);
  if (id === undefined) {
    if (internedKeys.size > 50_000) internedKeys.clear();
    id = nextKeyId++;
    internedKeys.set(key, id);
  }
  return String(id);
}

/**
 * What every statement may depend on beyond the tables it names: which relations exist (for
 * did-you-mean), catalogs and their types, script functions, USE, loaded modules.
 */
function globalKey(model: ScriptModel): string {
  let key = definitionsKeys.get(model);
  if (key === undefined) {
    const parts: string[] = [model.relations.map((r) => r.fullPath.join('.')).join(',')];
    for (const s of model.statements) {
      const sym = s.analysis.symbols;
      if (sym.named.length || sym.use || sym.loadedModules.length) {
        parts.push(JSON.stringify([sym.named.map((n) => [n.kind, n.path, n.kind === 'catalog' ? n.options.find((o) => o.key === 'type')?.value : undefined]), sym.use, sym.loadedModules]));
      }
    }
    key = intern(parts.join('\u0000'));
    definitionsKeys.set(model, key);
  }
  return key;
}

const relationSignatures = new WeakMap<ScriptModel, Map<RelationEntry, string>>();

/** Signature of a relation including (transitively) the relations its query or LIKE reads. */
function relationSignature(model: ScriptModel, entry: RelationEntry, depth = 0): string {
  let memo = relationSignatures.get(model);
  if (!memo) {
    memo = new Map();
    relationSignatures.set(model, memo);
  }
  const known = memo.get(entry);
  if (known !== undefined) return known;
  memo.set(entry, 'cycle');
  let signature = `${entry.fullPath.join('.')}@${definitionSignature(entry.statement.analysis.symbols)}`;
  if ((entry.symbol.query || entry.symbol.likeSource) && depth < 8) {
    signature += `<${dependencySignature(model, entry.statement, depth + 1)}>`;
  }
  const id = intern(signature);
  memo.set(entry, id);
  return id;
}

/** Signatures of every relation a statement names (resolved as the statement sees them). */
function dependencySignature(model: ScriptModel, statement: ScriptStatement, depth = 0): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const ref of statement.analysis.symbols.references) {
    if (ref.kind !== 'table' && ref.kind !== 'model') continue;
    const path = ref.parts.join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = ref.kind === 'model' ? model.lookupModel(ref.parts, statement) : model.lookupRelation(ref.parts, statement);
    parts.push(entry ? relationSignature(model, entry, depth) : `?${path}`);
  }
  return parts.join('|');
}

export function semanticDiagnostics(model: ScriptModel, document: TextDocument, context: SqlFileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const functions = builtinFunctions(context.flinkVersion);
  const contextKey = `${globalKey(model)}|${context.flinkVersion}|${context.jobFileUri ?? ''}|${JSON.stringify(context.variables)}`;
  for (const statement of model.statements) {
    // A statement is checked again only when something it can see changed: the context, the set of
    // names, or (transitively) a relation it reads.
    const key = `${contextKey}|${statement.catalog}|${statement.database}|${dependencySignature(model, statement)}`;
    const cached = findingCache.get(statement.analysis);
    let findings: SemanticFinding[];
    if (cached && cached.key === key) findings = cached.findings;
    else {
      findings = [];
      // Statements with syntax errors get partial trees: only check what was parsed cleanly.
      try {
        checkStatement(model, statement, context, functions, findings);
      } catch {
        // A checker bug must never hide the other findings.
      }
      findingCache.set(statement.analysis, { key, findings });
    }
    const base = statement.split.start;
    for (const f of findings) {
      const d: Diagnostic = {
        range: { start: document.positionAt(base + f.span.start), end: document.positionAt(base + Math.max(f.span.end, f.span.start + 1)) },
        severity: DiagnosticSeverity.Warning,
        source: SQL_DIAGNOSTIC_SOURCE,
        code: f.code,
        message: f.message,
      };
      if (f.data !== undefined) d.data = f.data;
      out.push(d);
    }
  }
  return out;
}

function checkStatement(
  model: ScriptModel,
  statement: ScriptStatement,
  context: SqlFileContext,
  functions: ReturnType<typeof builtinFunctions>,
  out: SemanticFinding[],
): void {
  const symbols = statement.analysis.symbols;
  const hasErrors = statement.analysis.parsed.errors.length > 0;
  const warn = (span: Span, code: string, message: string, data?: unknown) => {
    out.push(data === undefined ? { span, code, message } : { span, code, message, data });
  };

  // ---- definitions: duplicate columns, connector options
  for (const relation of symbols.relations) {
    const seen = new Map<string, Span>();
    for (const column of relation.columns) {
      if (seen.has(column.name)) warn(column.span, SEMANTIC_CODES.duplicateColumn, `Column '${column.name}' is defined twice in ${relation.path.join('.')}.`);
      else seen.set(column.name, column.span);
    }
    if (relation.kind === 'table' || relation.kind === 'materializedTable') checkConnectorOptions(relation, model, statement, warn);
  }
  if (symbols.alterOptions) {
    const target = model.lookupRelation(symbols.alterOptions.table, statement);
    if (target) {
      const merged: RelationSymbol = { ...target.symbol, options: [...target.symbol.options.filter((o) => !symbols.alterOptions!.options.some((n) => n.key === o.key)), ...symbols.alterOptions.options] };
      checkConnectorOptions(merged, model, statement, warn, symbols.alterOptions.options);
    }
  }

  // ---- dynamic table options in hints: FROM t /*+ OPTIONS('k' = 'v') */
  checkHintOptions(model, statement, warn);

  // ---- SET / RESET keys against the version's option catalog
  const setKey = symbols.set?.key ?? (symbols.set?.keyOnly ? { key: symbols.set.keyOnly.key, keySpan: symbols.set.keyOnly.span, value: '', valueSpan: symbols.set.keyOnly.span, hasVariable: false } : undefined);
  if (setKey && !setKey.hasVariable && setKey.key) checkSetKey(setKey, context.flinkVersion, !symbols.set?.reset, warn);

  // ---- references
  for (const ref of symbols.references) {
    if (ref.hasVariable) continue;
    if (ref.kind === 'table') {
      const [first] = ref.parts;
      const scopeCte = ref.parts.length === 1 && statementHasCte(statement, first!);
      if (scopeCte) continue;
      if (model.lookupRelation(ref.parts, statement)) continue;
      if (model.isExternalName(ref.parts, statement)) continue;
      // Being defined by this very statement (CREATE TABLE … LIKE itself is an error Flink reports).
      const span = ref.partSpans[ref.partSpans.length - 1]!;
      const name = ref.parts.join('.');
      const other = model.lookupRelation(ref.parts, statement, true);
      const candidates = model.relations.map((r) => r.symbol.path.join('.'));
      const suggestion = other ? other.symbol.path.join('.') : closestMatch(name, candidates);
      warn(
        { start: ref.partSpans[0]!.start, end: span.end },
        SEMANTIC_CODES.unknownTable,
        `Table or view '${name}' is not defined in this script${suggestion ? `; did you mean '${suggestion}'?` : ''}${other ? ' (Flink names are case-sensitive)' : ' (it may exist in a catalog: ignore if so)'}.`,
        suggestion ? { suggestion } : undefined,
      );
    } else if (ref.kind === 'column' && !hasErrors) {
      if (ref.parts[ref.parts.length - 1] === '*') continue;
      const resolved = model.resolveColumn(ref.parts, ref.scope, statement);
      if (resolved !== null) continue;
      // `alias.col`: point at the column part when the first part is a known source.
      const qualified = ref.parts.length >= 2 && ref.scope && ref.scope.sources.some((s) => (s.alias ?? s.path?.[s.path.length - 1]) === ref.parts[0]);
      const name = qualified ? ref.parts[1]! : ref.parts[0]!;
      const span = qualified ? ref.partSpans[1]! : ref.partSpans[0]!;
      const visible = model.visibleColumns(ref.scope, statement)
        .filter((v) => !qualified || v.qualifier === ref.parts[0])
        .map((v) => v.column.name);
      const suggestion = closestMatch(name, visible);
      warn(span, SEMANTIC_CODES.unknownColumn, `Column '${name}' is not found in ${qualified ? `'${ref.parts[0]}'` : 'the tables in scope'}${suggestion ? `; did you mean '${suggestion}'?` : '.'}`, suggestion ? { suggestion } : undefined);
    } else if (ref.kind === 'function') {
      if (ref.parts.length > 1) continue;
      const name = ref.parts[0]!;
      const upper = name.toUpperCase();
      if (functions.has(upper)) continue;
      if (model.lookupNamed('function', name, true)) continue;
      // Hive and other modules bring their own functions.
      if ([...model.loadedModules].some((m) => m !== 'core')) continue;
      const span = ref.partSpans[0]!;
      const newer = anyVersionFunction(upper);
      if (newer && !isAtLeast(context.flinkVersion, newer.since)) {
        warn(span, SEMANTIC_CODES.functionNeedsVersion, `${upper} needs Flink ${newer.since} (this script is checked against Flink ${context.flinkVersion}).`);
        continue;
      }
      const suggestion = closestMatch(upper, functions.keys());
      warn(span, SEMANTIC_CODES.unknownFunction, `Function '${name}' is neither built in nor created in this script${suggestion ? `; did you mean ${suggestion}?` : ''} (ignore if it is registered in a catalog).`, suggestion ? { suggestion } : undefined);
    }
  }

  // ---- window TVF over a column without watermark
  if (!hasErrors) {
    for (const scope of symbols.scopes) {
      for (const source of scope.sources) {
        const tvf = source.tvf;
        if (!tvf || !WINDOW_TVFS.has(tvf.name) || !tvf.input || !tvf.timeColumn || !tvf.timeColumnSpan) continue;
        const inputColumns = model.sourceColumns(tvf.input, scope, statement);
        const column = inputColumns?.find((c) => c.name === tvf.timeColumn);
        if (!column || column.timeAttribute) continue;
        // Only report when the column's table is known to declare no time attribute on it.
        if (!column.symbol) continue;
        warn(tvf.timeColumnSpan, SEMANTIC_CODES.windowWithoutWatermark,
          `${tvf.name} needs a time attribute, but '${tvf.timeColumn}' has no WATERMARK (declare \`WATERMARK FOR ${tvf.timeColumn} AS ${tvf.timeColumn} - INTERVAL '5' SECOND\`) and is not PROCTIME().`);
      }
    }
  }

  // ---- INSERT column count and types
  if (!hasErrors) for (const insert of symbols.inserts) checkInsert(model, statement, insert, warn);

  // ---- ${var} placeholders not defined by the job file
  if (context.jobFileUri) {
    const text = statement.split.text;
    for (const match of text.matchAll(/(?<!\$)\$\{([^}\r\n]*)\}/g)) {
      const name = match[1]!;
      if (Object.prototype.hasOwnProperty.call(context.variables, name)) continue;
      if (isInComment(text, match.index!)) continue;
      warn({ start: match.index!, end: match.index! + match[0].length }, SEMANTIC_CODES.undefinedVariable, `Variable '${name}' is not defined by the job file that runs this script.`);
    }
  }
}

function isInComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset) + 1;
  return text.slice(lineStart, offset).includes('--');
}

function statementHasCte(statement: ScriptStatement, name: string): boolean {
  return statement.analysis.symbols.ctes.some((c) => c.name === name) || statement.analysis.symbols.scopes.some((s) => findCte(s, name) !== undefined);
}

type Warn = (span: Span, code: string, message: string, data?: unknown) => void;

function checkConnectorOptions(relation: RelationSymbol, model: ScriptModel, statement: ScriptStatement, warn: Warn, onlyThese?: OptionSymbol[]): void {
  const written = new Map(relation.options.map((o) => [o.key, o.value] as const));
  const connectorOption = relation.options.find((o) => o.key === 'connector');
  const toCheck = onlyThese ?? relation.options;
  const seen = new Set<string>();
  for (const option of toCheck) {
    if (seen.has(option.key)) warn(option.keySpan, SEMANTIC_CODES.duplicateOption, `Option '${option.key}' is set twice.`);
    seen.add(option.key);
  }
  if (!connectorOption || connectorOption.hasVariable) return;
  const connector = lookupConnector(connectorOption.value);
  if (!connector) {
    if (!onlyThese) {
      const suggestion = closestMatch(connectorOption.value, ['kafka', 'upsert-kafka', 'datagen', 'filesystem', 'jdbc', 'print', 'blackhole', 'elasticsearch-7', 'hbase-2.2', 'mysql-cdc']);
      // Unknown connectors are common (custom, newer, CDC variants): only speak up for a near miss.
      if (suggestion && suggestion !== connectorOption.value) {
        warn(connectorOption.valueSpan, SEMANTIC_CODES.unknownConnector, `Unknown connector '${connectorOption.value}'; did you mean '${suggestion}'?`, { suggestion });
      }
    }
    return;
  }
  const available = availableOptions(written);
  const knownFormats = (value: string | undefined) => value === undefined || lookupFormat(value) !== undefined;
  for (const option of toCheck) {
    if (option.hasVariable) continue;
    const resolved = resolveOption(written, option.key);
    if (!resolved) {
      // Options of formats we do not describe (protobuf variants, custom formats) are not checked.
      const formatPrefix = option.key.split('.')[option.key.startsWith('key.') || option.key.startsWith('value.') ? 1 : 0];
      const formatNames = [written.get('format'), written.get('key.format'), written.get('value.format')];
      if (formatNames.some((f) => f && !knownFormats(f) && formatPrefix === f)) continue;
      const suggestion = closestMatch(option.key, available.filter((a) => !a.key.includes('#') && !a.key.endsWith('*')).map((a) => a.key));
      warn(option.keySpan, SEMANTIC_CODES.unknownConnectorOption,
        `Unknown option '${option.key}' for the ${connector.name} connector${suggestion ? `; did you mean '${suggestion}'?` : '.'}`, suggestion ? { suggestion } : undefined);
      continue;
    }
    const def = resolved.option;
    if (def.deprecated) warn(option.keySpan, SEMANTIC_CODES.deprecatedConnectorOption, `'${option.key}' is deprecated; use '${def.deprecated}'.`, { replacement: def.deprecated });
    if (def.type === 'Enum' && def.values && !def.values.some((v) => v.toLowerCase() === option.value.toLowerCase())) {
      warn(option.valueSpan, SEMANTIC_CODES.invalidOptionValue, `'${option.value}' is not a valid value of '${option.key}'; expected one of ${def.values.join(', ')}.`);
    } else if (def.type === 'Boolean' && !/^(true|false)$/i.test(option.value)) {
      warn(option.valueSpan, SEMANTIC_CODES.invalidOptionValue, `'${option.key}' expects true or false.`);
    } else if ((def.type === 'Integer' || def.type === 'Long') && !/^-?\d+$/.test(option.value.trim())) {
      warn(option.valueSpan, SEMANTIC_CODES.invalidOptionValue, `'${option.key}' expects a whole number.`);
    }
  }
  if (!onlyThese && !relation.likeSource && !relation.query) {
    for (const option of connector.options) {
      if (!option.required || option.key.includes('#') || option.key.endsWith('*')) continue;
      if (written.has(option.key)) continue;
      if (option.key === 'format' && written.has('value.format')) continue;
      warn(connectorOption.valueSpan, SEMANTIC_CODES.missingRequiredOption, `The ${connector.name} connector needs option '${option.key}'.`);
    }
    if (connector.name === 'kafka' && !written.has('format') && !written.has('value.format')) {
      warn(connectorOption.valueSpan, SEMANTIC_CODES.missingRequiredOption, "The kafka connector needs 'format' or 'value.format'.");
    }
    if (connector.name === 'kafka' && !written.has('topic') && !written.has('topic-pattern')) {
      warn(connectorOption.valueSpan, SEMANTIC_CODES.missingRequiredOption, "The kafka connector needs 'topic' or 'topic-pattern'.");
    }
  }
  void model;
  void statement;
  void optionKeyMatches;
}

let namespaces: Set<string> | undefined;

/** First segments of every Flink option key of every supported version (`table`, `execution`, …). */
function flinkNamespaces(): Set<string> {
  if (!namespaces) {
    namespaces = new Set();
    for (const version of SUPPORTED_FLINK_VERSIONS) {
      for (const key of configOptionKeys(version)) if (key.includes('.')) namespaces.add(key.split('.')[0]!);
    }
    namespaces.add('state');
  }
  return namespaces;
}

function checkHintOptions(model: ScriptModel, statement: ScriptStatement, warn: Warn): void {
  const all = statement.analysis.parsed.tokens.getTokens();
  for (let i = 0; i < all.length; i++) {
    const token = all[i]!;
    if (token.type !== FlinkSqlParser.HINT_COMMENT) continue;
    const text = token.text ?? '';
    const options = /OPTIONS\s*\(([^)]*)\)/i.exec(text);
    if (!options) continue;
    // The hinted table: the qualified name right before the hint.
    const parts: string[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const t = all[j]!;
      if (t.channel !== 0) continue;
      if (t.type === FlinkSqlParser.DOT) continue;
      if (t.type !== FlinkSqlParser.IDENTIFIER && t.type !== FlinkSqlParser.BACKQUOTED_IDENTIFIER) break;
      parts.unshift((t.text ?? '').replace(/^`|`$/g, ''));
      const previous = all.slice(0, j).reverse().find((x) => x.channel === 0);
      if (previous?.type !== FlinkSqlParser.DOT) break;
    }
    const entry = parts.length ? model.lookupRelation(parts, statement) : undefined;
    const connector = entry?.symbol.options.find((o) => o.key === 'connector')?.value;
    if (!entry || !connector || !lookupConnector(connector)) continue;
    const written = new Map(entry.symbol.options.map((o) => [o.key, o.value] as const));
    const available = availableOptions(written).filter((a) => !a.key.includes('#') && !a.key.endsWith('*')).map((a) => a.key);
    const bodyStart = token.start + options.index + options[0].indexOf('(') + 1;
    for (const pair of options[1]!.matchAll(/'((?:[^']|'')*)'\s*=/g)) {
      const key = pair[1]!.replace(/''/g, "'");
      if (key.includes('${') || resolveOption(written, key)) continue;
      const start = bodyStart + pair.index!;
      const suggestion = closestMatch(key, available);
      warn({ start, end: start + pair[1]!.length + 2 }, SEMANTIC_CODES.unknownConnectorOption,
        `Unknown option '${key}' for the ${connector} connector of '${parts.join('.')}'${suggestion ? `; did you mean '${suggestion}'?` : '.'}`, suggestion ? { suggestion } : undefined);
    }
  }
}

function checkSetKey(option: OptionSymbol, version: FlinkVersionLine, isSet: boolean, warn: Warn): void {
  const known = lookupConfigOption(version, option.key);
  const retired = retiredConfigOption(version, option.key);
  if (retired) {
    const instead = retired.replacement ? `; use '${retired.replacement}'` : '';
    const what = retired.deprecatedOnly ? `is deprecated in Flink ${version}` : `was removed in Flink ${retired.removedIn}`;
    warn(option.keySpan, SEMANTIC_CODES.removedSetKey, `'${option.key}' ${what}${instead}.${retired.note ? ` ${retired.note}` : ''}`, retired.replacement ? { replacement: retired.replacement } : undefined);
    return;
  }
  if (!known) {
    // Only keys in Flink's own namespaces are checked: SET also carries user and connector keys.
    if (!flinkNamespaces().has(option.key.split('.')[0]!)) return;
    const newer = SUPPORTED_FLINK_VERSIONS.find((v) => lookupConfigOption(v, option.key));
    if (newer) {
      warn(option.keySpan, SEMANTIC_CODES.unknownSetKey, `'${option.key}' needs Flink ${newer} (this script is checked against Flink ${version}).`);
      return;
    }
    const suggestion = closestMatch(option.key, configOptionKeys(version));
    warn(option.keySpan, SEMANTIC_CODES.unknownSetKey, `'${option.key}' is not a Flink ${version} configuration option${suggestion ? `; did you mean '${suggestion}'?` : '.'}`, suggestion ? { suggestion } : undefined);
    return;
  }
  if (!isSet || option.hasVariable) return;
  const choices = optionValueChoices(known);
  if (choices.length && known.type !== 'List<Enum>' && !choices.some((c) => c.toLowerCase() === option.value.toLowerCase())) {
    warn(option.valueSpan, SEMANTIC_CODES.invalidSetValue, `'${option.value}' is not a valid value of '${option.key}'; expected one of ${choices.join(', ')}.`);
  } else if ((known.type === 'Integer' || known.type === 'Long') && !/^-?\d+$/.test(option.value.trim())) {
    warn(option.valueSpan, SEMANTIC_CODES.invalidSetValue, `'${option.key}' expects a whole number.`);
  }
}

function checkInsert(model: ScriptModel, statement: ScriptStatement, insert: InsertSymbol, warn: Warn): void {
  if (!insert.query || !insert.target.length) return;
  const target = model.lookupRelation(insert.target, statement);
  if (!target) return;
  const targetColumns = model.relationColumns(target);
  if (!targetColumns) return;
  // Computed and virtual metadata columns cannot be written.
  const writable = targetColumns.filter((c) => c.symbol?.kind !== 'computed' && !(c.symbol?.kind === 'metadata' && c.symbol.virtual));
  let expected: ResolvedColumn[] = writable;
  if (insert.columns) {
    const byName = new Map(writable.map((c) => [c.name, c]));
    expected = [];
    for (const c of insert.columns) {
      const column = byName.get(c.name);
      if (!column) {
        warn(c.span, SEMANTIC_CODES.unknownColumn, `Column '${c.name}' is not a writable column of '${insert.target.join('.')}'.`);
        return;
      }
      expected.push(column);
    }
  }
  const scope = insert.query;
  let producedCount: number | undefined;
  let produced: ResolvedColumn[] | undefined;
  if (scope.valuesArity !== undefined) producedCount = scope.valuesArity;
  else {
    produced = model.scopeColumns(scope, statement);
    producedCount = produced?.length;
  }
  if (producedCount === undefined) return;
  if (producedCount !== expected.length) {
    warn(insert.targetSpan, SEMANTIC_CODES.insertColumnCount,
      `INSERT writes ${producedCount} column${producedCount === 1 ? '' : 's'} but '${insert.target.join('.')}' ${insert.columns ? 'lists' : 'has'} ${expected.length} (${expected.map((c) => c.name).join(', ')}).`);
    return;
  }
  if (!produced) return;
  produced.forEach((column, i) => {
    const sink = expected[i]!;
    if (!column.type || !sink.type) return;
    const from = typeFamily(column.type);
    const to = typeFamily(sink.type);
    if (isImplicitlyAssignable(from, to)) return;
    const item = scope.items.length === produced.length ? scope.items[i] : undefined;
    const span = item ? item.span : insert.targetSpan;
    warn(span, SEMANTIC_CODES.insertColumnType, `Column ${i + 1} ('${column.name}', ${column.type}) does not fit '${sink.name}' ${sink.type} of '${insert.target.join('.')}'; add a CAST.`);
  });
}
