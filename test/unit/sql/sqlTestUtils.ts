// Helpers shared by the Flink SQL grammar tests.
import { ParserRuleContext, type ParseTree } from 'antlr4ng';
import { expect } from 'vitest';
import { FlinkSqlParser } from '../../../server/src/languageService/sql/generated/FlinkSqlParser';
import { parseStatement, type ParsedStatement } from '../../../server/src/languageService/sql/parseStatement';

/** Parses one statement and fails the test with the syntax errors when there are any. */
export function expectParses(sql: string): ParsedStatement {
  const parsed = parseStatement(sql);
  expect(parsed.errors.map((e) => `${e.line + 1}:${e.column + 1} ${e.message}`), sql).toEqual([]);
  return parsed;
}

/** Parses one statement and returns its first syntax error, failing the test when there is none. */
export function expectRejects(sql: string): ParsedStatement['errors'][number] {
  const parsed = parseStatement(sql);
  expect(parsed.errors.length, `expected a syntax error in: ${sql}`).toBeGreaterThan(0);
  return parsed.errors[0]!;
}

/** The kind of the statement (the rule name of `statement`'s only child), e.g. 'createTable'. */
export function statementKind(parsed: ParsedStatement): string {
  const child = parsed.tree.statement()?.getChild(0);
  return child instanceof ParserRuleContext ? FlinkSqlParser.ruleNames[child.ruleIndex] ?? '' : '';
}

/**
 * A parse tree as text, rule names and token texts nested: `(rule child child)`. Duck-typed, so it
 * also reads trees built by another copy of the runtime (e.g. a bundled parser).
 */
export function treeText(tree: ParseTree): string {
  const node = tree as unknown as { symbol?: { text?: string }; ruleIndex?: number; getChildCount(): number; getChild(i: number): ParseTree | null };
  if (node.symbol) return node.symbol.text ?? '';
  const children: string[] = [];
  for (let i = 0; i < node.getChildCount(); i++) children.push(treeText(node.getChild(i)!));
  return `(${FlinkSqlParser.ruleNames[node.ruleIndex ?? -1] ?? '?'} ${children.join(' ')})`;
}
