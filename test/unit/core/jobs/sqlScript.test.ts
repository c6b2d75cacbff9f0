import { describe, expect, it } from 'vitest';
import { planSqlScript, scriptOffsetInStatementSet, splitStatements, statementSetText } from '../../../../client/src/core/jobs/sqlScriptPlan';
import { originalOffset, substituteInValue, substituteVariables } from '../../../../client/src/core/jobs/sqlVariables';
import { sqlPositionInMessages } from '../../../../client/src/core/jobs/sqlErrorPosition';
import { prepareSqlScript, sqlSessionProperties, SqlSubmissionError } from '../../../../client/src/core/jobs/sqlSubmission';
import { LineIndex } from '../../../../client/src/core/jobs/sqlText';

describe('splitting SQL scripts', () => {
  it('splits at semicolons outside strings, identifiers and comments', () => {
    const script = "SET 'a' = 'x;y';\n-- a comment; not a statement\nCREATE TABLE `t;1` (a INT) /* ; */ WITH ('k'='v');\n\nINSERT INTO t SELECT ';' ;";
    const statements = splitStatements(script);
    expect(statements.map((s) => s.text)).toEqual(["SET 'a' = 'x;y'", "CREATE TABLE `t;1` (a INT) /* ; */ WITH ('k'='v')", "INSERT INTO t SELECT ';'"]);
    expect(script.slice(statements[1]!.start, statements[1]!.start + 12)).toBe('CREATE TABLE');
  });

  it('handles doubled quotes and a missing final semicolon', () => {
    expect(splitStatements("SELECT 'it''s; fine'\n").map((s) => s.text)).toEqual(["SELECT 'it''s; fine'"]);
  });
});

describe('deployment plan', () => {
  it('runs DDL in order and gathers every INSERT into one statement set', () => {
    const plan = planSqlScript('CREATE TABLE a (x INT);\nINSERT INTO b SELECT * FROM a;\nCREATE VIEW v AS SELECT 1;\nINSERT INTO c SELECT * FROM a;');
    expect(plan.problems).toEqual([]);
    expect(plan.setup.map((s) => s.text.split(' ')[1])).toEqual(['TABLE', 'VIEW']);
    expect(plan.inserts).toHaveLength(2);
    const set = statementSetText(plan.inserts);
    expect(set.text).toBe('EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO b SELECT * FROM a;\nINSERT INTO c SELECT * FROM a;\nEND');
  });

  it('understands both statement-set syntaxes', () => {
    const sqlClient = planSqlScript('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;');
    expect(sqlClient.inserts.map((s) => s.text)).toEqual(['INSERT INTO a SELECT 1', 'INSERT INTO b SELECT 2']);
    const script = 'EXECUTE STATEMENT SET BEGIN\n  INSERT INTO a SELECT 1;\n  INSERT INTO b SELECT 2;\nEND;';
    const gateway = planSqlScript(script);
    expect(gateway.problems).toEqual([]);
    expect(gateway.inserts.map((s) => s.text)).toEqual(['INSERT INTO a SELECT 1', 'INSERT INTO b SELECT 2']);
    expect(script.slice(gateway.inserts[0]!.start).startsWith('INSERT INTO a')).toBe(true);
  });

  it('reports a query, an unclosed set and a script without INSERT at their place', () => {
    expect(planSqlScript('CREATE TABLE a (x INT);\nSELECT * FROM a;').problems[0]).toMatchObject({ start: 24 });
    expect(planSqlScript('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;').problems[0]!.message).toContain('not closed');
    expect(planSqlScript('CREATE TABLE a (x INT);').problems[0]!.message).toContain('no INSERT');
  });

  it('treats CTAS as a job statement, but not a computed column or an option value', () => {
    const plan = planSqlScript(
      "CREATE TABLE src (a INT, ts AS PROCTIME(), b AS a + 1) WITH ('k' = 'x AS SELECT');\nCREATE TABLE copy WITH ('connector' = 'print') AS SELECT * FROM src;\nCREATE OR REPLACE TABLE c2 AS (SELECT a FROM src);",
    );
    expect(plan.setup.map((s) => s.text.slice(0, 16))).toEqual(['CREATE TABLE src']);
    expect(plan.inserts.map((s) => s.text.slice(0, 17))).toEqual(['CREATE TABLE copy', 'CREATE OR REPLACE']);
    // Flink 1.20 and 2.3 both reject CTAS inside a statement set, so two job statements are an error here.
    expect(plan.problems[0]!.message).toContain('CREATE TABLE … AS SELECT makes a job of its own');
    expect(planSqlScript('CREATE TABLE copy WITH (\'connector\' = \'print\') AS SELECT 1;').problems).toEqual([]);
  });

  it('submits EXECUTE PLAN alone and refuses it next to INSERTs; a parenthesised query is a query', () => {
    expect(planSqlScript("EXECUTE PLAN '/plans/job.json';").inserts).toHaveLength(1);
    expect(planSqlScript("EXECUTE PLAN '/p.json';\nINSERT INTO a SELECT 1;").problems[0]!.message).toContain('EXECUTE PLAN');
    expect(planSqlScript('(SELECT 1);').problems[0]!.message).toContain('cannot be deployed');
  });

  it('maps an offset in the statement set back to the script', () => {
    const script = 'CREATE TABLE a (x INT);\nINSERT INTO b SELECT 1;\nINSERT INTO c SELECT 2;';
    const plan = planSqlScript(script);
    const set = statementSetText(plan.inserts);
    const offsetOfC = set.text.indexOf('INSERT INTO c') + 'INSERT INTO '.length;
    expect(script.slice(scriptOffsetInStatementSet(set, offsetOfC), scriptOffsetInStatementSet(set, offsetOfC) + 1)).toBe('c');
  });
});

describe('variables', () => {
  it('substitutes outside comments, keeps $${x} literal, and maps offsets back', () => {
    const text = "-- ${commented}\nSELECT '${topic}', $${kept}, ${n} FROM t";
    const result = substituteVariables(text, { topic: 'orders-long-name', n: '1' });
    expect(result.undefinedVariables).toEqual([]);
    expect(result.text).toBe("-- ${commented}\nSELECT 'orders-long-name', ${kept}, 1 FROM t");
    const fromInResult = result.text.indexOf('FROM');
    expect(text.slice(originalOffset(result.replacements, fromInResult)).startsWith('FROM')).toBe(true);
    expect(originalOffset(result.replacements, result.text.indexOf('orders') + 3)).toBe(text.indexOf('${topic}'));
  });

  it('names every undefined variable with the line:column of each use', () => {
    const result = substituteVariables('SELECT ${a},\n  ${missing}, ${missing}', { a: '1' });
    expect(result.undefinedVariables).toEqual([{ name: 'missing', positions: [{ line: 2, column: 3 }, { line: 2, column: 15 }] }]);
  });

  it('fails preparation with the position of the first use', () => {
    const prepared = prepareSqlScript({ sqlText: 'CREATE TABLE t (a INT);\nINSERT INTO t SELECT ${x};', sqlFile: 'job.flink.sql', variables: {} });
    expect(prepared.ok).toBe(false);
    const error = (prepared as { error: SqlSubmissionError }).error;
    expect(error).toBeInstanceOf(SqlSubmissionError);
    expect([error.line, error.column]).toEqual([2, 22]);
    expect(error.message).toBe('job.flink.sql:2:22: undefined variable ${x} (used at 2:22)');
  });

  it('substitutes program arguments', () => {
    expect(substituteInValue('--topic=${t}', { t: 'a' })).toEqual({ value: '--topic=a', undefinedNames: [] });
    expect(substituteInValue('${nope}', {}).undefinedNames).toEqual(['nope']);
  });
});

describe('gateway error positions', () => {
  it('reads validator ranges and parser points, deepest first', () => {
    expect(sqlPositionInMessages(['x', "From line 3, column 55 to line 3, column 57: Column 'idd' not found"])).toEqual({ start: { line: 3, column: 55 }, end: { line: 3, column: 57 } });
    expect(sqlPositionInMessages(['Encountered "FORM" at line 1, column 10.'])).toEqual({ start: { line: 1, column: 10 } });
    expect(sqlPositionInMessages(['no position'])).toBeUndefined();
  });

  it('converts line/column and offsets', () => {
    const index = new LineIndex('ab\ncd\n\nef');
    expect(index.positionAt(4)).toEqual({ line: 2, column: 2 });
    expect(index.offsetAt({ line: 4, column: 1 })).toBe(7);
  });
});

describe('session properties', () => {
  it('carry the job config, the job name and the restore options', () => {
    const properties = sqlSessionProperties({ jobName: 'orders', config: { 'parallelism.default': '2' }, restore: { path: 'file:/sp/1', allowNonRestoredState: true, claimMode: 'no_claim' } });
    expect(properties).toEqual({
      'parallelism.default': '2',
      'pipeline.name': 'orders',
      'table.dml-sync': 'false',
      'execution.state-recovery.path': 'file:/sp/1',
      'execution.state-recovery.ignore-unclaimed-state': 'true',
      'execution.state-recovery.claim-mode': 'NO_CLAIM',
    });
  });
});

describe('inline SQL in a job file', () => {
  it('reports positions in the YAML file', () => {
    const prepared = prepareSqlScript({ sqlText: 'INSERT INTO t\nSELECT ${x};', sqlFile: 'job.flink.yaml', variables: {}, sqlOrigin: { line: 7, indent: 2 } });
    const error = (prepared as unknown as { error: SqlSubmissionError }).error;
    expect([error.file, error.line, error.column]).toEqual(['job.flink.yaml', 8, 10]);
  });
});

describe('SQL error text for people', () => {
  it('drops class names and the statement-relative position', async () => {
    const { humanSqlMessage } = await import('../../../../client/src/core/jobs/sqlErrorPosition');
    expect(humanSqlMessage("org.apache.calcite.runtime.CalciteContextException: From line 1, column 55 to line 1, column 57: Column 'idd' not found in any table")).toBe("Column 'idd' not found in any table");
    expect(humanSqlMessage('org.apache.flink.sql.parser.impl.ParseException: Encountered "FORM" at line 3, column 25.')).toBe('Encountered "FORM".');
    expect(humanSqlMessage('plain')).toBe('plain');
  });
});
