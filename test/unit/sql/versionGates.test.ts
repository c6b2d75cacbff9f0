// Version gates: statements the grammar accepts but an older Flink does not. One test per gate:
// flagged below its first version (with the position of what needs it), accepted from it on.
import { describe, expect, test } from 'vitest';
import type { FlinkVersionLine } from '../../../server/src/protocol';
import { findVersionGateViolations, VERSION_GATES } from '../../../server/src/languageService/sql/versionGates';
import { expectParses } from './sqlTestUtils';

const MT_QUERY = 'AS SELECT a, b FROM src';

/** Gate ids a statement violates when checked against `version`, with the text each one marks. */
function violations(sql: string, version: FlinkVersionLine): Array<[string, string]> {
  return findVersionGateViolations(expectParses(sql), version).map((v) => [v.id, sql.slice(v.start, v.end)]);
}

/** The statement needs exactly `gate` below `since` (marking `marked`) and nothing from `since` on. */
function expectGate(sql: string, gate: keyof typeof VERSION_GATES, marked: string): void {
  const since = VERSION_GATES[gate].since;
  const older: FlinkVersionLine = since === '2.0' ? '1.20' : (`2.${Number(since.split('.')[1]) - 1}` as FlinkVersionLine);
  expect(violations(sql, older)).toContainEqual([VERSION_GATES[gate].id, marked]);
  expect(violations(sql, since).map(([id]) => id)).not.toContain(VERSION_GATES[gate].id);
}

describe('version gates checked against the Flink release notes', () => {
  test('gates whose first version was corrected', () => {
    expect(VERSION_GATES.createOrAlterMaterializedTable.since).toBe('2.3');
    expect(VERSION_GATES.alterMaterializedTableAsQuery.since).toBe('2.0');
  });

  test('CREATE OR ALTER MATERIALIZED TABLE needs 2.3', () => {
    expectGate(`CREATE OR ALTER MATERIALIZED TABLE mt FRESHNESS = INTERVAL '1' MINUTE ${MT_QUERY}`, 'createOrAlterMaterializedTable', 'CREATE OR ALTER MATERIALIZED TABLE');
    expect(violations(`CREATE OR ALTER MATERIALIZED TABLE mt FRESHNESS = INTERVAL '1' MINUTE ${MT_QUERY}`, '2.2').map(([id]) => id)).toEqual(['create-or-alter-materialized-table']);
  });

  test('ALTER MATERIALIZED TABLE ... AS query needs 2.0', () => {
    expectGate(`ALTER MATERIALIZED TABLE mt ${MT_QUERY}`, 'alterMaterializedTableAsQuery', 'AS');
  });

  test('a materialized table without FRESHNESS needs 2.2', () => {
    expectGate(`CREATE MATERIALIZED TABLE mt REFRESH_MODE = CONTINUOUS ${MT_QUERY}`, 'materializedTableWithoutFreshness', 'CREATE MATERIALIZED TABLE');
    // With FRESHNESS it is 1.20 syntax, also with a primary key (the only list element before 2.3).
    expect(violations(`CREATE MATERIALIZED TABLE mt (CONSTRAINT pk PRIMARY KEY (a) NOT ENFORCED) FRESHNESS = INTERVAL '1' MINUTE ${MT_QUERY}`, '1.20')).toEqual([]);
    // FRESHNESS inside the query does not count.
    expect(violations(`CREATE MATERIALIZED TABLE mt AS SELECT freshness FROM src`, '2.1').map(([id]) => id)).toEqual(['materialized-table-without-freshness']);
  });

  test('columns and watermarks of a materialized table need 2.3 (CREATE and ALTER ADD/MODIFY)', () => {
    expectGate(`CREATE MATERIALIZED TABLE db.mt (a INT, PRIMARY KEY (a) NOT ENFORCED) FRESHNESS = INTERVAL '1' MINUTE ${MT_QUERY}`, 'materializedTableColumns', 'a');
    expectGate(`CREATE MATERIALIZED TABLE IF NOT EXISTS mt (PRIMARY KEY (a) NOT ENFORCED, WATERMARK FOR ts AS ts) FRESHNESS = INTERVAL '1' MINUTE ${MT_QUERY}`, 'materializedTableColumns', 'WATERMARK');
    expectGate('ALTER MATERIALIZED TABLE mt ADD (c AS a + 1, d STRING METADATA)', 'materializedTableColumns', 'ADD (c');
    expectGate('ALTER MATERIALIZED TABLE mt MODIFY c AS a + 2', 'materializedTableColumns', 'MODIFY c');
  });

  test('distribution of materialized tables needs 2.2 (CREATE, ALTER ADD/MODIFY/DROP DISTRIBUTION)', () => {
    expectGate(`CREATE MATERIALIZED TABLE mt DISTRIBUTED BY HASH(a) INTO 4 BUCKETS FRESHNESS = INTERVAL '1' MINUTE ${MT_QUERY}`, 'materializedTableDistribution', 'DISTRIBUTED');
    expectGate('ALTER MATERIALIZED TABLE mt ADD DISTRIBUTION BY HASH(a) INTO 4 BUCKETS', 'materializedTableDistribution', 'ADD DISTRIBUTION');
    expectGate('ALTER MATERIALIZED TABLE mt DROP DISTRIBUTION', 'materializedTableDistribution', 'DROP DISTRIBUTION');
    expect(violations('ALTER MATERIALIZED TABLE mt ADD DISTRIBUTION BY HASH(a) INTO 4 BUCKETS', '2.2')).toEqual([]);
  });

  test('ML_EVALUATE needs 2.1', () => {
    expectGate("SELECT * FROM ML_EVALUATE(TABLE t, MODEL m, DESCRIPTOR(label), DESCRIPTOR(f1, f2), 'classification')", 'mlEvaluate', 'ML_EVALUATE');
    // A column or table named like the function is not a call.
    expect(violations('SELECT ml_evaluate FROM t', '1.20')).toEqual([]);
  });

  test('FROM_CHANGELOG and TO_CHANGELOG need 2.3', () => {
    expectGate('SELECT * FROM FROM_CHANGELOG(input => TABLE cdc PARTITION BY id)', 'fromChangelog', 'FROM_CHANGELOG');
    expectGate('SELECT * FROM to_changelog(input => TABLE orders PARTITION BY id)', 'toChangelog', 'to_changelog');
  });

  test('ORDER BY on a table argument needs 2.3, other ORDER BYs do not', () => {
    expectGate('SELECT * FROM my_ptf(input => TABLE t PARTITION BY k ORDER BY ts)', 'tableArgumentOrderBy', 'ORDER BY');
    expectGate('SELECT * FROM my_ptf(TABLE t ORDER BY ts, 3)', 'tableArgumentOrderBy', 'ORDER BY');
    for (const sql of [
      'SELECT a FROM t ORDER BY a',
      'SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) FROM t',
      'SELECT LISTAGG(a) WITHIN GROUP (ORDER BY a) FROM t',
      'SELECT * FROM f(TABLE (SELECT a FROM t ORDER BY a))',
    ]) expect(violations(sql, '2.2').map(([id]) => id), sql).not.toContain('ptf-order-by');
  });

  test('START_MODE of materialized tables needs 2.3', () => {
    expectGate(`CREATE MATERIALIZED TABLE mt START_MODE = FROM_NOW(INTERVAL '3' MINUTE) ${MT_QUERY}`, 'startMode', 'START_MODE = FROM_NOW');
    expectGate(`ALTER MATERIALIZED TABLE mt START_MODE = RESUME_OR_FROM_BEGINNING ${MT_QUERY}`, 'startMode', 'START_MODE = RESUME_OR_FROM_BEGINNING');
    expect(violations('SELECT start_mode FROM t', '1.20')).toEqual([]);
  });

  test('INSERT ... ON CONFLICT needs 2.3', () => {
    expectGate('INSERT INTO snk SELECT MAX(a), COUNT(*) FROM src GROUP BY b ON CONFLICT DO ERROR', 'onConflict', 'ON CONFLICT DO ERROR');
    expectGate('INSERT INTO snk SELECT * FROM a JOIN b ON a.id = b.id ON CONFLICT DO DEDUPLICATE', 'onConflict', 'ON CONFLICT DO DEDUPLICATE');
    // A join condition on a column named `conflict` is not the clause.
    expect(violations('INSERT INTO snk SELECT * FROM a JOIN b ON conflict', '2.2')).toEqual([]);
  });

  test('USING ARTIFACT in CREATE FUNCTION needs 2.3, USING JAR does not', () => {
    expectGate("CREATE FUNCTION f AS 'com.example.F' USING ARTIFACT 's3://bucket/f.jar'", 'usingArtifact', 'ARTIFACT');
    expectGate("CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.example.F' USING JAR 'a.jar', ARTIFACT 'b.jar'", 'usingArtifact', 'ARTIFACT');
    expect(violations("CREATE FUNCTION f AS 'com.example.F' USING JAR 'a.jar', JAR 'b.jar'", '1.20')).toEqual([]);
    expect(violations('SELECT a, artifact FROM t', '1.20')).toEqual([]);
  });

  test('STRUCTURED types need 2.1', () => {
    expectGate("CREATE TABLE t (u STRUCTURED<'com.example.User', name STRING, age INT>)", 'structuredType', 'STRUCTURED');
    expect(violations('SELECT structured FROM t', '1.20')).toEqual([]);
  });

  test('every gate has a known first version and a unique id', () => {
    const gates = Object.values(VERSION_GATES);
    expect(new Set(gates.map((g) => g.id)).size).toBe(gates.length);
    for (const gate of gates) expect(['2.0', '2.1', '2.2', '2.3']).toContain(gate.since);
  });
});
