// Utility statements: SET/RESET, SHOW, DESCRIBE, EXPLAIN, USE, modules, jars, CALL, ANALYZE,
// TRUNCATE, DELETE, UPDATE, jobs and compiled plans.
import { describe, expect, test } from 'vitest';
import { expectParses, expectRejects, statementKind } from './sqlTestUtils';

describe('SET and RESET', () => {
  test.each([
    ['SET', 'setStatement'],
    ["SET 'table.exec.state.ttl' = '1 h'", 'setStatement'],
    ["set 'execution.runtime-mode' = '${mode}'", 'setStatement'],
    ['RESET', 'resetStatement'],
    ["RESET 'table.exec.state.ttl'", 'resetStatement'],
  ])('%s', (sql, kind) => {
    expect(statementKind(expectParses(sql))).toBe(kind);
  });

  test.each(['SET table.exec.state.ttl = 1', "SET 'a' 'b'", "SET 'a' ="])('rejects %s', (sql) => {
    expectRejects(sql);
  });
});

describe('SHOW', () => {
  test.each([
    'SHOW CATALOGS', "SHOW CATALOGS NOT LIKE 'default%'", "SHOW CATALOGS ILIKE '%c1'",
    'SHOW CURRENT CATALOG', 'SHOW CURRENT DATABASE',
    'SHOW DATABASES', "SHOW DATABASES FROM c0 NOT ILIKE 'db%'", "SHOW DATABASES IN c0 LIKE 'db%'",
    'SHOW TABLES', "SHOW TABLES FROM c.db LIKE 'a%'", "SHOW TABLES IN db NOT LIKE '%x'",
    'SHOW VIEWS', "SHOW VIEWS IN c.db ILIKE 'v%'",
    'SHOW FUNCTIONS', "SHOW USER FUNCTIONS FROM c.db LIKE 'f%'",
    'SHOW MODULES', 'SHOW FULL MODULES', 'SHOW JARS', 'SHOW JOBS',
    "SHOW COLUMNS FROM t NOT LIKE '%u'", 'SHOW COLUMNS IN c.d.t',
    "SHOW PARTITIONS t PARTITION (dt = '2024-01-01')", 'SHOW PARTITIONS t',
    'SHOW CREATE TABLE t', 'SHOW CREATE VIEW v', 'SHOW CREATE CATALOG c', 'SHOW CREATE MATERIALIZED TABLE mt', 'SHOW CREATE MODEL m',
    "SHOW PROCEDURES IN `system` ILIKE 'gen%'", 'SHOW MATERIALIZED TABLES FROM c.db', "SHOW MODELS LIKE 'm%'",
  ])('%s', (sql) => {
    expect(statementKind(expectParses(sql))).toBe('showStatement');
  });

  test.each(['SHOW DATABASES IN c0.t', 'SHOW TABLE', 'SHOW COLUMNS t', "SHOW TABLES LIKE x"])('rejects %s', (sql) => {
    expectRejects(sql);
  });
});

describe('DESCRIBE, EXPLAIN, USE and friends', () => {
  test.each([
    ['DESCRIBE t', 'describeStatement'], ['DESC EXTENDED c.d.t', 'describeStatement'], ['DESC `mod`', 'describeStatement'],
    ['DESC CATALOG EXTENDED cat2', 'describeStatement'], ['DESCRIBE DATABASE db', 'describeStatement'],
    ['DESCRIBE FUNCTION EXTENDED f', 'describeStatement'], ['DESCRIBE MODEL m', 'describeStatement'], ["DESCRIBE JOB 'abc'", 'describeStatement'],
    ['EXPLAIN SELECT 1', 'explainStatement'], ['EXPLAIN PLAN FOR INSERT INTO t SELECT 1', 'explainStatement'],
    ['EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN, PLAN_ADVICE SELECT * FROM t', 'explainStatement'],
    ['EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END', 'explainStatement'],
    ['EXPLAIN PLAN FOR EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END', 'explainStatement'],
    ['USE db', 'useStatement'], ['USE c.db', 'useStatement'], ['USE `default`', 'useStatement'], ['USE CATALOG c1', 'useStatement'],
    ['USE MODULES hive, core', 'useStatement'],
    ["LOAD MODULE hive WITH ('hive-version' = '3.1.3')", 'loadModule'], ['UNLOAD MODULE hive', 'unloadModule'],
    ["ADD JAR '/tmp/udf.jar'", 'addJar'], ["REMOVE JAR '/tmp/udf.jar'", 'removeJar'],
    ["CALL `system`.generate_n(4, 'x', f(1), name => 2)", 'callProcedure'], ['CALL c.sys.p()', 'callProcedure'],
    ['ANALYZE TABLE t COMPUTE STATISTICS', 'analyzeTable'],
    ["ANALYZE TABLE t PARTITION (dt = '2024', hr) COMPUTE STATISTICS FOR COLUMNS a, b", 'analyzeTable'],
    ['ANALYZE TABLE t COMPUTE STATISTICS FOR ALL COLUMNS', 'analyzeTable'],
    ['TRUNCATE TABLE t', 'truncateTable'],
    ['DELETE FROM t WHERE id = 1', 'deleteStatement'], ['DELETE FROM t', 'deleteStatement'],
    ["UPDATE t SET a = 1, b = 'x' WHERE id > 2", 'updateStatement'],
    ["STOP JOB '228d70913eab60dda85c5e7f78b5782c' WITH SAVEPOINT WITH DRAIN", 'stopJob'], ["STOP JOB 'x'", 'stopJob'],
    ["COMPILE PLAN '/tmp/plan.json' FOR INSERT INTO t SELECT 1", 'compilePlan'],
    ["COMPILE PLAN '/tmp/plan.json' IF NOT EXISTS FOR STATEMENT SET BEGIN INSERT INTO t SELECT 1; END", 'compilePlan'],
    ["COMPILE AND EXECUTE PLAN '/tmp/plan.json' FOR INSERT INTO t SELECT 1", 'compilePlan'],
    ["EXECUTE PLAN '/tmp/plan.json'", 'executePlan'],
    ['HELP', 'clientCommand'], ['QUIT', 'clientCommand'],
  ])('%s', (sql, kind) => {
    expect(statementKind(expectParses(sql))).toBe(kind);
  });

  test.each(["LOAD MODULE 'dummy'", 'EXPLAIN STATEMENT SET BEGIN END', 'USE CATALOG a.b', 'STOP JOB abc', 'TRUNCATE t'])('rejects %s', (sql) => {
    expectRejects(sql);
  });
});
