-- Training set for the parser's prediction snapshot (see server/src/languageService/sql/predictionSnapshot.ts).
-- The build parses this file once and ships the prediction DFA it built, so a new server process
-- predicts these shapes without simulating the ATN. It is NOT a test: it should read like the
-- Flink SQL people write (statement kinds of Flink 1.20 - 2.3, typical streaming queries) and may
-- grow with the grammar. Statements that this file does not resemble still parse, only slower the
-- first time. Keep it free of syntax errors (the training also runs the error-recovery paths
-- through the broken copies made by grammars/capturePredictionSnapshot.mjs).

SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '4';
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '2 s';
SET 'execution.checkpointing.interval' = '30 s';
SET;
RESET 'parallelism.default';
RESET;

CREATE CATALOG lake WITH ('type' = 'generic_in_memory', 'default-database' = 'analytics');
CREATE CATALOG IF NOT EXISTS hive_cat COMMENT 'warehouse' WITH ('type' = 'hive', 'hive-conf-dir' = '/etc/hive/conf');
ALTER CATALOG lake SET ('default-database' = 'raw');
ALTER CATALOG lake RESET ('default-database');
USE CATALOG default_catalog;
CREATE DATABASE IF NOT EXISTS analytics COMMENT 'curated data' WITH ('owner' = 'data-eng');
ALTER DATABASE analytics SET ('owner' = 'platform');
USE analytics;
USE MODULES core;
LOAD MODULE hive WITH ('hive-version' = '3.1.3');
UNLOAD MODULE hive;
SHOW CATALOGS;
SHOW CURRENT CATALOG;
SHOW DATABASES;
SHOW DATABASES FROM lake LIKE 'raw%';
SHOW CURRENT DATABASE;
SHOW TABLES;
SHOW TABLES FROM lake.raw NOT LIKE 'tmp_%';
SHOW TABLES IN analytics ILIKE 'Click%';
SHOW VIEWS;
SHOW FUNCTIONS;
SHOW USER FUNCTIONS LIKE 'parse%';
SHOW MODULES;
SHOW FULL MODULES;
SHOW JARS;
SHOW JOBS;
SHOW CREATE TABLE clicks;
SHOW CREATE VIEW active_users;
SHOW COLUMNS FROM clicks LIKE '%_id';
SHOW PARTITIONS sales PARTITION (dt = '2024-01-01');
SHOW MATERIALIZED TABLES;
SHOW PROCEDURES FROM lake;
DESCRIBE clicks;
DESC EXTENDED lake.raw.clicks;
DESCRIBE FUNCTION EXTENDED parse_agent;
DESCRIBE CATALOG EXTENDED lake;
DESCRIBE JOB '6a3c1b7e4f0d2a9b8c7d6e5f4a3b2c1d';
ADD JAR '/opt/udfs/udfs.jar';
REMOVE JAR '/opt/udfs/udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION parse_agent AS 'com.example.udf.ParseAgent' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS analytics.to_eur AS 'com.example.udf.ToEur' USING JAR '/opt/udfs/money.jar';
ALTER FUNCTION analytics.to_eur AS 'com.example.udf.ToEurV2';
DROP TEMPORARY SYSTEM FUNCTION IF EXISTS parse_agent;

CREATE TABLE clicks (
  user_id BIGINT NOT NULL,
  url VARCHAR(2048),
  referrer STRING,
  device ROW<os STRING, browser STRING, `version` INT>,
  tags ARRAY<STRING>,
  props MAP<STRING, STRING>,
  price DECIMAL(12, 4),
  ratio DOUBLE,
  is_bot BOOLEAN,
  payload BYTES,
  click_date DATE,
  click_clock TIME(3),
  event_time TIMESTAMP(3),
  ingest_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  part INT METADATA FROM 'partition',
  headers MAP<STRING, BYTES> METADATA,
  hour_of_day AS HOUR(event_time),
  pt AS PROCTIME(),
  WATERMARK FOR event_time AS event_time - INTERVAL '10' SECOND,
  CONSTRAINT pk_clicks PRIMARY KEY (user_id, url) NOT ENFORCED
) COMMENT 'raw click stream'
PARTITIONED BY (click_date)
WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = 'broker:9092',
  'scan.startup.mode' = 'group-offsets',
  'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://registry:8081'
);

CREATE TEMPORARY TABLE IF NOT EXISTS users (
  id BIGINT,
  name STRING,
  country CHAR(2),
  signup TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED
) DISTRIBUTED BY HASH(id) INTO 8 BUCKETS
WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db:5432/app', 'table-name' = 'users', 'lookup.cache' = 'PARTIAL');

CREATE TABLE clicks_archive WITH ('connector' = 'filesystem', 'path' = 's3://bucket/clicks', 'format' = 'parquet')
LIKE clicks (EXCLUDING WATERMARKS INCLUDING GENERATED OVERWRITING OPTIONS);

CREATE TABLE gen (id INT, v DOUBLE) WITH ('connector' = 'datagen', 'rows-per-second' = '10', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100');
CREATE TABLE sink_print WITH ('connector' = 'print') LIKE gen;
CREATE TABLE blackhole_sink (a INT, b STRING) WITH ('connector' = 'blackhole');
CREATE TABLE daily_totals WITH ('connector' = 'upsert-kafka', 'topic' = 'totals', 'key.format' = 'json', 'value.format' = 'json')
AS SELECT user_id, COUNT(*) AS clicks FROM clicks GROUP BY user_id;
CREATE OR REPLACE TABLE snapshot_users WITH ('connector' = 'filesystem', 'path' = '/tmp/users', 'format' = 'csv') AS SELECT id, name FROM users;
REPLACE TABLE snapshot_users WITH ('connector' = 'filesystem', 'path' = '/tmp/users2', 'format' = 'csv') AS SELECT * FROM users WHERE country = 'DE';

ALTER TABLE clicks ADD referrer_host STRING AFTER referrer;
ALTER TABLE clicks ADD (session_id STRING COMMENT 'from cookie' FIRST, WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND);
ALTER TABLE clicks MODIFY url VARCHAR(4096) NOT NULL;
ALTER TABLE clicks MODIFY (ratio DECIMAL(10, 2), WATERMARK FOR event_time AS event_time);
ALTER TABLE clicks DROP (payload, is_bot);
ALTER TABLE clicks DROP PRIMARY KEY;
ALTER TABLE clicks DROP WATERMARK;
ALTER TABLE clicks RENAME referrer TO ref;
ALTER TABLE clicks RENAME TO clicks_v2;
ALTER TABLE IF EXISTS clicks_v2 SET ('scan.startup.mode' = 'latest-offset');
ALTER TABLE clicks_v2 RESET ('scan.startup.mode');
ALTER TABLE clicks_v2 ADD DISTRIBUTION BY HASH(user_id) INTO 4 BUCKETS;
ALTER TABLE clicks_v2 DROP DISTRIBUTION;
ALTER TABLE sales ADD PARTITION (dt = '2024-01-02') WITH ('location' = '/data/dt=2024-01-02');
ALTER TABLE sales DROP IF EXISTS PARTITION (dt = '2024-01-01');
ANALYZE TABLE sales PARTITION (dt = '2024-01-02') COMPUTE STATISTICS FOR COLUMNS user_id, amount;
ANALYZE TABLE users COMPUTE STATISTICS FOR ALL COLUMNS;
TRUNCATE TABLE snapshot_users;
DELETE FROM snapshot_users WHERE id < 100 AND name IS NULL;
UPDATE snapshot_users SET name = UPPER(name), id = id + 1 WHERE name LIKE 'a%';
DROP TABLE IF EXISTS sink_print;
DROP TEMPORARY TABLE users;

CREATE VIEW active_users (user_id, last_seen) COMMENT 'seen this week' AS
SELECT user_id, MAX(event_time) FROM clicks WHERE event_time > CURRENT_TIMESTAMP - INTERVAL '7' DAY GROUP BY user_id;
CREATE TEMPORARY VIEW IF NOT EXISTS bots AS SELECT * FROM clicks WHERE is_bot OR device.browser IN ('curl', 'wget');
ALTER VIEW active_users RENAME TO weekly_users;
ALTER VIEW weekly_users AS SELECT user_id FROM clicks;
DROP VIEW IF EXISTS bots;

CREATE MATERIALIZED TABLE user_stats
PARTITIONED BY (ds)
WITH ('format' = 'json')
FRESHNESS = INTERVAL '1' MINUTE
REFRESH_MODE = CONTINUOUS
AS SELECT DATE_FORMAT(event_time, 'yyyy-MM-dd') AS ds, user_id, COUNT(*) AS cnt FROM clicks GROUP BY DATE_FORMAT(event_time, 'yyyy-MM-dd'), user_id;
ALTER MATERIALIZED TABLE user_stats SUSPEND;
ALTER MATERIALIZED TABLE user_stats RESUME WITH ('sink.parallelism' = '2');
ALTER MATERIALIZED TABLE user_stats REFRESH PARTITION (ds = '2024-01-01');
DROP MATERIALIZED TABLE IF EXISTS user_stats;
CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING, score DOUBLE) WITH ('provider' = 'openai', 'endpoint' = 'http://localhost:8000/v1', 'model' = 'x');
ALTER MODEL sentiment SET ('model' = 'y');
DROP MODEL IF EXISTS sentiment;
SHOW MODELS;

INSERT INTO blackhole_sink VALUES (1, 'a'), (2, 'b'), (3, CAST(NULL AS STRING));
INSERT OVERWRITE sales PARTITION (dt = '2024-01-02') SELECT user_id, price FROM clicks WHERE click_date = DATE '2024-01-02';
INSERT INTO blackhole_sink (a, b) SELECT id, name FROM users;
INSERT INTO sink_print /*+ OPTIONS('sink.parallelism' = '1') */ SELECT id, v FROM gen;

SELECT 1;
SELECT 'a' || 'b', 1 + 2 * 3 - 4 / 5 % 2, -x, NOT b, TRUE, FALSE, NULL, 1.5e3, X'0AFF', DATE '2024-01-01', TIME '12:00:00', TIMESTAMP '2024-01-01 00:00:00', INTERVAL '1' HOUR, INTERVAL '2-3' YEAR TO MONTH;
SELECT user_id, url FROM clicks;
SELECT DISTINCT country FROM users ORDER BY country DESC LIMIT 10;
SELECT c.user_id AS uid, u.name, COUNT(*) AS n, SUM(c.price) total, AVG(c.ratio), MIN(c.event_time), MAX(c.event_time)
FROM clicks AS c JOIN users AS u ON c.user_id = u.id
WHERE c.url NOT LIKE '%/health%' AND c.price BETWEEN 1 AND 100 AND u.country IS NOT NULL AND c.referrer IS NULL
GROUP BY c.user_id, u.name
HAVING COUNT(*) > 5 AND SUM(c.price) >= 10.5
ORDER BY n DESC, uid
LIMIT 100 OFFSET 10;

SELECT CASE WHEN price > 100 THEN 'high' WHEN price > 10 THEN 'mid' ELSE 'low' END AS bucket,
  CASE device.os WHEN 'ios' THEN 1 WHEN 'android' THEN 2 ELSE 0 END,
  CAST(price AS INT), TRY_CAST(url AS BIGINT), COALESCE(referrer, 'direct'), NULLIF(url, ''), IF(is_bot, 1, 0),
  SUBSTRING(url FROM 1 FOR 10), SUBSTR(url, 2), TRIM(BOTH ' ' FROM url), POSITION('/' IN url), OVERLAY(url PLACING 'x' FROM 1 FOR 2),
  EXTRACT(HOUR FROM event_time), FLOOR(event_time TO HOUR), CEIL(price), TIMESTAMPDIFF(SECOND, event_time, CURRENT_TIMESTAMP),
  DATE_FORMAT(event_time, 'yyyy-MM-dd HH:mm'), TO_TIMESTAMP('2024-01-01 00:00:00'), UNIX_TIMESTAMP(), FROM_UNIXTIME(0),
  JSON_VALUE(props['json'], '$.a.b' RETURNING INT DEFAULT 0 ON EMPTY), JSON_QUERY(props['json'], '$.list' WITH ARRAY WRAPPER),
  JSON_OBJECT(KEY 'id' VALUE user_id, KEY 'url' VALUE url), JSON_ARRAY(1, 'a'), JSON_EXISTS(url, '$.x'),
  tags[1], props['k'], CARDINALITY(tags), ARRAY['a', 'b'], MAP['k', 'v'], ROW(1, 'a'), device.os, clicks.device.browser,
  REGEXP_EXTRACT(url, 'id=(\d+)', 1), SPLIT_INDEX(url, '/', 2), LOWER(url), CHAR_LENGTH(url), MD5(url), UUID(), RAND_INTEGER(10),
  price IN (1, 2, 3), url NOT IN ('a', 'b'), url SIMILAR TO 'h.*', url IS DISTINCT FROM referrer, is_bot IS TRUE, is_bot IS NOT FALSE
FROM clicks;

SELECT * FROM clicks WHERE user_id IN (SELECT id FROM users WHERE country = 'NL') AND EXISTS (SELECT 1 FROM users u WHERE u.id = clicks.user_id);
SELECT (SELECT MAX(price) FROM clicks), user_id FROM users, LATERAL (SELECT COUNT(*) FROM clicks WHERE clicks.user_id = users.id);
SELECT * FROM (SELECT user_id, price FROM clicks) AS t (uid, p) WHERE p > 0;
SELECT user_id FROM clicks UNION ALL SELECT id FROM users;
SELECT user_id FROM clicks UNION SELECT id FROM users EXCEPT SELECT id FROM users WHERE country = 'US' INTERSECT SELECT user_id FROM clicks;
(SELECT user_id FROM clicks) UNION (SELECT id FROM users);
VALUES (1, 'a'), (2, 'b');
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t (id, name);

WITH recent AS (SELECT * FROM clicks WHERE event_time > NOW() - INTERVAL '1' HOUR),
     per_user AS (SELECT user_id, COUNT(*) AS n FROM recent GROUP BY user_id)
SELECT p.user_id, p.n, u.name FROM per_user p LEFT OUTER JOIN users u ON p.user_id = u.id;

SELECT a.user_id FROM clicks a RIGHT JOIN users b ON a.user_id = b.id FULL OUTER JOIN users c ON c.id = b.id CROSS JOIN gen;
SELECT c.user_id, u.name FROM clicks c, users u WHERE c.user_id = u.id;
SELECT c.user_id, u.country FROM clicks AS c JOIN users FOR SYSTEM_TIME AS OF c.pt AS u ON c.user_id = u.id;
SELECT c.user_id, u.country FROM clicks c LEFT JOIN users FOR SYSTEM_TIME AS OF c.event_time u ON c.user_id = u.id AND u.country <> 'XX';
SELECT /*+ LOOKUP('table'='users', 'retry-predicate'='lookup_miss', 'retry-strategy'='fixed_delay', 'fixed-delay'='1s', 'max-attempts'='3') */ c.url, u.name
FROM clicks AS c JOIN users FOR SYSTEM_TIME AS OF c.pt AS u ON c.user_id = u.id;
SELECT /*+ BROADCAST(u), STATE_TTL('c' = '1d', 'u' = '12h') */ c.url FROM clicks c JOIN users u ON c.user_id = u.id;
SELECT a.user_id, b.url FROM clicks a, clicks b
WHERE a.user_id = b.user_id AND a.event_time BETWEEN b.event_time - INTERVAL '4' HOUR AND b.event_time;
SELECT * FROM clicks c JOIN users u ON c.user_id = u.id AND c.event_time >= u.signup AND c.event_time < u.signup + INTERVAL '1' DAY;
SELECT * FROM clicks /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */ WHERE price > 0;

SELECT window_start, window_end, COUNT(*) AS clicks, COUNT(DISTINCT user_id) AS users
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
SELECT window_start, window_end, device.os, SUM(price)
FROM TABLE(HOP(DATA => TABLE clicks, TIMECOL => DESCRIPTOR(event_time), SLIDE => INTERVAL '5' MINUTE, SIZE => INTERVAL '1' HOUR))
GROUP BY window_start, window_end, GROUPING SETS ((device.os), ());
SELECT window_start, window_end, user_id, COUNT(*) FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '10' MINUTE, INTERVAL '1' DAY))
GROUP BY window_start, window_end, ROLLUP (user_id);
SELECT window_start, window_end, user_id, COUNT(*) FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(event_time), INTERVAL '30' MINUTE))
GROUP BY window_start, window_end, user_id;
SELECT window_start, window_end, window_time, user_id, url FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '10' SECOND, INTERVAL '1' SECOND));
SELECT user_id, TUMBLE_START(event_time, INTERVAL '1' HOUR), COUNT(*) FROM clicks GROUP BY user_id, TUMBLE(event_time, INTERVAL '1' HOUR);
SELECT L.user_id, L.n, R.n FROM (
  SELECT window_start, window_end, user_id, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id
) L JOIN (
  SELECT window_start, window_end, user_id, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id
) R ON L.user_id = R.user_id AND L.window_start = R.window_start AND L.window_end = R.window_end;

SELECT * FROM (
  SELECT window_start, window_end, user_id, total, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rownum
  FROM (SELECT window_start, window_end, user_id, SUM(price) AS total FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, user_id)
) WHERE rownum <= 5;
SELECT user_id, url, event_time FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time ASC) AS row_num FROM clicks
) WHERE row_num = 1;
SELECT user_id, price,
  SUM(price) OVER (PARTITION BY user_id ORDER BY event_time ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS last_ten,
  AVG(price) OVER w AS avg_hour,
  RANK() OVER (ORDER BY price DESC), DENSE_RANK() OVER (PARTITION BY user_id ORDER BY price), LAG(price, 1) OVER (PARTITION BY user_id ORDER BY event_time)
FROM clicks
WINDOW w AS (PARTITION BY user_id ORDER BY event_time RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW);

SELECT * FROM clicks
MATCH_RECOGNIZE (
  PARTITION BY user_id
  ORDER BY event_time
  MEASURES A.url AS first_url, LAST(C.url) AS last_url, COUNT(B.url) AS middle, MATCH_ROWTIME() AS t
  ONE ROW PER MATCH
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (A B*? C{2,} D?) WITHIN INTERVAL '1' HOUR
  DEFINE A AS A.price < 10, B AS B.price BETWEEN 10 AND 100, C AS C.price > LAST(B.price, 1), D AS D.is_bot
) AS m;

SELECT user_id, first_ts, last_ts, clicks_in_burst FROM clicks
MATCH_RECOGNIZE (
  PARTITION BY user_id
  ORDER BY event_time
  MEASURES FIRST(S.event_time) AS first_ts, LAST(R.event_time) AS last_ts, COUNT(R.url) AS clicks_in_burst
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (S R+ E)
  DEFINE R AS R.price >= S.price * 1.1, E AS E.price < R.price / 2
);
SELECT c.price * u.id - c.ratio / 100 + 1 AS score, c.price % 7, (c.price + 1) * (c.ratio - 2) FROM clicks AS c JOIN users AS u ON c.user_id = u.id;
SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(event_time), INTERVAL '30' SECONDS, INTERVAL '15' MINUTES)) GROUP BY window_start;
SELECT * FROM clicks WHERE event_time > CURRENT_TIMESTAMP - INTERVAL '2' HOURS OR event_time < TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '3' DAYS;
SELECT user_id, tag FROM clicks CROSS JOIN UNNEST(tags) AS t (tag);
SELECT user_id, k, v FROM clicks CROSS JOIN UNNEST(props) AS kv (k, v);
SELECT user_id, word, len FROM clicks, LATERAL TABLE(split_words(url)) AS T(word, len);
SELECT user_id, word FROM clicks LEFT JOIN LATERAL TABLE(split_words(url)) AS T(word) ON TRUE;
SELECT id, prediction FROM ML_PREDICT(TABLE users, MODEL sentiment, DESCRIPTOR(name));
SELECT user_id, LISTAGG(url, ','), COLLECT(url), FIRST_VALUE(url), LAST_VALUE(url), STDDEV_POP(price), COUNT(*) FILTER (WHERE is_bot) FROM clicks GROUP BY user_id;

EXPLAIN SELECT * FROM clicks;
EXPLAIN PLAN FOR SELECT user_id FROM clicks WHERE price > 1;
EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN INSERT INTO blackhole_sink SELECT id, name FROM users;
EXPLAIN STATEMENT SET BEGIN INSERT INTO blackhole_sink SELECT id, name FROM users; END;
COMPILE PLAN '/tmp/plan.json' FOR INSERT INTO blackhole_sink SELECT id, name FROM users;
COMPILE PLAN '/tmp/plan.json' IF NOT EXISTS FOR STATEMENT SET BEGIN INSERT INTO blackhole_sink SELECT id, name FROM users; END;
EXECUTE PLAN '/tmp/plan.json';
EXECUTE INSERT INTO blackhole_sink SELECT id, name FROM users;
CALL lake.sys.compact('analytics.clicks', 'dt = 2024-01-01');
STOP JOB '6a3c1b7e4f0d2a9b8c7d6e5f4a3b2c1d' WITH SAVEPOINT WITH DRAIN;

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO blackhole_sink SELECT id, name FROM users WHERE country = 'DE';
  INSERT INTO blackhole_sink SELECT user_id, url FROM clicks WHERE price > 10;
END;

BEGIN STATEMENT SET;
INSERT INTO blackhole_sink SELECT id, name FROM users;
INSERT INTO sink_print SELECT id, v FROM gen;
END;
