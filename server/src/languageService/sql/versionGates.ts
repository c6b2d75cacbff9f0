// Version gates: syntax that the grammar accepts (it covers Flink 1.20 through 2.3) but that is
// newer than the Flink version a document is checked against.
//
// Public API:
//   findUsedFeatures(tokens): UsedFeature[] — gated features a statement uses (token patterns).
//   findVersionGateViolations(parsed, version): VersionGateViolation[]
//     Features used by one parsed statement that need a newer Flink than `version`. Positions are
//     relative to the statement text (like SqlSyntaxError). Only checked on statements without
//     syntax errors (a recovered tree says little about what was meant).
//   VERSION_GATES: the table of gated features (for hover/docs).
//   isVersionAtLeast(version, minimum): version line comparison.
//
// The table lists only features whose first release is certain; everything else in the grammar
// exists in 1.20, the oldest supported line. Sources per gate (checked, not from memory): the Flink
// release notes (docs/content/release-notes/flink-2.x.md), the JIRA fix versions they cite, and
// the option catalogs in ../shared/reference/flink-config (options that come with a feature appear
// in the same release: async-ml-predict 2.1, async-vector-search 2.2, default-freshness 2.2).
import { Token } from 'antlr4ng';
import { SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';
import { FlinkSqlParser as L } from './generated/FlinkSqlParser';
import { NON_RESERVED_TOKEN_TYPES } from './keywords';
import type { ParsedStatement, UsedFeature } from './parseStatement';

export interface VersionGate {
  /** Stable id, e.g. `model-ddl`. */
  id: string;
  /** What the user wrote, in words: "CREATE MODEL". */
  feature: string;
  /** First Flink version line that has it. */
  since: FlinkVersionLine;
}

export interface VersionGateViolation extends VersionGate {
  /** Offsets relative to the statement text. */
  start: number;
  end: number;
  /** e.g. "CREATE MODEL needs Flink 2.0 (checking against 1.20)". */
  message: string;
}

export const VERSION_GATES = {
  /** Release notes 2.1: "Since Flink 2.0, we have introduced dedicated syntax for AI models". */
  modelDdl: { id: 'model-ddl', feature: 'model DDL (CREATE/ALTER/DROP/SHOW/DESCRIBE MODEL)', since: '2.0' },
  catalogComment: { id: 'catalog-comment', feature: 'catalog comments', since: '2.0' },
  /** FLINK-36994 (FLIP-492), fix version 2.0.0. */
  alterMaterializedTableAsQuery: { id: 'alter-materialized-table-as', feature: 'ALTER MATERIALIZED TABLE ... AS query', since: '2.0' },
  /** Release notes 2.1 (FLINK-37922). */
  variantType: { id: 'variant-type', feature: 'the VARIANT type', since: '2.1' },
  /** Release notes 2.1 (FLINK-37861): STRUCTURED types declared in DDL. */
  structuredType: { id: 'structured-type', feature: 'the STRUCTURED type', since: '2.1' },
  /** Release notes 2.1 (FLINK-34992, FLINK-37777); table.exec.async-ml-predict.* options appear in 2.1. */
  mlPredict: { id: 'ml-predict', feature: 'ML_PREDICT', since: '2.1' },
  /**
   * The SQL function came with ML_PREDICT under FLINK-37777 (FLIP-525, in the 2.1 release notes);
   * 2.2 added its Table API. 2.1 is the earliest line that can have it: no false "needs" warning.
   */
  mlEvaluate: { id: 'ml-evaluate', feature: 'ML_EVALUATE', since: '2.1' },
  /** PTFs "introduced in Flink 2.1" (release notes 2.3); table.optimizer.ptf.max-tables appears in 2.1. */
  processTableFunctionArgs: { id: 'ptf-partition-by', feature: 'table arguments with PARTITION BY (process table functions)', since: '2.1' },
  /** Release notes 2.2 (FLINK-38422); table.exec.async-vector-search.* options appear in 2.2. */
  vectorSearch: { id: 'vector-search', feature: 'VECTOR_SEARCH', since: '2.2' },
  /** Release notes 2.2: DISTRIBUTED BY/INTO and SHOW MATERIALIZED TABLES for materialized tables. */
  materializedTableDistribution: { id: 'materialized-table-distribution', feature: 'DISTRIBUTED BY/INTO for materialized tables', since: '2.2' },
  showMaterializedTables: { id: 'show-materialized-tables', feature: 'SHOW MATERIALIZED TABLES', since: '2.2' },
  /** FLINK-38532 (FLIP-551), fix version 2.2.0; materialized-table.default-freshness.* options appear in 2.2. */
  materializedTableWithoutFreshness: { id: 'materialized-table-without-freshness', feature: 'a materialized table without FRESHNESS', since: '2.2' },
  /** FLINK-38355 (FLIP-546), fix version 2.3.0. */
  createOrAlterMaterializedTable: { id: 'create-or-alter-materialized-table', feature: 'CREATE OR ALTER MATERIALIZED TABLE', since: '2.3' },
  /** Release notes 2.3 (FLINK-39303, FLIP-550): column lists and column ADD/MODIFY for materialized tables. */
  materializedTableColumns: { id: 'materialized-table-columns', feature: 'columns and watermarks declared for a materialized table', since: '2.3' },
  /** Release notes 2.3 (FLINK-39261, FLINK-39419, FLIP-564). */
  fromChangelog: { id: 'from-changelog', feature: 'FROM_CHANGELOG', since: '2.3' },
  toChangelog: { id: 'to-changelog', feature: 'TO_CHANGELOG', since: '2.3' },
  /** Release notes 2.3 (FLINK-39460, FLIP-557); materialized-table.default-start-mode appears in 2.3. */
  startMode: { id: 'start-mode', feature: 'START_MODE for materialized tables', since: '2.3' },
  /** Release notes 2.3 (FLIP-558); table.exec.sink.require-on-conflict appears in 2.3. */
  onConflict: { id: 'on-conflict', feature: 'INSERT ... ON CONFLICT', since: '2.3' },
  /** Release notes 2.3 (FLINK-39462, FLIP-559): `USING ARTIFACT 'path'` in CREATE FUNCTION. */
  usingArtifact: { id: 'using-artifact', feature: 'USING ARTIFACT', since: '2.3' },
  /** Release notes 2.3 (FLIP-565): `f(input => TABLE t PARTITION BY k ORDER BY ts)`. */
  tableArgumentOrderBy: { id: 'ptf-order-by', feature: 'ORDER BY on table arguments (process table functions)', since: '2.3' },
} as const satisfies Record<string, VersionGate>;

export function isVersionAtLeast(version: FlinkVersionLine, minimum: FlinkVersionLine): boolean {
  return SUPPORTED_FLINK_VERSIONS.indexOf(version) >= SUPPORTED_FLINK_VERSIONS.indexOf(minimum);
}

/** Table-valued functions gated by name (matched case-insensitively when followed by '('). */
const GATED_FUNCTIONS: ReadonlyMap<string, keyof typeof VERSION_GATES> = new Map<string, keyof typeof VERSION_GATES>([
  ['ML_PREDICT', 'mlPredict'],
  ['ML_EVALUATE', 'mlEvaluate'],
  ['VECTOR_SEARCH', 'vectorSearch'],
  ['FROM_CHANGELOG', 'fromChangelog'],
  ['TO_CHANGELOG', 'toChangelog'],
]);

/**
 * Gated features used by a statement, found from its tokens (no tree needed: this runs during the
 * syntax check, see parseStatement.checkStatementSyntax). Only meaningful for error-free statements.
 */
export function findUsedFeatures(allTokens: readonly Token[]): UsedFeature[] {
  const t = allTokens.filter((k) => k.channel === Token.DEFAULT_CHANNEL && k.type !== Token.EOF);
  const found: UsedFeature[] = [];
  const add = (gate: keyof typeof VERSION_GATES, from: Token, to: Token = from) => found.push({ gate, start: from.start, end: to.stop + 1 });
  const type = (i: number) => t[i]?.type ?? Token.EOF;
  const isName = (i: number) => {
    const k = type(i);
    return k === L.IDENTIFIER || k === L.BACKQUOTED_IDENTIFIER || k === L.VARIABLE || NON_RESERVED_TOKEN_TYPES.has(k);
  };
  /** Index of the first token of `types` at parenthesis depth 0 from `from`, or -1. */
  const atDepthZero = (from: number, types: readonly number[]) => {
    let depth = 0;
    for (let i = from; i < t.length; i++) {
      const k = type(i);
      if (k === L.LPAREN) depth++;
      else if (k === L.RPAREN) depth--;
      else if (depth === 0 && types.includes(k)) return i;
    }
    return -1;
  };

  // Statement heads.
  let i = 0;
  const head = type(0);
  if (head === L.CREATE) {
    i = 1;
    let orAlter = false;
    if (type(i) === L.OR) {
      orAlter = type(i + 1) === L.ALTER;
      i += 2;
    }
    if (type(i) === L.TEMPORARY) i++;
    if (type(i) === L.MODEL && isName(i + 1)) add('modelDdl', t[0]!, t[i]!);
    else if (type(i) === L.FUNCTION || (type(i) === L.SYSTEM && type(i + 1) === L.FUNCTION)) {
      // `USING JAR 'a', ARTIFACT 'b'`: each ARTIFACT after USING or a comma of that list.
      const using = atDepthZero(i, [L.USING]);
      for (let k = using + 1; using >= 0 && k < t.length; k++) {
        if (type(k) === L.ARTIFACT && (type(k - 1) === L.USING || type(k - 1) === L.COMMA)) add('usingArtifact', t[k]!);
      }
    }
    else if (type(i) === L.CATALOG) {
      const comment = atDepthZero(i + 1, [L.COMMENT]);
      if (comment >= 0) add('catalogComment', t[comment]!, t[comment + 1] ?? t[comment]!);
    } else if (type(i) === L.MATERIALIZED && type(i + 1) === L.TABLE) {
      if (orAlter) add('createOrAlterMaterializedTable', t[0]!, t[i + 1]!);
      const distributed = atDepthZero(i + 2, [L.DISTRIBUTED, L.AS]);
      if (distributed >= 0 && type(distributed) === L.DISTRIBUTED) add('materializedTableDistribution', t[distributed]!);
      const freshness = atDepthZero(i + 2, [L.FRESHNESS, L.AS]);
      if (freshness < 0 || type(freshness) !== L.FRESHNESS) add('materializedTableWithoutFreshness', t[0]!, t[i + 1]!);
      const column = declaredColumn(t, i + 2);
      if (column >= 0) add('materializedTableColumns', t[column]!);
    }
  } else if ((head === L.ALTER || head === L.DROP) && (type(1) === L.MODEL || (type(1) === L.TEMPORARY && type(2) === L.MODEL))) {
    add('modelDdl', t[0]!, t[type(1) === L.MODEL ? 1 : 2]!);
  } else if ((head === L.DESCRIBE || head === L.DESC) && type(1) === L.MODEL && isName(2)) {
    add('modelDdl', t[0]!, t[1]!);
  } else if (head === L.SHOW && type(1) === L.MODELS) {
    add('modelDdl', t[0]!, t[1]!);
  } else if (head === L.SHOW && type(1) === L.CREATE && type(2) === L.MODEL) {
    add('modelDdl', t[0]!, t[2]!);
  } else if (head === L.SHOW && type(1) === L.MATERIALIZED && type(2) === L.TABLES) {
    add('showMaterializedTables', t[0]!, t[2]!);
  } else if (head === L.ALTER && type(1) === L.CATALOG && type(3) === L.COMMENT) {
    add('catalogComment', t[3]!);
  } else if (head === L.ALTER && type(1) === L.MATERIALIZED && type(2) === L.TABLE) {
    const action = atDepthZero(3, [L.AS, L.ADD, L.MODIFY, L.DROP]);
    const verb = type(action);
    if (verb === L.AS) add('alterMaterializedTableAsQuery', t[action]!);
    else if (verb === L.DROP && type(action + 1) === L.DISTRIBUTION) add('materializedTableDistribution', t[action]!, t[action + 1]!);
    else if (verb === L.ADD || verb === L.MODIFY) {
      // `ADD DISTRIBUTION ...` (2.2) or `ADD col ...` / `ADD (col, WATERMARK ...)` (2.3).
      const first = type(action + 1) === L.LPAREN ? action + 2 : action + 1;
      if (type(first) === L.DISTRIBUTION || type(first) === L.DISTRIBUTED) add('materializedTableDistribution', t[action]!, t[first]!);
      else add('materializedTableColumns', t[action]!, t[first] ?? t[action]!);
    }
  }

  // Anywhere in a statement.
  for (let k = 0; k < t.length; k++) {
    const token = t[k]!;
    if (token.type === L.VARIANT && isVariantType(t, k)) add('variantType', token);
    else if (token.type === L.STRUCTURED && type(k + 1) === L.LT) add('structuredType', token);
    else if (token.type === L.LPAREN && k > 0 && type(k - 1) === L.IDENTIFIER) {
      const gate = GATED_FUNCTIONS.get((t[k - 1]!.text ?? '').toUpperCase());
      if (gate) add(gate, t[k - 1]!);
    } else if (token.type === L.PARTITION && isInsideTableArgument(t, k)) {
      add('processTableFunctionArgs', token);
    } else if (token.type === L.ORDER && type(k + 1) === L.BY && isTableArgumentClause(t, k)) {
      add('tableArgumentOrderBy', token, t[k + 1]!);
    } else if (token.type === L.START_MODE && type(k + 1) === L.EQ) {
      add('startMode', token, t[k + 2] ?? token);
    } else if (token.type === L.ON && type(k + 1) === L.CONFLICT && type(k + 2) === L.DO) {
      add('onConflict', token, t[k + 3] ?? t[k + 2]!);
    }
  }
  return found;
}

/** VARIANT as a type (column type, CAST target, element type), not a column named `variant`. */
function isVariantType(t: readonly Token[], k: number): boolean {
  const before = t[k - 1]?.type ?? Token.EOF;
  const after = t[k + 1]?.type ?? Token.EOF;
  const typeFollowers = [L.COMMA, L.RPAREN, L.GT, L.NOT, L.NULL, L.COMMENT, L.ARRAY, L.MULTISET, L.METADATA, L.PRIMARY, L.CONSTRAINT, Token.EOF];
  if (!typeFollowers.includes(after)) return false;
  if (before === L.AS || before === L.LT) return true;
  // `col VARIANT`: the previous token is the column name, itself after '(' or ','.
  const beforeName = t[k - 2]?.type ?? Token.EOF;
  return (before === L.IDENTIFIER || before === L.BACKQUOTED_IDENTIFIER || NON_RESERVED_TOKEN_TYPES.has(before))
    && (beforeName === L.LPAREN || beforeName === L.COMMA || beforeName === L.ADD || beforeName === L.MODIFY);
}

export function findVersionGateViolations(parsed: ParsedStatement & { features?: readonly UsedFeature[] }, version: FlinkVersionLine): VersionGateViolation[] {
  if (parsed.errors.length > 0 || version === SUPPORTED_FLINK_VERSIONS[SUPPORTED_FLINK_VERSIONS.length - 1]) return [];
  const features = parsed.features ?? findUsedFeatures(parsed.tokens.getTokens());
  const found: VersionGateViolation[] = [];
  for (const f of features) {
    const gate: VersionGate = VERSION_GATES[f.gate as keyof typeof VERSION_GATES];
    if (!gate || isVersionAtLeast(version, gate.since)) continue;
    found.push({ ...gate, start: f.start, end: f.end, message: `${gate.feature} needs Flink ${gate.since} or newer (checking against Flink ${version})` });
  }
  return found;
}

/** `f(TABLE t PARTITION BY k)`: PARTITION directly after `TABLE name` inside a call's arguments. */
function isInsideTableArgument(tokens: readonly Token[], partitionIndex: number): boolean {
  let sawName = false;
  for (let i = partitionIndex - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type === L.DOT || t.type === L.IDENTIFIER || t.type === L.BACKQUOTED_IDENTIFIER) {
      sawName = true;
      continue;
    }
    if (t.type !== L.TABLE || !sawName) return false;
    // The TABLE keyword must itself be an argument: preceded by '(' or ',' or '=>'.
    const before = tokens[i - 1]?.type;
    return before === L.LPAREN || before === L.COMMA || before === L.NAMED_ARG;
  }
  return false;
}

/**
 * `ORDER BY` as a clause of a table argument (`TABLE t [PARTITION BY k] ORDER BY ts` among a
 * call's arguments), not of a query, an OVER window or an aggregate: the argument it belongs to
 * starts with TABLE.
 */
function isTableArgumentClause(tokens: readonly Token[], orderIndex: number): boolean {
  let depth = 0;
  for (let i = orderIndex - 1; i >= 0; i--) {
    const type = tokens[i]!.type;
    if (type === L.RPAREN) depth++;
    else if (type === L.LPAREN && depth > 0) depth--;
    else if (depth === 0 && (type === L.LPAREN || type === L.COMMA || type === L.NAMED_ARG)) {
      // `(` of a subquery or window is not an argument list: the argument must start with TABLE.
      return tokens[i + 1]?.type === L.TABLE && tokens[i + 2]?.type !== L.LPAREN;
    }
  }
  return false;
}

/**
 * In `CREATE [OR ALTER] MATERIALIZED TABLE name (...)`, the first element of the parenthesized
 * list that is not a table constraint (a column or a watermark), or -1. Before Flink 2.3 the list
 * could only hold the primary key.
 */
function declaredColumn(tokens: readonly Token[], from: number): number {
  let i = from;
  if (tokens[i]?.type === L.IF) i += 3; // IF NOT EXISTS
  // The table name: parts separated by dots.
  while (i < tokens.length && tokens[i + 1]?.type === L.DOT) i += 2;
  i++;
  if (tokens[i]?.type !== L.LPAREN) return -1;
  let depth = 0;
  let elementStart = true;
  for (let k = i + 1; k < tokens.length; k++) {
    const type = tokens[k]!.type;
    if (depth === 0 && elementStart) {
      const constraint = type === L.CONSTRAINT || type === L.UNIQUE || (type === L.PRIMARY && tokens[k + 1]?.type === L.KEY);
      if (!constraint) return k;
      elementStart = false;
    }
    if (type === L.LPAREN) depth++;
    else if (type === L.RPAREN) {
      if (depth === 0) return -1;
      depth--;
    } else if (type === L.COMMA && depth === 0) elementStart = true;
  }
  return -1;
}
