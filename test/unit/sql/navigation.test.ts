// Go to definition, references, rename, outline and folding.
import { describe, expect, it } from 'vitest';
import { SymbolKind, type Location } from 'vscode-languageserver-types';
import { documentOf, features, withCaret } from './sqlFixture';

const SCRIPT = `CREATE TABLE orders (order_id BIGINT, amount INT) WITH ('connector' = 'datagen');
CREATE TABLE sink (order_id BIGINT, amount INT) WITH ('connector' = 'print');
INSERT INTO sink SELECT o.order_id, o.amount FROM orders o WHERE o.amount > 1;
WITH big AS (SELECT order_id FROM orders) SELECT b.order_id FROM big b;
`;

function at(marked: string) {
  return withCaret(marked);
}

function startOf(loc: Location): [number, number] {
  return [loc.range.start.line, loc.range.start.character];
}

describe('navigation', () => {
  it('goes from a table use to its CREATE TABLE', () => {
    const { document, position } = at(SCRIPT.replace('FROM orders o', 'FROM ord|ers o'));
    const def = features().definition!(document, position) as Location[];
    expect(def.map(startOf)).toEqual([[0, 13]]);
  });

  it('goes from a column use (through an alias) to its definition', () => {
    const { document, position } = at(SCRIPT.replace('o.amount >', 'o.amo|unt >'));
    const def = features().definition!(document, position) as Location[];
    expect(def.map(startOf)).toEqual([[0, 38]]);
  });

  it('goes from an alias use to the alias and from a CTE use to the CTE', () => {
    const alias = at(SCRIPT.replace('o.order_id,', '|o.order_id,'));
    expect((features().definition!(alias.document, alias.position) as Location[]).map(startOf)).toEqual([[2, 57]]);
    const cte = at(SCRIPT.replace('FROM big b', 'FROM b|ig b'));
    expect((features().definition!(cte.document, cte.position) as Location[]).map(startOf)).toEqual([[3, 5]]);
  });

  it('finds every reference of a table', () => {
    const { document, position } = at(SCRIPT.replace('CREATE TABLE orders', 'CREATE TABLE or|ders'));
    const refs = features().references!(document, position, true);
    expect(refs.map(startOf)).toEqual([[0, 13], [2, 50], [3, 34]]);
    expect(features().references!(document, position, false)).toHaveLength(2);
  });

  it('renames a column everywhere it resolves to, and nothing else', () => {
    const { document, position } = at(SCRIPT.replace('CREATE TABLE orders (order_id', 'CREATE TABLE orders (order|_id'));
    const f = features();
    expect(f.prepareRename!(document, position)?.placeholder).toBe('order_id');
    const edit = f.rename!(document, position, 'id')!;
    const edits = edit.changes![document.uri]!;
    // Definition, o.order_id in the INSERT, order_id in the CTE: not sink.order_id.
    expect(edits.map((e) => [e.range.start.line, e.range.start.character])).toEqual([[0, 21], [2, 26], [3, 20]]);
    expect(edits.every((e) => e.newText === 'id')).toBe(true);
  });

  it('quotes a new name that is not a plain identifier', () => {
    const { document, position } = at(SCRIPT.replace('CREATE TABLE sink', 'CREATE TABLE si|nk'));
    const edits = features().rename!(document, position, 'my sink')!.changes![document.uri]!;
    expect(edits.map((e) => e.newText)).toEqual(['`my sink`', '`my sink`']);
  });

  it('refuses to rename built-ins and unknown names', () => {
    const { document, position } = at('SELECT UPP|ER(x) FROM external_table;');
    expect(features().prepareRename!(document, position)).toBeNull();
  });

  it('outlines tables with their columns and other statements', () => {
    const symbols = features().documentSymbols!(documentOf(SCRIPT + "SET 'pipeline.name' = 'job';"));
    expect(symbols.map((s) => s.name)).toEqual(['orders', 'sink', 'INSERT INTO sink', 'WITH big AS (SELECT order_id FROM orders) SELECT b.order_id…', 'SET pipeline.name']);
    expect(symbols[0]!.kind).toBe(SymbolKind.Class);
    expect(symbols[0]!.children!.map((c) => `${c.name}:${c.detail}`)).toEqual(['order_id:BIGINT', 'amount:INT']);
  });

  it('folds multi-line statements and statement sets', () => {
    const text = `CREATE TABLE t (\n  a INT\n) WITH (\n  'connector' = 'datagen'\n);\nBEGIN STATEMENT SET;\nINSERT INTO t SELECT 1;\nINSERT INTO t SELECT 2;\nEND;\n`;
    const ranges = features().foldingRanges!(documentOf(text));
    expect(ranges).toEqual(expect.arrayContaining([{ startLine: 0, endLine: 4 }, { startLine: 5, endLine: 8, kind: 'region' }]));
  });
});

describe('document links', () => {
  it('links JARs and file: paths, relative to the script, and skips variables and remote paths', () => {
    const text = `ADD JAR 'lib/udf.jar';\nCREATE FUNCTION f AS 'com.x.F' USING JAR '/opt/jars/f.jar';\nADD JAR '\${jar}';\nADD JAR 'hdfs:///jars/x.jar';\nCREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/out', 'format' = 'csv');`;
    const links = features().documentLinks!(documentOf(text, 'file:///work/jobs/job.flink.sql'));
    expect(links.map((l) => l.target)).toEqual(['file:///work/jobs/lib/udf.jar', 'file:///opt/jars/f.jar', 'file:///tmp/out']);
    expect(links[0]!.range.start).toEqual({ line: 0, character: 9 });
  });
});
