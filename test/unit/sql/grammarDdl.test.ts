// DDL statements of Flink SQL 1.20 – 2.3: catalogs, databases, tables, views, functions,
// materialized tables and models.
import { describe, expect, test } from 'vitest';
import { ColumnDefinitionContext, CreateTableContext, IntegerTypeContext, RowTypeContext, UserDefinedTypeContext } from '../../../server/src/languageService/sql/generated/FlinkSqlParser';
import { checkStatementSyntax } from '../../../server/src/languageService/sql/parseStatement';
import { expectParses, expectRejects, statementKind } from './sqlTestUtils';

describe('catalogs and databases', () => {
  test.each([
    ["CREATE CATALOG c1 WITH ('type' = 'generic_in_memory')", 'createCatalog'],
    ["CREATE CATALOG IF NOT EXISTS c1 COMMENT 'demo' WITH ('type' = 'jdbc', 'base-url' = 'jdbc:mysql://127.0.0.1:3306')", 'createCatalog'],
    ["ALTER CATALOG c1 SET ('default-database' = 'db')", 'alterCatalog'],
    ["ALTER CATALOG c1 RESET ('default-database', 'x')", 'alterCatalog'],
    ["ALTER CATALOG c1 COMMENT 'new comment'", 'alterCatalog'],
    ['DROP CATALOG IF EXISTS c1', 'dropCatalog'],
    ["CREATE DATABASE IF NOT EXISTS c1.db1 COMMENT 'x' WITH ('k' = 'v')", 'createDatabase'],
    ["ALTER DATABASE db1 SET ('k' = 'v')", 'alterDatabase'],
    ['DROP DATABASE IF EXISTS c1.db1 CASCADE', 'dropDatabase'],
  ])('%s', (sql, kind) => {
    expect(statementKind(expectParses(sql))).toBe(kind);
  });

  test('a catalog name is a single identifier', () => {
    expectRejects("CREATE CATALOG a.b WITH ('type' = 'x')");
  });
});

describe('CREATE TABLE', () => {
  const full = `CREATE TABLE IF NOT EXISTS cat.db.orders (
    order_id BIGINT NOT NULL,
    price DECIMAL(10, 2) COMMENT 'price in EUR',
    buyer ROW<name STRING, address ROW<city STRING 'the city', zip VARCHAR(10)>>,
    tags ARRAY<STRING>, props MAP<STRING, ARRAY<INT NOT NULL>>, bag MULTISET<INT>, legacy INT ARRAY,
    ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3), t2 TIMESTAMP(6) WITH LOCAL TIME ZONE, t3 TIMESTAMP WITHOUT TIME ZONE,
    d DATE, tm TIME(0), b BOOLEAN, bin BINARY(4), vb VARBINARY, byt BYTES, c CHAR(2), f FLOAT, db DOUBLE PRECISION,
    iv INTERVAL DAY(2) TO SECOND(3), r RAW('java.lang.Object', 'snapshot'), empty_row ROW<>, v VARIANT,
    total AS price * 2,
    proc AS PROCTIME(),
    kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
    part INT METADATA VIRTUAL,
    \`offset\` BIGINT METADATA VIRTUAL COMMENT 'kafka offset',
    id2 INT PRIMARY KEY NOT ENFORCED,
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
    CONSTRAINT pk PRIMARY KEY (order_id) NOT ENFORCED
  ) COMMENT 'orders'
  DISTRIBUTED BY HASH(order_id) INTO 4 BUCKETS
  PARTITIONED BY (d)
  WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json',)`;

  test('every column kind, constraint, watermark and clause', () => {
    const parsed = expectParses(full);
    const create = parsed.tree.statement()!.createTable()!;
    expect(create).toBeInstanceOf(CreateTableContext);
    const columns = create.tableElement().map((e) => e.columnDefinition()).filter((c): c is ColumnDefinitionContext => c !== null);
    const kind = (c: ColumnDefinitionContext) => (c.computedColumnSpec() ? 'computed' : c.metadataColumnSpec() ? 'metadata' : 'physical');
    expect(columns.find((c) => c.columnName().getText() === 'total') && kind(columns.find((c) => c.columnName().getText() === 'total')!)).toBe('computed');
    expect(kind(columns.find((c) => c.columnName().getText() === 'kafka_ts')!)).toBe('metadata');
    expect(kind(columns.find((c) => c.columnName().getText() === 'price')!)).toBe('physical');
    expect(create.tableElement().filter((e) => e.watermarkDefinition()).length).toBe(1);
    expect(create.withOptions()!.propertyList().property().map((p) => p.propertyKey().getText())).toEqual(["'connector'", "'topic'", "'format'"]);
    expect(create.distributionAndPartitioning()!.distribution()).not.toBeNull();
  });

  test.each([
    "CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen')",
    "CREATE TABLE t (a INT) DISTRIBUTED BY (a) WITH ('connector' = 'x')",
    "CREATE TABLE t (a INT) DISTRIBUTED BY RANGE(a)",
    "CREATE TABLE t (a INT) DISTRIBUTED INTO 3 BUCKETS",
    "CREATE TABLE t (a INT) PARTITIONED BY (a) DISTRIBUTED INTO 3 BUCKETS WITH ('k' = 'v')",
    "CREATE TABLE t2 WITH ('connector' = 'print') LIKE t (EXCLUDING ALL INCLUDING GENERATED OVERWRITING OPTIONS)",
    "CREATE TABLE t2 (extra INT) LIKE t",
    "CREATE TABLE t3 WITH ('connector' = 'blackhole') AS SELECT * FROM t",
    "CREATE OR REPLACE TABLE t3 WITH ('connector' = 'blackhole') AS SELECT a, b FROM t WHERE a > 1",
    "REPLACE TABLE t3 WITH ('connector' = 'blackhole') AS SELECT 1",
    "CREATE TABLE t (a INT, b AS a + 1, WATERMARK FOR a AS a) WITH ('k' = 'v')",
    "CREATE TABLE t (`select` INT, `from` STRING, comment STRING, `value` INT, type STRING, data STRING, version INT, name STRING, timestamp TIMESTAMP(3)) WITH ('k' = '${value}')",
    "CREATE TABLE ${table_name} (a INT) WITH (${key} = '${v}')",
  ])('%s', (sql) => {
    expectParses(sql);
  });

  test.each([
    "CREATE TABLE t (a INT,) WITH ('k' = 'v')",
    "CREATE TABLE t (a INT) WITH (connector = 'kafka')",
    "CREATE TABLE t (a INT) WITH ('sink.parallelism' = 2)",
    "CREATE TABLE t (a INT) PARTITIONED BY (a INT)",
    "CREATE TABLE t (a INT PRIMARY KEY) WITH ('k' = 'v')",
    "CREATE TABLE t (a INT) WITH ('k' = 'v') TBLPROPERTIES ('x' = 'y')",
  ])('rejects %s', (sql) => {
    expectRejects(sql);
  });
});

describe('ALTER / DROP TABLE', () => {
  test.each([
    'ALTER TABLE t RENAME TO t2',
    'ALTER TABLE IF EXISTS c.d.t RENAME a TO b',
    "ALTER TABLE t SET ('scan.startup.mode' = 'latest-offset')",
    "ALTER TABLE t RESET ('scan.startup.mode')",
    'ALTER TABLE t RESET ()',
    "ALTER TABLE t ADD c INT COMMENT 'x' FIRST",
    'ALTER TABLE t ADD (c INT AFTER b, d AS c * 2, WATERMARK FOR ts AS ts, PRIMARY KEY (a) NOT ENFORCED)',
    'ALTER TABLE t MODIFY c BIGINT NOT NULL',
    "ALTER TABLE t MODIFY (c BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)",
    'ALTER TABLE t DROP c',
    'ALTER TABLE t DROP (c, d)',
    'ALTER TABLE t DROP PRIMARY KEY',
    'ALTER TABLE t DROP CONSTRAINT pk',
    'ALTER TABLE t DROP WATERMARK',
    'ALTER TABLE t ADD DISTRIBUTION BY HASH(a) INTO 4 BUCKETS',
    'ALTER TABLE t MODIFY DISTRIBUTION INTO 8 BUCKETS',
    'ALTER TABLE t DROP DISTRIBUTION',
    "ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt = '2024-01-01') WITH ('k' = 'v') PARTITION (dt = '2024-01-02')",
    "ALTER TABLE t DROP IF EXISTS PARTITION (dt = '2024-01-01'), PARTITION (dt = '2024-01-02')",
    "ALTER TABLE t PARTITION (dt = '2024-01-01') COMPACT",
    'ALTER TABLE t COMPACT',
    'DROP TABLE t',
    'DROP TEMPORARY TABLE IF EXISTS c.d.t',
  ])('%s', (sql) => {
    expect(statementKind(expectParses(sql))).toMatch(/alterTable|dropTable/);
  });
});

describe('views and functions', () => {
  test.each([
    'CREATE VIEW v AS SELECT * FROM t',
    "CREATE TEMPORARY VIEW IF NOT EXISTS v (a, b) COMMENT 'x' AS SELECT 1, 2",
    'CREATE OR REPLACE VIEW v AS SELECT 1',
    'ALTER VIEW v RENAME TO v2',
    'ALTER VIEW v AS SELECT 2',
    'DROP TEMPORARY VIEW IF EXISTS v',
    "CREATE FUNCTION f AS 'com.example.F'",
    "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.example.F' LANGUAGE JAVA",
    "CREATE TEMPORARY FUNCTION c.d.f AS 'pkg.f' LANGUAGE PYTHON",
    "CREATE FUNCTION f AS 'com.example.F' LANGUAGE SCALA USING JAR '/tmp/a.jar', JAR 'hdfs:///b.jar'",
    "ALTER TEMPORARY SYSTEM FUNCTION IF EXISTS f AS 'com.example.G' LANGUAGE JAVA",
    'DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f',
    'DROP FUNCTION c.d.f',
  ])('%s', (sql) => {
    expectParses(sql);
  });
});

describe('materialized tables and models', () => {
  test.each([
    `CREATE MATERIALIZED TABLE mt (CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED)
       COMMENT 'x' PARTITIONED BY (ds) WITH ('format' = 'json')
       FRESHNESS = INTERVAL '1' HOUR REFRESH_MODE = FULL
       AS SELECT id, ds, COUNT(*) AS c FROM t GROUP BY id, ds`,
    "CREATE MATERIALIZED TABLE mt FRESHNESS = INTERVAL '30' SECOND AS SELECT * FROM t",
    "CREATE OR ALTER MATERIALIZED TABLE mt DISTRIBUTED BY HASH(id) INTO 4 BUCKETS REFRESH_MODE = CONTINUOUS AS SELECT * FROM t",
    'ALTER MATERIALIZED TABLE mt SUSPEND',
    "ALTER MATERIALIZED TABLE mt RESUME WITH ('k' = 'v')",
    "ALTER MATERIALIZED TABLE mt REFRESH PARTITION (ds = '2024-01-01')",
    "ALTER MATERIALIZED TABLE mt SET FRESHNESS = INTERVAL '1' DAY",
    'ALTER MATERIALIZED TABLE mt SET REFRESH_MODE = FULL',
    'ALTER MATERIALIZED TABLE mt AS SELECT * FROM t2',
    'DROP MATERIALIZED TABLE IF EXISTS mt',
    `CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING, score DOUBLE) COMMENT 'm'
       WITH ('provider' = 'openai', 'endpoint' = 'http://127.0.0.1:8080', 'model' = 'gpt')`,
    "CREATE TEMPORARY MODEL IF NOT EXISTS c.d.m WITH ('provider' = 'x')",
    'ALTER MODEL IF EXISTS m RENAME TO m2',
    "ALTER MODEL m SET ('k' = 'v')",
    'DROP TEMPORARY MODEL IF EXISTS m',
  ])('%s', (sql) => {
    expectParses(sql);
  });
});

describe('built-in and user-defined column types', () => {
  const typeOf = (sql: string, column: string) => {
    const columns = expectParses(sql).tree.statement()!.createTable()!.tableElement().map((e) => e.columnDefinition()!);
    return columns.find((c) => c.columnName().getText() === column)!.columnType()!;
  };
  const sql = 'CREATE TABLE t (a INT, b cat.db.money, c BIGINT.x, d row, e money ARRAY NOT NULL, f ROW<x INT>, g STRING)';

  test('a lone built-in type keyword is the built-in type, anything else a user-defined type name', () => {
    expect(typeOf(sql, 'a').dataType()).toBeInstanceOf(IntegerTypeContext);
    expect(typeOf(sql, 'b').dataType()).toBeInstanceOf(UserDefinedTypeContext);
    expect(typeOf(sql, 'b').dataType().getText()).toBe('cat.db.money');
    // Keywords are non-reserved: a dotted name starting with one, or `row` without `<`, is a name.
    expect(typeOf(sql, 'c').dataType()).toBeInstanceOf(UserDefinedTypeContext);
    expect(typeOf(sql, 'd').dataType()).toBeInstanceOf(UserDefinedTypeContext);
    expect(typeOf(sql, 'e').dataType()).toBeInstanceOf(UserDefinedTypeContext);
    expect(typeOf(sql, 'e').getText()).toBe('moneyARRAYNOTNULL');
    expect(typeOf(sql, 'f').dataType()).toBeInstanceOf(RowTypeContext);
  });

  test('errors after a complete built-in type name what is missing, not a type', () => {
    const afterInt = checkStatementSyntax("CREATE TABLE t (id INT WITH ('connector' = 'datagen')").errors;
    expect(afterInt.map((e) => [e.column, e.message])).toEqual([[23, "expected ',' or ')' to close the column list of t opened at 1:16"]]);
    const unclosed = checkStatementSyntax('CREATE TABLE t (id INT, b STRING').errors;
    expect(unclosed.map((e) => e.message)).toEqual(["expected ')' to close the column list of t opened at 1:16"]);
  });
});


describe('Flink 2.3 additions', () => {
  test.each([
    ['INSERT INTO snk SELECT MAX(a), COUNT(*) FROM src GROUP BY b ON CONFLICT DO ERROR', 'ERROR'],
    ['INSERT INTO snk SELECT * FROM src ON CONFLICT DO NOTHING', 'NOTHING'],
    ['INSERT INTO snk SELECT * FROM a JOIN b ON a.id = b.id ON CONFLICT DO DEDUPLICATE', 'DEDUPLICATE'],
  ])('%s', (sql, strategy) => {
    const insert = expectParses(sql).tree.statement()!.insertStatement()!;
    expect(insert.onConflict()!.getText()).toBe(`ONCONFLICTDO${strategy}`);
  });

  test('ON CONFLICT needs a strategy', () => {
    expect(expectRejects('INSERT INTO snk SELECT * FROM src ON CONFLICT DO UPDATE').message).toContain('UPDATE');
  });

  test('USING ARTIFACT, alone or mixed with JAR', () => {
    expectParses("CREATE FUNCTION my_func AS 'com.example.MyUdf' USING ARTIFACT 's3://bucket/path/my-udf.jar'");
    const create = expectParses("CREATE FUNCTION f AS 'com.example.F' LANGUAGE JAVA USING JAR 'a.jar', ARTIFACT 'b.jar'").tree.statement()!.createFunction()!;
    expect(create.usingJars()!.stringLiteral().map((s) => s.getText())).toEqual(["'a.jar'", "'b.jar'"]);
  });

  test('the new keywords stay usable as names', () => {
    expectParses('SELECT artifact, conflict, deduplicate, do, nothing FROM t AS do WHERE nothing > 0');
    expectParses('CREATE TABLE conflict (do INT, nothing STRING, artifact BIGINT)');
    expectParses('INSERT INTO t SELECT * FROM a JOIN b ON conflict');
  });
});

describe('START_MODE of materialized tables (Flink 2.3)', () => {
  test.each([
    "CREATE MATERIALIZED TABLE mt START_MODE = FROM_BEGINNING AS SELECT a FROM src",
    "CREATE MATERIALIZED TABLE mt WITH ('format' = 'json') START_MODE = FROM_NOW(INTERVAL '3' MINUTE) AS SELECT a FROM src",
    "CREATE OR ALTER MATERIALIZED TABLE mt FRESHNESS = INTERVAL '1' MINUTE REFRESH_MODE = CONTINUOUS START_MODE = RESUME_OR_FROM_NOW AS SELECT a FROM src",
    "CREATE MATERIALIZED TABLE mt START_MODE = FROM_TIMESTAMP(TIMESTAMP '2026-01-01 00:00:00') FRESHNESS = INTERVAL '1' HOUR AS SELECT a FROM src",
    "CREATE MATERIALIZED TABLE mt REFRESH_MODE = FULL START_MODE = RESUME_OR_FROM_TIMESTAMP(TIMESTAMP '2026-01-01 00:00:00') AS SELECT a FROM src",
    'ALTER MATERIALIZED TABLE mt START_MODE = FROM_NOW AS SELECT a, b FROM src',
  ])('%s', (sql) => {
    const parsed = expectParses(sql);
    const statement = parsed.tree.statement()!;
    const clause = statement.createMaterializedTable()?.startModeClause() ?? statement.alterMaterializedTable()!.alterMaterializedTableAction().startModeClause();
    expect(clause!.startMode().getText()).toMatch(/^(RESUME_OR_)?FROM_/);
  });

  test('an unknown start mode or a second START_MODE is rejected', () => {
    expectRejects('CREATE MATERIALIZED TABLE mt START_MODE = LATEST AS SELECT a FROM src');
    expectRejects('CREATE MATERIALIZED TABLE mt START_MODE = FROM_NOW START_MODE = FROM_NOW AS SELECT a FROM src');
    expectRejects('CREATE MATERIALIZED TABLE mt START_MODE = FROM_TIMESTAMP AS SELECT a FROM src');
  });
});
