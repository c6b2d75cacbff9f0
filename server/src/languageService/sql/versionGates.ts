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
// The table lists only features whose first release is certain (Flink release notes); everything
// else in the grammar exists in 1.20, the oldest supported line.
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
  modelDdl: { id: 'model-ddl', feature: 'model DDL (CREATE/ALTER/DROP/SHOW/DESCRIBE MODEL)', since: '2.0' },
  catalogComment: { id: 'catalog-comment', feature: 'catalog comments', since: '2.0' },
  createOrAlterMaterializedTable: { id: 'create-or-alter-materialized-table', feature: 'CREATE OR ALTER MATERIALIZED TABLE', since: '2.1' },
  alterMaterializedTableAsQuery: { id: 'alter-materialized-table-as', feature: 'ALTER MATERIALIZED TABLE ... AS query', since: '2.1' },
  variantType: { id: 'variant-type', feature: 'the VARIANT type', since: '2.1' },
  mlPredict: { id: 'ml-predict', feature: 'ML_PREDICT', since: '2.1' },
  processTableFunctionArgs: { id: 'ptf-partition-by', feature: 'table arguments with PARTITION BY (process table functions)', since: '2.1' },
  vectorSearch: { id: 'vector-search', feature: 'VECTOR_SEARCH', since: '2.2' },
  materializedTableDistribution: { id: 'materialized-table-distribution', feature: 'DISTRIBUTED BY/INTO for materialized tables', since: '2.2' },
  showMaterializedTables: { id: 'show-materialized-tables', feature: 'SHOW MATERIALIZED TABLES', since: '2.2' },
} as const satisfies Record<string, VersionGate>;

export function isVersionAtLeast(version: FlinkVersionLine, minimum: FlinkVersionLine): boolean {
  return SUPPORTED_FLINK_VERSIONS.indexOf(version) >= SUPPORTED_FLINK_VERSIONS.indexOf(minimum);
}

/** Table-valued functions gated by name (matched case-insensitively when followed by '('). */
const GATED_FUNCTIONS: ReadonlyMap<string, VersionGate> = new Map<string, VersionGate>([
  ['ML_PREDICT', VERSION_GATES.mlPredict],
  ['VECTOR_SEARCH', VERSION_GATES.vectorSearch],
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
    else if (type(i) === L.CATALOG) {
      const comment = atDepthZero(i + 1, [L.COMMENT]);
      if (comment >= 0) add('catalogComment', t[comment]!, t[comment + 1] ?? t[comment]!);
    } else if (type(i) === L.MATERIALIZED && type(i + 1) === L.TABLE) {
      if (orAlter) add('createOrAlterMaterializedTable', t[0]!, t[i + 1]!);
      const distributed = atDepthZero(i + 2, [L.DISTRIBUTED, L.AS]);
      if (distributed >= 0 && type(distributed) === L.DISTRIBUTED) add('materializedTableDistribution', t[distributed]!);
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
    const as = atDepthZero(3, [L.AS]);
    if (as >= 0) add('alterMaterializedTableAsQuery', t[as]!);
  }

  // Anywhere in a statement.
  for (let k = 0; k < t.length; k++) {
    const token = t[k]!;
    if (token.type === L.VARIANT && isVariantType(t, k)) add('variantType', token);
    else if (token.type === L.LPAREN && k > 0 && type(k - 1) === L.IDENTIFIER) {
      const name = (t[k - 1]!.text ?? '').toUpperCase();
      if (name === 'ML_PREDICT') add('mlPredict', t[k - 1]!);
      else if (name === 'VECTOR_SEARCH') add('vectorSearch', t[k - 1]!);
    } else if (token.type === L.PARTITION && isInsideTableArgument(t, k)) {
      add('processTableFunctionArgs', token);
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
