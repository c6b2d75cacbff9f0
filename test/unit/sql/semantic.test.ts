// Semantic diagnostics: Warnings with stable codes and source "flinksql".
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { documentOf, features } from './sqlFixture';

const ORDERS = `CREATE TABLE orders (
  order_id BIGINT,
  amount DECIMAL(10, 2),
  note STRING,
  order_time TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'kafka:9092', 'format' = 'json');
`;

function check(text: string, version: '1.20' | '2.0' | '2.3' = '2.3', variables: Record<string, string> = {}, jobFileUri?: string): Diagnostic[] {
  return features(version, variables, jobFileUri).diagnostics(documentOf(text));
}

function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code));
}

describe('semantic diagnostics', () => {
  it('a correct script has no findings', () => {
    const text = `${ORDERS}CREATE TABLE sink (order_id BIGINT, total DECIMAL(10, 2)) WITH ('connector' = 'print');
INSERT INTO sink SELECT o.order_id, o.amount FROM orders AS o WHERE o.amount > 10;
SELECT window_start, window_end, SUM(amount) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;
SET 'execution.runtime-mode' = 'streaming';`;
    expect(check(text)).toEqual([]);
  });

  it('every finding is a Warning from flinksql with a code', () => {
    const ds = check(`${ORDERS}SELECT nope FROM missing_table;`);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) {
      expect(d.severity).toBe(DiagnosticSeverity.Warning);
      expect(d.source).toBe('flinksql');
      expect(typeof d.code).toBe('string');
    }
  });

  it('unknown table, with did-you-mean and the case-sensitivity hint', () => {
    const [d] = check(`${ORDERS}SELECT * FROM Orders;`);
    expect(d?.code).toBe('unknown-table');
    expect(d?.message).toContain("did you mean 'orders'");
    expect(d?.message).toContain('case-sensitive');
    expect(d?.range.start).toEqual({ line: 8, character: 14 });
  });

  it('does not flag tables that live in an external catalog', () => {
    const text = `CREATE CATALOG hive WITH ('type' = 'hive', 'hive-conf-dir' = '/etc/hive');\nSELECT * FROM hive.db.events;\nUSE CATALOG hive;\nSELECT * FROM other_events;`;
    expect(check(text)).toEqual([]);
  });

  it('does not flag CTE names', () => {
    expect(check(`${ORDERS}WITH big AS (SELECT order_id FROM orders WHERE amount > 5) SELECT order_id FROM big;`)).toEqual([]);
  });

  it('unknown column with did-you-mean, qualified and unqualified', () => {
    const ds = check(`${ORDERS}SELECT o.amout, ordr_id FROM orders o;`);
    expect(codes(ds)).toEqual(['unknown-column', 'unknown-column']);
    expect(ds[0]!.message).toContain("did you mean 'amount'");
    expect(ds[1]!.message).toContain("did you mean 'order_id'");
  });

  it('no column findings when a source is unknown (it may have any columns)', () => {
    expect(codes(check(`${ORDERS}SELECT whatever FROM orders JOIN hive.db.t ON true;`))).toEqual([]);
  });

  it('unknown function with did-you-mean; script functions and modules are known', () => {
    const ds = check(`${ORDERS}SELECT UPPPER(note) FROM orders;`);
    expect(codes(ds)).toEqual(['unknown-function']);
    expect(ds[0]!.message).toContain('did you mean UPPER');
    expect(check(`${ORDERS}CREATE FUNCTION my_udf AS 'com.example.MyUdf';\nSELECT my_udf(note) FROM orders;`)).toEqual([]);
    expect(check(`${ORDERS}LOAD MODULE hive;\nSELECT get_json_object(note, '$.a') FROM orders;`)).toEqual([]);
  });

  it('a function newer than the chosen version', () => {
    const ds = check(`${ORDERS}SELECT TRY_PARSE_JSON(note) FROM orders;`, '2.0');
    expect(codes(ds)).toEqual(['function-needs-version']);
    expect(ds[0]!.message).toContain('needs Flink 2.1');
    expect(check(`${ORDERS}SELECT TRY_PARSE_JSON(note) FROM orders;`, '2.3')).toEqual([]);
  });

  it('the changelog process table functions of 2.3 are known there and flagged before', () => {
    const sql = `${ORDERS}SELECT * FROM TO_CHANGELOG(input => TABLE orders PARTITION BY id);`;
    expect(check(sql, '2.3')).toEqual([]);
    const ds = check(sql, '2.0');
    expect(ds.map((d) => [d.code, String(d.message).includes('needs Flink 2.3')])).toContainEqual(['function-needs-version', true]);
  });

  it('unknown connector option with did-you-mean, invalid enum value, missing required option', () => {
    const ds = check(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json', 'scan.startup.mod' = 'latest-offset', 'sink.delivery-guarantee' = 'twice');
CREATE TABLE j (a INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db/x');`);
    expect(codes(ds)).toEqual(['unknown-connector-option', 'invalid-option-value', 'missing-required-option']);
    expect(ds[0]!.message).toContain("did you mean 'scan.startup.mode'");
    expect(ds[1]!.message).toContain('at-least-once');
    expect(ds[2]!.message).toContain("'table-name'");
  });

  it('accepts pattern options (properties.*, fields.#.kind) and format options', () => {
    expect(check(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k', 'properties.security.protocol' = 'SASL_SSL', 'value.format' = 'json', 'value.json.ignore-parse-errors' = 'true');
CREATE TABLE g (a INT) WITH ('connector' = 'datagen', 'fields.a.kind' = 'sequence', 'fields.a.start' = '1', 'fields.a.end' = '10');`)).toEqual([]);
  });

  it('SET key not in the version catalog, with did-you-mean; removed keys name the replacement', () => {
    const ds = check(`SET 'table.exec.mini-batch.enabld' = 'true';\nSET 'state.backend' = 'rocksdb';\nSET 'execution.runtime-mode' = 'sometimes';`);
    expect(codes(ds)).toEqual(['unknown-set-key', 'removed-set-key', 'invalid-set-value']);
    expect(ds[0]!.message).toContain("did you mean 'table.exec.mini-batch.enabled'");
    expect(ds[1]!.message).toContain("use 'state.backend.type'");
    expect(ds[1]!.message).toContain('removed in Flink 2.0');
    // Deprecated (still accepted) in 1.20.
    expect(check(`SET 'state.backend' = 'rocksdb';`, '1.20')[0]!.message).toContain('deprecated in Flink 1.20');
    // Keys that exist only in newer versions.
    const newer = check(`SET 'application-result-store.delete-on-commit' = 'true';`, '1.20');
    expect(codes(newer)).toEqual(['unknown-set-key']);
    expect(newer[0]!.message).toContain('needs Flink 2.3');
    expect(check(`SET 'application-result-store.delete-on-commit' = 'true';`, '2.3')).toEqual([]);
  });

  it('unknown dynamic table options in OPTIONS hints', () => {
    const ds = check(`${ORDERS}SELECT * FROM orders /*+ OPTIONS('scan.startup.mod' = 'latest-offset', 'scan.startup.mode' = 'latest-offset') */;`);
    expect(codes(ds)).toEqual(['unknown-connector-option']);
    expect(ds[0]!.message).toContain("did you mean 'scan.startup.mode'");
    expect(ds[0]!.range.start).toEqual({ line: 8, character: 33 });
  });

  it('duplicate columns', () => {
    const ds = check(`CREATE TABLE t (a INT, b STRING, a BIGINT) WITH ('connector' = 'blackhole');`);
    expect(codes(ds)).toEqual(['duplicate-column']);
    expect(ds[0]!.range.start.character).toBe(33);
  });

  it('INSERT column count and type mismatches when both sides are known', () => {
    const base = `${ORDERS}CREATE TABLE sink (order_id BIGINT, note STRING) WITH ('connector' = 'print');\n`;
    const ds = check(`${base}INSERT INTO sink SELECT order_id, note, amount FROM orders;`);
    expect(codes(ds)).toEqual(['insert-column-count']);
    expect(ds[0]!.message).toContain('3 columns');
    const typed = check(`${base}INSERT INTO sink SELECT note, order_id FROM orders;`);
    expect(codes(typed)).toEqual(['insert-column-type', 'insert-column-type']);
    expect(check(`${base}INSERT INTO sink (note) SELECT note FROM orders;`)).toEqual([]);
    expect(codes(check(`${base}INSERT INTO sink VALUES (1, 'a', 3);`))).toEqual(['insert-column-count']);
    // Unknown source columns: nothing to say.
    expect(check(`${base}INSERT INTO sink SELECT * FROM hive.db.t;`)).toEqual([]);
  });

  it('window TVF over a column that has no watermark', () => {
    const ds = check(`CREATE TABLE clicks (url STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`);
    expect(codes(ds)).toEqual(['window-without-watermark']);
    expect(ds[0]!.message).toContain('WATERMARK FOR ts');
    // A PROCTIME() column is a time attribute too.
    expect(check(`${ORDERS}SELECT window_start FROM TABLE(HOP(TABLE orders, DESCRIPTOR(pt), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start, window_end;`)).toEqual([]);
  });

  it('undefined ${var} when a job file provides the variables', () => {
    const text = `SELECT * FROM \${source_table} WHERE region = '\${region}';`;
    const ds = check(text, '2.3', { region: 'eu' }, 'file:///job.flink.yaml');
    expect(codes(ds)).toEqual(['undefined-variable']);
    expect(ds[0]!.message).toContain("'source_table'");
    expect(check(text, '2.3', { region: 'eu', source_table: 'orders' }, 'file:///job.flink.yaml')).toEqual([]);
  });

  it('syntax errors and semantic findings together; an error in one statement does not hide another', () => {
    const ds = check(`${ORDERS}SELECT FROM WHERE;\nSELECT * FROM missing;`);
    expect(codes(ds)).toContain('unknown-table');
    expect(ds.some((d) => d.severity === DiagnosticSeverity.Error)).toBe(true);
  });

  it('re-checks other statements when a definition changes, and only then', () => {
    const f = features();
    const v1 = `CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nSELECT b FROM t;`;
    expect(codes(f.diagnostics(documentOf(v1)))).toEqual(['unknown-column']);
    // An option value changes: the definitions seen by others do not.
    const v2 = v1.replace("'datagen'", "'datagen', 'rows-per-second' = '5'");
    expect(codes(f.diagnostics(documentOf(v2)))).toEqual(['unknown-column']);
    // The column appears: the SELECT is checked again.
    const v3 = v2.replace('(a INT)', '(a INT, b STRING)');
    expect(f.diagnostics(documentOf(v3))).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const text of ['((((((((', "SELECT '", 'CREATE TABLE (', '\u0000\u0001', '`', 'WITH a AS (SELECT', "INSERT INTO x SELECT * FROM TABLE(TUMBLE(TABLE", 'SET', "SET '"]) {
      expect(() => check(text)).not.toThrow();
    }
  });
});

describe('quick fixes', () => {
  it('turn did-you-mean findings into edits, keeping quotes', () => {
    const text = `CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'k', 'format' = 'json', 'scan.startup.mod' = 'latest-offset');\nSELECT UPPPER(a) FROM t;\nSET 'state.backend' = 'rocksdb';`;
    const f = features();
    const document = documentOf(text);
    const diagnostics = f.diagnostics(document);
    const actions = f.codeActions!(document, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, diagnostics);
    const edits = actions.map((a) => a.edit!.changes![document.uri]![0]!.newText);
    expect(edits).toEqual(["'scan.startup.mode'", 'UPPER', "'state.backend.type'"]);
    expect(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1)).toBe(true);
  });
});
