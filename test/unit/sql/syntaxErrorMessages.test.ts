// Syntax errors are reported at the first offending token, in words a Flink user understands.
import { describe, expect, test } from 'vitest';
import { parseStatement } from '../../../server/src/languageService/sql/parseStatement';

function firstError(sql: string): string {
  const e = parseStatement(sql).errors[0];
  return e ? `${e.line + 1}:${e.column + 1} ${e.code}: ${e.message}` : 'no error';
}

describe('syntax error messages', () => {
  test.each([
    ["CREATE TABLE t (a INT) WITH (\n  'connector' = 'kafka',\n  'topic' = 'x'\n", "3:16 syntax-error: expected ')' to close the WITH options opened at 1:29"],
    ["CREATE TABLE t (\n  a INT,\n  b STRING\n  c INT\n) WITH ('k' = 'v')", "4:3 syntax-error: expected ',' or ')' to close the column list of t opened at 1:16"],
    ["SELECT * FROM t WHERE a IN (1, 2", "1:33 syntax-error: expected ')' to close the IN list opened at 1:28"],
    ["CREATE TABLE t (a INT) WITH (connector = 'kafka')", "1:30 syntax-error: expected a string literal, found 'connector': options are written 'key' = 'value' (both quoted)"],
    ["SET table.exec.state.ttl = '1 h'", "1:5 syntax-error: expected a string literal, found 'table': write SET 'key' = 'value' (quoted)"],
    ['SELECT a FROM t WHERE', '1:22 syntax-error: incomplete statement: expected an expression'],
    ['SELECT a, FROM t', "1:11 syntax-error: unexpected 'FROM': expected an expression"],
    ["SELECT INTERVAL '1' HOU", "1:21 syntax-error: unexpected 'HOU': expected a time unit (SECOND, MINUTE, HOUR, DAY, MONTH, YEAR)"],
    ['CREATE TABLE t (by INT)', "1:17 syntax-error: 'by' is a reserved keyword: write `by` to use it as a name"],
    ['SELEC * FROM t', "1:1 syntax-error: unexpected 'SELEC': expected a statement (SELECT, INSERT, CREATE, ALTER, DROP, SET, SHOW, ...)"],
    ['SELECT CAST(a AS) FROM t', "1:17 syntax-error: unexpected ')': expected a data type"],
    ['SELECT a FROM t GROUP a', "1:23 syntax-error: unexpected 'a': expected BY"],
    ["CREATE TABLE t (a INT) WITH ('k' = 'v') PARTITIONED BY (a)", "1:41 syntax-error: unexpected 'PARTITIONED': the statement should end here (CREATE TABLE clauses go in this order: (columns) COMMENT, DISTRIBUTED BY, PARTITIONED BY, WITH, LIKE or AS)"],
    ['SELECT "abc" FROM t', "1:8 double-quoted-string: double quotes are not allowed in Flink SQL: write strings in single quotes ('text') and quote names with backquotes (`name`)"],
    ["SELECT 'abc FROM t", "1:8 unterminated-string: unterminated string literal: add the closing quote (')"],
    ['SELECT `abc FROM t', '1:8 unterminated-identifier: unterminated quoted identifier: add the closing backquote (`)'],
    ['SELECT 1 /* never closed', "1:10 unterminated-comment: unterminated comment: close it with '*/'"],
    ['SELECT # FROM t', '1:8 invalid-character: unexpected character "#"'],
  ])('%j', (sql, expected) => {
    expect(firstError(sql)).toBe(expected);
  });

  test('a message never lists dozens of token names', () => {
    for (const sql of ['SELECT', 'CREATE', 'CREATE TABLE t (', 'SELECT * FROM t JOIN', 'INSERT INTO', 'ALTER TABLE t', 'SELECT a FROM t WHERE a =']) {
      const message = parseStatement(sql).errors[0]?.message ?? '';
      expect(message, sql).not.toBe('');
      expect(message.split(',').length, `${sql}: ${message}`).toBeLessThanOrEqual(8);
      expect(message, sql).not.toMatch(/[A-Z_]+_LITERAL|IDENTIFIER|mismatched|extraneous|no viable/);
    }
  });

  test('one error per statement, at the first offending token', () => {
    const parsed = parseStatement('SELECT a b c d FROM WHERE GROUP BY');
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.start).toBe('SELECT a b '.length);
  });
});
