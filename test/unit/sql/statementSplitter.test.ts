// The lexical statement splitter: strings, quoted identifiers, comments and statement-set blocks.
import { describe, expect, test } from 'vitest';
import { resplitDocument, splitDocument, splitStatements } from '../../../server/src/languageService/sql/statementSplitter';

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

describe('resplitDocument (incremental splitting after an edit)', () => {
  // Small deterministic PRNG: failures are reproducible from the seed in the test name.
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const base = [
    "SET 'pipeline.name' = 'a;b';",
    'CREATE TABLE t (\n  id INT, -- key; really\n  s STRING\n) WITH (\'connector\' = \'datagen\');',
    'BEGIN STATEMENT SET;',
    'INSERT INTO t SELECT CASE WHEN id > 1 THEN 1 END, `x;y` FROM s;',
    'END;',
    'EXECUTE STATEMENT SET BEGIN\n  INSERT INTO a SELECT 1;\n  INSERT INTO b SELECT CASE WHEN x THEN 2 END FROM s;\nEND;',
    'SELECT /*+ OPTIONS(\'a\'=\'b\') */ * FROM t; /* c; */ SELECT 2;;',
    'SELECT "dq;" FROM t',
  ].join('\n');
  // Snippets a person types or deletes, including ones that change how everything after them splits.
  const snippets = [';', "'", '`', '"', '/*', '*/', '--', '\n', 'END', 'BEGIN STATEMENT SET;', 'CASE ', 'x', ' ', 'EXECUTE STATEMENT SET BEGIN'];

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(`equals a full split after each of 150 random edits (seed ${seed})`, () => {
      const next = random(seed);
      let text = base.repeat(3);
      let split = splitDocument(text);
      for (let step = 0; step < 150; step++) {
        const at = Math.floor(next() * (text.length + 1));
        const removed = next() < 0.4 ? Math.floor(next() * 6) : 0;
        const inserted = next() < 0.7 ? snippets[Math.floor(next() * snippets.length)]! : '';
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        split = resplitDocument(split, text);
        const full = splitDocument(text);
        expect(split.statements, `step ${step}: ${JSON.stringify({ at, removed, inserted })}`).toEqual(full.statements);
        expect(split.after).toEqual(full.after.map((b, k) => (b ? { ...b, lookedAt: split.after[k]?.lookedAt } : null)));
      }
    });
  }

  test('an edit in one statement scans only around it', () => {
    const text = Array.from({ length: 200 }, (_, k) => `SELECT ${k} FROM t${k};`).join('\n');
    const before = splitDocument(text);
    const at = text.indexOf('SELECT 100 ') + 'SELECT 10'.length;
    const after = resplitDocument(before, `${text.slice(0, at)}7${text.slice(at)}`);
    expect(after.statements[100]!.text).toBe('SELECT 1070 FROM t100');
    // Untouched statements are the very same objects before the edit and their texts after it.
    expect(after.statements[99]).toBe(before.statements[99]);
    expect(after.statements[150]!.text).toBe(before.statements[150]!.text);
    expect(after.statements[150]!.start).toBe(before.statements[150]!.start + 1);
  });

  test('typing an opening quote re-splits everything after it; closing it restores the split', () => {
    const text = "SELECT 1;\nSELECT 2;\nSELECT 3;";
    const first = splitDocument(text);
    const open = resplitDocument(first, text.replace('SELECT 2', "SELECT '2"));
    expect(open.statements.map((s) => s.text)).toEqual(splitStatements(text.replace('SELECT 2', "SELECT '2")).map((s) => s.text));
    const closed = resplitDocument(open, text.replace('SELECT 2', "SELECT '2'"));
    expect(closed.statements.map((s) => s.text)).toEqual(['SELECT 1', "SELECT '2'", 'SELECT 3']);
  });
});
