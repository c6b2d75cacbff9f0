// Completion at caret markers `|`: keywords from the grammar, names from the script, catalogs.
import { describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver-types';
import { features, labels, withCaret } from './sqlFixture';

const DDL = `CREATE TABLE orders (
  order_id BIGINT,
  customer_id BIGINT,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'kafka:9092', 'format' = 'json');
CREATE TABLE customers (customer_id BIGINT, name STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db/shop', 'table-name' = 'customers');
CREATE VIEW big_orders AS SELECT order_id, amount AS total FROM orders WHERE amount > 100;
`;

function complete(marked: string, version: '1.20' | '2.3' = '2.3', variables: Record<string, string> = {}): CompletionItem[] {
  const { document, position } = withCaret(marked);
  return features(version, variables).completion!(document, position);
}

describe('keyword completion from the grammar', () => {
  it('offers statement keywords at the start of a document', () => {
    const got = labels(complete('|'));
    expect(got).toEqual(expect.arrayContaining(['SELECT', 'INSERT', 'CREATE', 'SET', 'RESET', 'SHOW', 'EXPLAIN', 'USE']));
    expect(got).not.toContain('FROM');
  });

  it('offers only what may follow: GROUP → BY', () => {
    expect(labels(complete('SELECT a FROM t GROUP |'))).toEqual(['BY']);
  });

  it('after a finished statement starts a new one', () => {
    const got = labels(complete('SELECT 1;\n|'));
    expect(got).toContain('CREATE');
    expect(got).not.toContain('WHERE');
  });

  it('offers data types in a column definition and no identifier-like keywords', () => {
    const items = complete('CREATE TABLE x (a |');
    const got = labels(items);
    expect(got).toEqual(expect.arrayContaining(['INT', 'BIGINT', 'STRING', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'DECIMAL', 'ARRAY', 'MAP', 'ROW']));
    expect(items.find((i) => i.label === 'DECIMAL')?.insertText).toBe('DECIMAL(${1:10}, ${2:0})');
    // Non-reserved keywords are valid identifiers there, but nobody wants 200 of them offered.
    expect(got).not.toContain('WATERMARKS');
    expect(got.length).toBeLessThan(60);
  });

  it('VARIANT needs Flink 2.1: not offered for 1.20', () => {
    expect(labels(complete('CREATE TABLE x (a |', '1.20'))).not.toContain('VARIANT');
    expect(labels(complete('CREATE TABLE x (a |', '2.3'))).toContain('VARIANT');
  });
});

describe('names from the script', () => {
  it('offers tables, views and catalogs after FROM', () => {
    const got = labels(complete(`${DDL}SELECT * FROM |`));
    expect(got).toEqual(expect.arrayContaining(['orders', 'customers', 'big_orders', 'default_catalog']));
  });

  it('offers columns of the tables in scope and their aliases in the select list', () => {
    const items = complete(`${DDL}SELECT | FROM orders o JOIN customers c ON o.customer_id = c.customer_id`);
    const got = labels(items);
    expect(got).toEqual(expect.arrayContaining(['order_id', 'amount', 'name', 'o', 'c']));
    // customer_id exists in both: qualified by alias.
    expect(got).toEqual(expect.arrayContaining(['o.customer_id', 'c.customer_id']));
    expect(got).not.toContain('customer_id');
    expect(items.find((i) => i.label === 'amount')?.detail).toContain('DECIMAL(10, 2)');
    // Functions are offered too.
    expect(got).toContain('COALESCE');
  });

  it('offers the columns of one alias after `alias.`', () => {
    expect(labels(complete(`${DDL}SELECT c.| FROM orders o JOIN customers c ON o.customer_id = c.customer_id`)).sort()).toEqual(['customer_id', 'name']);
  });

  it('completes a partially typed column after `alias.`', () => {
    const { document, position } = withCaret(`${DDL}SELECT o.am| FROM orders o`);
    const items = features().completion!(document, position);
    const amount = items.find((i) => i.label === 'amount');
    expect(amount).toBeDefined();
    // The edit replaces the typed prefix `am`.
    const edit = amount!.textEdit as { range: { start: { character: number } } };
    expect(edit.range.start.character).toBe(position.character - 2);
  });

  it('offers view columns derived from the view query', () => {
    expect(labels(complete(`${DDL}SELECT v.| FROM big_orders v`)).sort()).toEqual(['order_id', 'total']);
  });

  it('offers CTE names and their columns', () => {
    const text = `${DDL}WITH recent AS (SELECT order_id AS id, amount FROM orders) SELECT r.| FROM recent r`;
    expect(labels(complete(text)).sort()).toEqual(['amount', 'id']);
    expect(labels(complete(`${DDL}WITH recent AS (SELECT order_id FROM orders) SELECT * FROM |`))).toContain('recent');
  });

  it('offers window_start, window_end, window_time over a window TVF', () => {
    const got = labels(complete(`${DDL}SELECT window_start, | FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))`));
    expect(got).toEqual(expect.arrayContaining(['window_start', 'window_end', 'window_time', 'order_id', 'amount']));
  });

  it('offers the time attribute first inside DESCRIPTOR(…)', () => {
    const items = complete(`${DDL}SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(|), INTERVAL '1' MINUTE))`);
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    expect(sorted[0]?.label).toBe('order_time');
  });

  it('offers the target columns in an INSERT column list', () => {
    expect(labels(complete(`${DDL}INSERT INTO customers (|) SELECT 1, 'a'`))).toEqual(expect.arrayContaining(['customer_id', 'name']));
  });

  it('works in a statement broken further down the document', () => {
    const got = labels(complete(`${DDL}SELECT | FROM orders;\nSELECT FROM WHERE ((;\nCREATE TABLE`));
    expect(got).toContain('order_id');
  });
});

describe('options, SET keys and variables', () => {
  it('offers kafka option keys with docs, required ones first', () => {
    const items = complete(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', '|')`);
    const got = labels(items);
    expect(got).toEqual(expect.arrayContaining(['topic', 'properties.bootstrap.servers', 'scan.startup.mode', 'format', 'value.format']));
    expect(got).not.toContain('connector');
    const mode = items.find((i) => i.label === 'scan.startup.mode')!;
    expect(JSON.stringify(mode.documentation)).toContain('earliest-offset');
  });

  it('adds format options once the format is chosen', () => {
    const got = labels(complete(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'format' = 'json', |'')`.replace("|''", "'|'")));
    expect(got).toEqual(expect.arrayContaining(['json.ignore-parse-errors', 'json.timestamp-format.standard']));
  });

  it('offers datagen per-column options named after the columns', () => {
    const got = labels(complete(`CREATE TABLE t (user_id INT, name STRING) WITH ('connector' = 'datagen', '|')`));
    expect(got).toEqual(expect.arrayContaining(['fields.user_id.kind', 'fields.name.length', 'rows-per-second']));
  });

  it('offers connector names and enum values', () => {
    expect(labels(complete(`CREATE TABLE t (a INT) WITH ('connector' = '|')`))).toEqual(expect.arrayContaining(['kafka', 'upsert-kafka', 'datagen', 'filesystem', 'jdbc', 'print', 'blackhole']));
    expect(labels(complete(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'scan.startup.mode' = '|')`))).toEqual(['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets']);
  });

  it('offers SET keys of the chosen version with type and default, docs on resolve', () => {
    const items = complete(`SET '|`);
    const runtime = items.find((i) => i.label === 'execution.runtime-mode')!;
    expect(runtime.detail).toContain('Enum');
    expect(runtime.detail).toContain('STREAMING');
    const resolved = features().resolveCompletion!(runtime);
    expect(JSON.stringify(resolved.documentation)).toContain('BATCH');
    // 2.3-only keys are absent from the 1.20 catalog.
    expect(labels(complete(`SET '|'`, '1.20'))).not.toContain('application-result-store.delete-on-commit');
    expect(labels(complete(`SET '|'`, '2.3'))).toContain('application-result-store.delete-on-commit');
  });

  it('offers enum values of a SET key', () => {
    expect(labels(complete(`SET 'execution.runtime-mode' = '|'`)).sort()).toEqual(['AUTOMATIC', 'BATCH', 'STREAMING']);
    expect(labels(complete(`SET 'table.dml-sync' = '|'`)).sort()).toEqual(['false', 'true']);
  });

  it('offers RESET keys', () => {
    expect(labels(complete(`RESET '|'`))).toContain('pipeline.name');
  });

  it('offers ${var} variables from the context', () => {
    const items = complete(`SELECT * FROM t WHERE region = '\${|'`, '2.3', { region: 'eu', bootstrap: 'kafka:9092' });
    expect(labels(items).sort()).toEqual(['bootstrap', 'region']);
    expect(items.find((i) => i.label === 'region')?.detail).toBe('eu');
  });
});

describe('wide statements and edge cases', () => {
  const columns = Array.from({ length: 300 }, (_, i) => `c${i}`);
  const table = `CREATE TABLE wide (${columns.map((c) => `${c} INT`).join(', ')}) WITH ('connector' = 'datagen');\n`;

  it('shortened lists give the same grammar answers: after a complete item, FROM', () => {
    const got = labels(complete(`${table}SELECT ${columns.join(', ')} |`));
    expect(got).toContain('FROM');
    expect(got).toContain('AS');
  });

  it('in WHERE after a wide select list: columns, functions and predicates keywords', () => {
    const got = labels(complete(`${table}SELECT ${columns.join(', ')} FROM wide w WHERE |`));
    expect(got).toEqual(expect.arrayContaining(['c0', 'c299', 'w', 'NOT', 'EXISTS', 'CASE', 'UPPER']));
    expect(got).not.toContain('SELECT');
  });

  it('in the middle of a wide select list', () => {
    const marked = `${table}SELECT ${columns.slice(0, 150).join(', ')}, |, ${columns.slice(150).join(', ')} FROM wide`;
    const got = labels(complete(marked));
    expect(got).toEqual(expect.arrayContaining(['c42', 'CAST', 'CASE']));
    expect(got).not.toContain('DISTINCT');
  });

  it('offers nothing inside comments and hints', () => {
    expect(complete('SELECT 1 -- a comm|ent')).toEqual([]);
    expect(complete('SELECT /* blo|ck */ 1')).toEqual([]);
    expect(complete("SELECT /*+ OPTIONS('a'|='b') */ * FROM t")).toEqual([]);
  });

  it('the columns of the INSERT being written inside a statement set', () => {
    const text = `CREATE TABLE a (x INT) WITH ('connector' = 'print');\nCREATE TABLE b (y INT, z INT) WITH ('connector' = 'print');\nEXECUTE STATEMENT SET BEGIN\nINSERT INTO a (x) SELECT 1;\nINSERT INTO b (|) SELECT 1, 2;\nEND;`;
    const got = labels(complete(text));
    expect(got).toEqual(expect.arrayContaining(['y', 'z']));
    expect(got).not.toContain('x');
  });
});

describe('optimizer hints', () => {
  const table = `CREATE TABLE orders (id INT) WITH ('connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');\n`;

  it('offers hint names after /*+', () => {
    expect(labels(complete(`${table}SELECT * FROM orders /*+ | */`))).toEqual(expect.arrayContaining(['OPTIONS', 'LOOKUP', 'STATE_TTL', 'BROADCAST']));
  });

  it('offers the connector options of the hinted table as OPTIONS keys, and their values', () => {
    const keys = labels(complete(`${table}SELECT * FROM orders /*+ OPTIONS('|') */`));
    expect(keys).toEqual(expect.arrayContaining(['scan.startup.mode', 'json.ignore-parse-errors']));
    expect(keys).not.toContain('connector');
    expect(labels(complete(`${table}SELECT * FROM orders /*+ OPTIONS('scan.startup.mode' = '|') */`))).toContain('earliest-offset');
  });
});

describe('DDL positions', () => {
  const table = `CREATE TABLE orders (id INT) WITH ('connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'k', 'format' = 'json');\n`;

  it('offers the table columns after WATERMARK FOR', () => {
    expect(labels(complete('CREATE TABLE x (a INT, ts TIMESTAMP(3), WATERMARK FOR |'))).toEqual(expect.arrayContaining(['a', 'ts']));
  });

  it("offers whole 'key' = 'value' pairs right after WITH (", () => {
    const items = complete(`CREATE TABLE x (a INT) WITH ('connector' = 'datagen', |`);
    const rows = items.find((i) => i.label === 'rows-per-second');
    expect((rows?.textEdit as { newText: string }).newText).toBe("'rows-per-second' = '$1'");
    expect(labels(items)).not.toContain('connector');
  });

  it('ALTER TABLE … SET offers the options of the altered table, existing ones included', () => {
    const got = labels(complete(`${table}ALTER TABLE orders SET ('|')`));
    expect(got).toEqual(expect.arrayContaining(['scan.startup.mode', 'topic', 'json.ignore-parse-errors']));
  });
});
