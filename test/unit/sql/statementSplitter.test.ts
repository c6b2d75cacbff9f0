// The lexical statement splitter: strings, quoted identifiers, comments and statement-set blocks.
import { describe, expect, test } from 'vitest';
import { splitStatements } from '../../../server/src/languageService/sql/statementSplitter';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements', () => {
  test('splits at semicolons outside strings, identifiers and comments', () => {
    const sql = "SELECT ';' AS a;\nSELECT `x;y` FROM t -- no; split\n;/* ; */ SELECT \"q;\" ;\nSELECT 1";
    expect(texts(sql)).toEqual(["SELECT ';' AS a", 'SELECT `x;y` FROM t', 'SELECT "q;"', 'SELECT 1']);
  });

  test('positions: offsets, 0-based line and column, terminator', () => {
    const sql = '  -- lead\n  SELECT 1;\n\nSELECT\n  2';
    const [a, b] = splitStatements(sql);
    expect(a).toMatchObject({ text: 'SELECT 1', line: 1, column: 2, start: sql.indexOf('SELECT 1'), terminator: sql.indexOf(';') });
    expect(b).toMatchObject({ text: 'SELECT\n  2', line: 3, column: 0, terminator: -1, end: sql.length });
  });

  test('EXECUTE STATEMENT SET BEGIN ... END is one statement, CASE ... END inside does not close it', () => {
    const sql = 'EXECUTE STATEMENT SET BEGIN\n INSERT INTO a SELECT CASE WHEN x THEN 1 END FROM s;\n INSERT INTO b SELECT 2;\nEND;\nSELECT 3;';
    expect(texts(sql)).toEqual([
      'EXECUTE STATEMENT SET BEGIN\n INSERT INTO a SELECT CASE WHEN x THEN 1 END FROM s;\n INSERT INTO b SELECT 2;\nEND',
      'SELECT 3',
    ]);
  });

  test('BEGIN STATEMENT SET; ... END; marks the statements in between', () => {
    const parts = splitStatements('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;\nSELECT 1;');
    expect(parts.map((p) => [p.text, p.inStatementSet])).toEqual([
      ['BEGIN STATEMENT SET', false], ['INSERT INTO a SELECT 1', true], ['INSERT INTO b SELECT 2', true], ['END', false], ['SELECT 1', false],
    ]);
  });

  test('an unterminated string or comment only swallows the rest of its line', () => {
    expect(texts("SELECT 'oops;\nSELECT 2;\nSELECT 3;")).toEqual(["SELECT 'oops;\nSELECT 2", 'SELECT 3']);
    expect(texts('SELECT 1 /* open;\nSELECT 2;')).toEqual(['SELECT 1 /* open;\nSELECT 2']);
  });

  test('empty statements and comment-only parts are skipped, hints are kept', () => {
    expect(texts(';;  -- c\n; /* c */ ;')).toEqual([]);
    expect(texts("SELECT * FROM t /*+ OPTIONS('a'='b') */;")).toEqual(["SELECT * FROM t /*+ OPTIONS('a'='b') */"]);
  });

  test('never throws and stays linear on odd input', () => {
    const odd = ["'", '`', '"', '/*', '--', 'BEGIN', 'STATEMENT SET BEGIN', '\u0000\uffff', 'END END END;', '$'.repeat(10)];
    for (const s of odd) expect(() => splitStatements(s)).not.toThrow();
    const big = 'SELECT 1;\n'.repeat(20_000);
    expect(splitStatements(big)).toHaveLength(20_000);
  });
});
