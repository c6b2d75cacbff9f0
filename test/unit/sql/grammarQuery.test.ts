// Queries and DML: SELECT in all its Flink forms, window TVFs, joins, OVER, MATCH_RECOGNIZE,
// hints, UNNEST, VALUES, set operations, INSERT and statement sets.
import { describe, expect, test } from 'vitest';
import { TableFunctionRelationContext, TableNameContext } from '../../../server/src/languageService/sql/generated/FlinkSqlParser';
import { expectParses, expectRejects, statementKind } from './sqlTestUtils';

describe('SELECT', () => {
  test.each([
    'SELECT 1',
    'SELECT DISTINCT a, b AS bb, c cc, t.*, * FROM t',
    "SELECT a FROM t WHERE a > 1 AND NOT (b < 2 OR c IS NULL) AND d IS NOT DISTINCT FROM e AND f BETWEEN 1 AND 10 AND g NOT IN (1, 2) AND h LIKE 'x%' ESCAPE '!' AND i SIMILAR TO 'y' AND j IS TRUE",
    "SELECT CASE WHEN a > 1 THEN 'big' WHEN a < 0 THEN 'neg' ELSE 'small' END, CASE a WHEN 1 THEN 'one' END FROM t",
    'SELECT CAST(a AS BIGINT), TRY_CAST(b AS DECIMAL(10, 2)), CAST(c AS ROW<x INT>), CAST(d AS ARRAY<STRING>) FROM t',
    "SELECT INTERVAL '1' DAY, INTERVAL '1 02:03' DAY TO MINUTE, INTERVAL '10' SECOND(3), ts - INTERVAL '5' MINUTES FROM t",
    "SELECT DATE '2024-01-01', TIME '12:00:00', TIMESTAMP '2024-01-01 00:00:00', X'0F', N'nat', U&'\\0041', 'a' 'b' FROM t",
    'SELECT 1.5, .5, 1e10, -3, +4, 7 % 2, a || b, arr[1], m[\'k\'], r.f.g, f(x).y FROM t',
    'SELECT CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_DATE, CURRENT_ROW_TIMESTAMP(), PROCTIME(), NOW() FROM t',
    "SELECT EXTRACT(YEAR FROM ts), POSITION('a' IN s), SUBSTRING(s FROM 2 FOR 3), SUBSTRING(s, 2, 3), TRIM(BOTH ' ' FROM s), TRIM(s), TRIM(LEADING FROM s), OVERLAY(s PLACING 'x' FROM 2 FOR 1), FLOOR(ts TO HOUR), CEIL(ts TO DAY), FLOOR(x) FROM t",
    'SELECT COUNT(*), COUNT(DISTINCT a), SUM(b) FILTER (WHERE b > 0), LISTAGG(c, \',\'), LEFT(s, 2), RIGHT(s, 2), IF(a > 1, 1, 0) FROM t GROUP BY d HAVING COUNT(*) > 1',
    'SELECT ARRAY[1, 2], MAP[\'a\', 1, \'b\', 2], ROW(1, \'x\'), (1, 2), ARRAY(SELECT a FROM t) FROM t',
    "SELECT JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE b NULL ON NULL), JSON_ARRAY(1, 2 ABSENT ON NULL), JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY NULL ON ERROR), JSON_QUERY(j, '$.b' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY), JSON_EXISTS(j, '$.c' FALSE ON ERROR), j IS JSON OBJECT FROM t",
    "SELECT JSON_OBJECTAGG(KEY k VALUE v), JSON_ARRAYAGG(a ORDER BY b ABSENT ON NULL) FROM t GROUP BY c",
    'SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id) AND a IN (SELECT id FROM u) AND b > ALL (SELECT x FROM u) AND (SELECT MAX(x) FROM u) > 1',
    'SELECT a FROM t ORDER BY a DESC NULLS LAST, b LIMIT 10 OFFSET 5',
    'SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY',
    'SELECT a FROM t UNION ALL SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT DISTINCT SELECT d FROM w',
    '(SELECT a FROM t) UNION (SELECT b FROM u) ORDER BY 1',
    'WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT * FROM b',
    'VALUES (1, \'a\'), (2, \'b\')',
    "SELECT * FROM (VALUES (1, 'Hello World'), (2, 'Hi')) AS T(id, str)",
    "SELECT * FROM t /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */ JOIN u /*+ LOOKUP('table'='u') */ ON t.a = u.a",
    'SELECT /*+ BROADCAST(u) */ t.a FROM t, u WHERE t.a = u.a',
    'SELECT a, `select`, `from`.`where`, ${col}, value, type, data, comment, name, version, `user`, language FROM ${tbl}',
  ])('%s', (sql) => {
    expect(statementKind(expectParses(sql))).toBe(sql.startsWith('VALUES') || sql.startsWith('(') || sql.startsWith('WITH') || sql.startsWith('SELECT') ? 'queryStatement' : 'queryStatement');
  });
});

describe('joins and table references', () => {
  test.each([
    'SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id) RIGHT OUTER JOIN d ON TRUE FULL OUTER JOIN e ON a.x = e.x INNER JOIN f ON 1 = 1 CROSS JOIN g NATURAL LEFT JOIN h',
    "SELECT * FROM o, s WHERE o.id = s.id AND o.ts BETWEEN s.ts - INTERVAL '4' HOUR AND s.ts",
    'SELECT * FROM orders AS o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.cur = r.cur',
    'SELECT * FROM orders o JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.cid = c.id',
    'SELECT * FROM t, LATERAL TABLE(split(t.s)) AS T(word, len)',
    'SELECT * FROM t LEFT JOIN LATERAL TABLE(split(s)) AS T(w) ON TRUE',
    'SELECT * FROM t CROSS JOIN UNNEST(t.tags) AS tag (name)',
    'SELECT * FROM t CROSS JOIN UNNEST(t.arr) WITH ORDINALITY AS x(v, pos)',
    'SELECT * FROM (SELECT * FROM t) AS sub JOIN (a JOIN b ON a.x = b.x) ON sub.x = a.x',
    'SELECT * FROM cat.db.tbl AS t',
  ])('%s', (sql) => {
    expectParses(sql);
  });
});

describe('window TVFs and ML functions', () => {
  test.each([
    "SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end",
    "SELECT * FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTES))",
    "SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))",
    "SELECT * FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))",
    "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))",
    "SELECT window_start, window_end, item, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY GROUPING SETS ((window_start, window_end, item), (window_start, window_end))",
    'SELECT a, b, SUM(c) FROM t GROUP BY ROLLUP (a, b)',
    'SELECT a, b, SUM(c) FROM t GROUP BY CUBE (a, b), ()',
    'SELECT * FROM TABLE(ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(text)))',
    "SELECT * FROM TABLE(ML_PREDICT(INPUT => TABLE t, MODEL => MODEL c.d.m, ARGS => DESCRIPTOR(a, b), CONFIG => MAP['async', 'true']))",
    "SELECT * FROM TABLE(ML_EVALUATE(TABLE t, MODEL m, DESCRIPTOR(label), DESCRIPTOR(text), 'classification'))",
    'SELECT * FROM t, LATERAL TABLE(VECTOR_SEARCH(TABLE docs, DESCRIPTOR(embedding), t.query_vec, 5))',
    'SELECT * FROM my_ptf(input => TABLE t PARTITION BY k ORDER BY ts, uid => \'x\', on_time => DESCRIPTOR(ts))',
  ])('%s', (sql) => {
    expectParses(sql);
  });

  test('window TVF is a table function relation', () => {
    const parsed = expectParses("SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) AS w");
    const spec = parsed.tree.statement()!.queryStatement()!.query().queryExpression();
    expect(spec.getText()).toContain('TUMBLE');
    const relation = findFirst(parsed.tree, TableFunctionRelationContext);
    expect(relation?.functionCall().functionName().getText()).toBe('TUMBLE');
    expect(relation?.tableAlias()?.identifier().getText()).toBe('w');
  });

  test('a plain table reference is a tableName with its alias', () => {
    const parsed = expectParses('SELECT * FROM cat.db.orders o');
    const table = findFirst(parsed.tree, TableNameContext)!;
    expect(table.tablePath().getText()).toBe('cat.db.orders');
    expect(table.tableAlias()?.identifier().getText()).toBe('o');
  });
});

describe('OVER windows, Top-N, deduplication and MATCH_RECOGNIZE', () => {
  test.each([
    'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS row_num FROM ShopSales) WHERE row_num <= 5',
    'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY proctime ASC) AS rn FROM t) WHERE rn = 1',
    "SELECT SUM(amount) OVER (PARTITION BY product ORDER BY order_time RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM Orders",
    'SELECT SUM(amount) OVER w, AVG(amount) OVER w FROM Orders WINDOW w AS (PARTITION BY product ORDER BY order_time ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)',
    'SELECT COUNT(*) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING) FROM t',
    `SELECT * FROM Ticker MATCH_RECOGNIZE (
       PARTITION BY symbol ORDER BY rowtime
       MEASURES START_ROW.rowtime AS start_tstamp, LAST(PRICE_DOWN.rowtime) AS bottom_tstamp, FINAL LAST(PRICE_UP.rowtime) AS end_tstamp, MATCH_ROWTIME() AS mt
       ONE ROW PER MATCH
       AFTER MATCH SKIP TO LAST PRICE_UP
       PATTERN (START_ROW PRICE_DOWN+ PRICE_UP{1,3}? X* Y?? (A | B) {- C -} ^ $)
       WITHIN INTERVAL '1' HOUR
       DEFINE PRICE_DOWN AS (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
              PRICE_UP AS PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
     ) MR`,
    'SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES A.x AS x ALL ROWS PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (A B{2}) DEFINE A AS A.x > 0)',
  ])('%s', (sql) => {
    expectParses(sql);
  });
});

describe('INSERT and statement sets', () => {
  test.each([
    ['INSERT INTO sink SELECT * FROM src', 'insertStatement'],
    ["INSERT OVERWRITE c.d.sink PARTITION (dt = '2024-01-01', hr) (a, b) SELECT a, b, hr FROM src", 'insertStatement'],
    ["INSERT INTO sink /*+ OPTIONS('sink.parallelism' = '2') */ VALUES (1, 'a'), (2, 'b')", 'insertStatement'],
    ['INSERT INTO sink WITH x AS (SELECT 1 AS a) SELECT a FROM x', 'insertStatement'],
    ['UPSERT INTO sink SELECT * FROM src', 'insertStatement'],
    ['EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM s; INSERT INTO b SELECT CASE WHEN x THEN 1 END FROM s; END', 'statementSetStatement'],
    ['STATEMENT SET BEGIN INSERT INTO a SELECT 1; END', 'statementSetStatement'],
    ['BEGIN STATEMENT SET', 'beginStatementSet'],
    ['END', 'endStatementSet'],
    ['EXECUTE INSERT INTO a SELECT 1', 'executeStatement'],
    ['EXECUTE SELECT 1', 'executeStatement'],
  ])('%s', (sql, kind) => {
    expect(statementKind(expectParses(sql))).toBe(kind);
  });

  test.each([
    'EXECUTE STATEMENT SET BEGIN END',
    'EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1 END',
    'INSERT sink SELECT 1',
    'INSERT INTO sink',
  ])('rejects %s', (sql) => {
    expectRejects(sql);
  });
});

function findFirst<T>(node: import('antlr4ng').ParseTree, type: new (...args: never[]) => T): T | undefined {
  if (node instanceof type) return node;
  for (let i = 0; i < node.getChildCount(); i++) {
    const found = findFirst(node.getChild(i)!, type);
    if (found) return found;
  }
  return undefined;
}
