// Incremental document analysis: per-statement caching, isolation of errors, positions, the
// SQL-client statement-set rules and version gates.
import { describe, expect, test } from 'vitest';
import { RETAINED_TREES } from '../../../server/src/languageService/sql/parseStatement';
import { SqlDocumentAnalyzer } from '../../../server/src/languageService/sql/sqlDocument';

const DOC = [
  "SET 'table.exec.state.ttl' = '1 h';",
  "CREATE TABLE src (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');",
  "CREATE TABLE snk (id INT) WITH ('connector' = 'blackhole');",
  'INSERT INTO snk SELECT id FROM src;',
].join('\n');

describe('SqlDocumentAnalyzer', () => {
  test('a clean document has no diagnostics and one analysis per statement', () => {
    const analysis = new SqlDocumentAnalyzer().analyze(DOC, '2.3');
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.statements.map((s) => s.statement.line)).toEqual([0, 1, 2, 3]);
  });

  test('after an edit only the changed statement is parsed again', () => {
    const analyzer = new SqlDocumentAnalyzer();
    analyzer.analyze(DOC, '2.3');
    expect(analyzer.lastRun).toEqual({ parsed: 4, reused: 0 });
    const edited = DOC.replace('SELECT id FROM src', 'SELECT id + 1 FROM src');
    analyzer.analyze(edited, '2.3');
    expect(analyzer.lastRun).toEqual({ parsed: 1, reused: 3 });
    // Inserting lines above moves statements without re-parsing them; positions follow.
    const moved = analyzer.analyze(`-- header\n\n${edited}`, '2.3');
    expect(analyzer.lastRun).toEqual({ parsed: 0, reused: 4 });
    expect(moved.statements[3]!.statement.line).toBe(5);
  });

  test('an error in one statement does not hide errors in others, positions are document positions', () => {
    const broken = DOC.replace("'connector' = 'datagen')", "'connector' = 'datagen'").replace('SELECT id FROM src', 'SELECT id FROM');
    const analysis = new SqlDocumentAnalyzer().analyze(broken, '2.3');
    expect(analysis.diagnostics.map((d) => [d.range.start.line, d.code, d.source])).toEqual([
      [1, 'syntax-error', 'flinksql'],
      [3, 'syntax-error', 'flinksql'],
    ]);
    const first = analysis.diagnostics[0]!;
    expect(first.message).toBe("expected ')' to close the WITH options opened at 1:73");
    expect(first.range.start).toEqual({ line: 1, character: broken.split('\n')[1]!.length - 1 });
    expect(analysis.statements[2]!.diagnostics).toEqual([]);
  });

  test('statementAt finds the statement under or before an offset', () => {
    const analysis = new SqlDocumentAnalyzer().analyze(DOC, '2.3');
    const offset = DOC.indexOf('blackhole');
    expect(analysis.statementAt(offset)!.index).toBe(2);
    expect(analysis.statementAt(0)!.index).toBe(0);
    expect(analysis.statementAt(DOC.length)!.index).toBe(3);
  });

  test('positionAt maps statement-relative offsets across lines', () => {
    const sql = 'SELECT 1;\n   SELECT\n  a,\n  b FROM t;';
    const s = new SqlDocumentAnalyzer().analyze(sql, '2.3').statements[1]!;
    expect(s.positionAt(0)).toEqual({ line: 1, character: 3 });
    expect(s.positionAt(s.statement.text.indexOf('b'))).toEqual({ line: 3, character: 2 });
  });

  test('SQL-client statement sets: only INSERT / CTAS inside, END needs a BEGIN, BEGIN needs an END', () => {
    const sql = 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nSELECT 2;\nEND;\nEND;\nBEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;';
    const codes = new SqlDocumentAnalyzer().analyze(sql, '2.3').diagnostics.map((d) => [d.range.start.line, d.code, d.severity]);
    expect(codes).toEqual([
      [2, 'statement-set-only-insert', 1],
      [4, 'statement-set-end-without-begin', 1],
      [5, 'statement-set-not-closed', 2],
    ]);
  });

  test('statements newer than the chosen Flink version get "needs Flink X.Y"', () => {
    const sql = "CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai');\nSELECT * FROM TABLE(ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(a)));\nCREATE TABLE v (j VARIANT);\nSHOW MATERIALIZED TABLES;";
    const analyzer = new SqlDocumentAnalyzer();
    const old = analyzer.analyze(sql, '1.20').diagnostics;
    expect(old.map((d) => [d.range.start.line, d.code])).toEqual([
      [0, 'needs-newer-flink'], [1, 'needs-newer-flink'], [2, 'needs-newer-flink'], [3, 'needs-newer-flink'],
    ]);
    expect(old[0]!.message).toBe('model DDL (CREATE/ALTER/DROP/SHOW/DESCRIBE MODEL) needs Flink 2.0 or newer (checking against Flink 1.20)');
    expect(old[1]!.range.start).toEqual({ line: 1, character: 20 });
    expect(analyzer.analyze(sql, '2.1').diagnostics.map((d) => d.range.start.line)).toEqual([3]);
    expect(analyzer.analyze(sql, '2.3').diagnostics).toEqual([]);
  });

  test('trees are built on demand, dropped beyond RETAINED_TREES and rebuilt identically', () => {
    const count = RETAINED_TREES + 50;
    const text = Array.from({ length: count }, (_, i) => `SELECT a${i} FROM t${i} WHERE x = ${i}`).join(';\n');
    const analysis = new SqlDocumentAnalyzer().analyze(`${text};\nSELECT FROM;`, '2.3');
    const first = analysis.statements[0]!.parsed;
    const before = first.tree;
    expect(before.getText()).toBe('SELECTa0FROMt0WHEREx=0<EOF>');
    for (const s of analysis.statements) expect(s.parsed.tree.statement()).not.toBeNull();
    const after = first.tree;
    expect(after).not.toBe(before); // evicted, rebuilt
    expect(after.getText()).toBe(before.getText());
    const broken = analysis.statements[count]!.parsed;
    expect(broken.errors).toHaveLength(1);
    expect(broken.tree.statement()?.queryStatement()).not.toBeNull(); // recovered tree of the broken statement
  });

  test('never throws on hostile input', () => {
    const analyzer = new SqlDocumentAnalyzer();
    for (const text of ['', ';', "'", '\u0000', 'BEGIN STATEMENT SET', 'END', '(((((((', 'SELECT '.repeat(500)]) {
      expect(() => analyzer.analyze(text, '1.20')).not.toThrow();
    }
  });
});
