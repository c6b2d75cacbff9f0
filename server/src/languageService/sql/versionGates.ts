// Version gates: syntax that the grammar accepts (it covers Flink 1.20 through 2.3) but that is
// newer than the Flink version a document is checked against.
//
// Public API:
//   findVersionGateViolations(parsed, version): VersionGateViolation[]
//     Features used by one parsed statement that need a newer Flink than `version`. Positions are
//     relative to the statement text (like SqlSyntaxError). Only checked on statements without
//     syntax errors (a recovered tree says little about what was meant).
//   VERSION_GATES: the table of gated features (for hover/docs).
//   isVersionAtLeast(version, minimum): version line comparison.
//
// The table lists only features whose first release is certain (Flink release notes); everything
// else in the grammar exists in 1.20, the oldest supported line.
import { Token, type ParserRuleContext } from 'antlr4ng';
import { SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';
import { FlinkSqlLexer } from './generated/FlinkSqlLexer';
import {
  AlterCatalogContext,
  AlterMaterializedTableContext,
  AlterModelContext,
  CreateCatalogContext,
  CreateMaterializedTableContext,
  CreateModelContext,
  DescribeModelContext,
  DropModelContext,
  ShowCreateContext,
  ShowMaterializedTablesContext,
  ShowModelsContext,
  type StatementContext,
} from './generated/FlinkSqlParser';
import type { ParsedStatement } from './parseStatement';

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

export function findVersionGateViolations(parsed: ParsedStatement, version: FlinkVersionLine): VersionGateViolation[] {
  if (parsed.errors.length > 0 || version === SUPPORTED_FLINK_VERSIONS[SUPPORTED_FLINK_VERSIONS.length - 1]) return [];
  const found: VersionGateViolation[] = [];
  const report = (gate: VersionGate, start: number, end: number): void => {
    if (isVersionAtLeast(version, gate.since)) return;
    found.push({ ...gate, start, end, message: `${gate.feature} needs Flink ${gate.since} or newer (checking against Flink ${version})` });
  };
  const statement = parsed.tree.statement();
  if (statement) checkStatement(statement, report);
  checkTokens(parsed, report);
  return found;
}

type Reporter = (gate: VersionGate, start: number, end: number) => void;

function span(ctx: ParserRuleContext): [number, number] {
  const start = ctx.start?.start ?? 0;
  const stop = ctx.stop ?? ctx.start;
  return [start, (stop?.stop ?? start) + 1];
}

/** Reports on the statement's first few tokens (its "verb"), which is what the user should look at. */
function headSpan(ctx: ParserRuleContext, tokenCount: number): [number, number] {
  const [start] = span(ctx);
  let end = start + 1;
  let seen = 0;
  for (let i = 0; i < ctx.getChildCount() && seen < tokenCount; i++) {
    const child = ctx.getChild(i);
    const token = child && 'symbol' in child ? (child.symbol as Token) : null;
    if (!token) break;
    end = token.stop + 1;
    seen++;
  }
  return [start, end];
}

function checkStatement(statement: StatementContext, report: Reporter): void {
  const kind = statement.getChild(0);
  if (kind instanceof CreateModelContext || kind instanceof AlterModelContext || kind instanceof DropModelContext
    || kind instanceof ShowModelsContext || kind instanceof DescribeModelContext) {
    report(VERSION_GATES.modelDdl, ...headSpan(kind, 4));
    return;
  }
  if (kind instanceof ShowCreateContext && kind.MODEL()) {
    report(VERSION_GATES.modelDdl, ...headSpan(kind, 3));
    return;
  }
  if (kind instanceof CreateCatalogContext) {
    const comment = kind.commentClause();
    if (comment) report(VERSION_GATES.catalogComment, ...span(comment));
    return;
  }
  if (kind instanceof AlterCatalogContext && kind.COMMENT()) {
    report(VERSION_GATES.catalogComment, ...headSpan(kind, 4));
    return;
  }
  if (kind instanceof CreateMaterializedTableContext) {
    if (kind.ALTER()) report(VERSION_GATES.createOrAlterMaterializedTable, ...headSpan(kind, 4));
    const distribution = kind.distributionAndPartitioning()?.distribution();
    if (distribution) report(VERSION_GATES.materializedTableDistribution, ...span(distribution));
    return;
  }
  if (kind instanceof AlterMaterializedTableContext) {
    const action = kind.alterMaterializedTableAction();
    const as = action.AS()?.symbol;
    if (as) report(VERSION_GATES.alterMaterializedTableAsQuery, as.start, as.stop + 1);
    return;
  }
  if (kind instanceof ShowMaterializedTablesContext) {
    report(VERSION_GATES.showMaterializedTables, ...headSpan(kind, 3));
  }
}

function checkTokens(parsed: ParsedStatement, report: Reporter): void {
  const tokens = parsed.tokens.getTokens();
  let previousSignificant: Token | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.channel !== Token.DEFAULT_CHANNEL) continue;
    if (token.type === FlinkSqlLexer.VARIANT) report(VERSION_GATES.variantType, token.start, token.stop + 1);
    else if (token.type === FlinkSqlLexer.LPAREN && previousSignificant?.type === FlinkSqlLexer.IDENTIFIER) {
      const gate = GATED_FUNCTIONS.get((previousSignificant.text ?? '').toUpperCase());
      if (gate) report(gate, previousSignificant.start, previousSignificant.stop + 1);
    } else if (token.type === FlinkSqlLexer.PARTITION && previousSignificant && isInsideTableArgument(tokens, i)) {
      report(VERSION_GATES.processTableFunctionArgs, token.start, token.stop + 1);
    }
    previousSignificant = token;
  }
}

/** `f(TABLE t PARTITION BY k)`: PARTITION directly after `TABLE name` inside a call's arguments. */
function isInsideTableArgument(tokens: readonly Token[], partitionIndex: number): boolean {
  let sawName = false;
  for (let i = partitionIndex - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.channel !== Token.DEFAULT_CHANNEL) continue;
    if (t.type === FlinkSqlLexer.DOT || t.type === FlinkSqlLexer.IDENTIFIER || t.type === FlinkSqlLexer.BACKQUOTED_IDENTIFIER) {
      sawName = true;
      continue;
    }
    if (t.type !== FlinkSqlLexer.TABLE || !sawName) return false;
    // The TABLE keyword must itself be an argument: preceded by '(' or ',' or '=>'.
    for (let j = i - 1; j >= 0; j--) {
      const before = tokens[j]!;
      if (before.channel !== Token.DEFAULT_CHANNEL) continue;
      return before.type === FlinkSqlLexer.LPAREN || before.type === FlinkSqlLexer.COMMA || before.type === FlinkSqlLexer.NAMED_ARG;
    }
    return false;
  }
  return false;
}
