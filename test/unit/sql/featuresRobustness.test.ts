// Every SQL feature on hostile input: no exception, an answer (possibly empty) for each request.
import { describe, expect, it } from 'vitest';
import { documentOf, features } from './sqlFixture';

const HOSTILE = [
  '('.repeat(3000),
  `SELECT ${'('.repeat(500)}1${')'.repeat(500)} FROM t`,
  `SELECT ${'a'.repeat(100_000)} FROM t`,
  "SELECT 'unterminated",
  'SELECT /* unterminated',
  'SELECT `unterminated',
  Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'),
  'CREATE TABLE t (' + 'a INT, '.repeat(3000),
  "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', " + "'k' = 'v', ".repeat(2000),
  'WITH a AS (SELECT * FROM a) SELECT * FROM a',
  'CREATE VIEW v AS SELECT * FROM v;\nSELECT x FROM v;',
  'SELECT * FROM TABLE(TUMBLE(TABLE TABLE(TUMBLE(TABLE',
  '\u0000\uFFFF\uD800${${${',
  ';;;;;;;;',
  'EXECUTE STATEMENT SET BEGIN INSERT INTO',
];

describe('SQL features on hostile input', () => {
  it('answer every request without throwing', () => {
    const f = features();
    for (const text of HOSTILE) {
      const document = documentOf(text);
      expect(Array.isArray(f.diagnostics(document))).toBe(true);
      for (const offset of [0, 1, Math.floor(text.length / 2), text.length - 1, text.length]) {
        const position = document.positionAt(Math.max(0, offset));
        expect(Array.isArray(f.completion!(document, position))).toBe(true);
        f.hover!(document, position);
        f.definition!(document, position);
        expect(Array.isArray(f.references!(document, position, true))).toBe(true);
        f.prepareRename!(document, position);
        f.rename!(document, position, 'x y');
      }
      expect(Array.isArray(f.documentSymbols!(document))).toBe(true);
      expect(Array.isArray(f.foldingRanges!(document))).toBe(true);
    }
  });

  it('a self-referencing view does not loop', () => {
    const f = features();
    const document = documentOf('CREATE VIEW v AS SELECT * FROM w;\nCREATE VIEW w AS SELECT * FROM v;\nSELECT nope FROM v;');
    expect(Array.isArray(f.diagnostics(document))).toBe(true);
  });
});
