// Realistic Flink SQL documents of a chosen size for the parser benchmarks (deterministic).
// A "job" block is a typical streaming pipeline: SET options, source/sink DDL with WITH options,
// a view, window aggregation, a temporal join, Top-N, MATCH_RECOGNIZE and a statement set.

const JOB = (i) => `-- pipeline ${i}
SET 'pipeline.name' = 'orders-pipeline-${i}';
SET 'table.exec.state.ttl' = '1 h';

CREATE TABLE orders_${i} (
  order_id BIGINT,
  customer_id BIGINT,
  product STRING,
  amount DECIMAL(10, 2),
  currency STRING,
  tags ARRAY<STRING>,
  attributes MAP<STRING, STRING>,
  shipping ROW<city STRING, zip STRING>,
  order_time TIMESTAMP(3),
  proc_time AS PROCTIME(),
  kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) COMMENT 'orders from kafka'
WITH (
  'connector' = 'kafka',
  'topic' = 'orders-${i}',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'g-${i}',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

CREATE TABLE rates_${i} (
  currency STRING,
  rate DECIMAL(10, 4),
  update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time,
  PRIMARY KEY (currency) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'rates', 'key.format' = 'json', 'value.format' = 'json');

CREATE TABLE revenue_${i} (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  product STRING,
  revenue DECIMAL(20, 2),
  order_count BIGINT
) PARTITIONED BY (product) WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/revenue-${i}', 'format' = 'csv');

CREATE TEMPORARY VIEW big_orders_${i} AS
SELECT o.order_id, o.customer_id, o.product, o.amount * r.rate AS amount_eur, o.order_time
FROM orders_${i} AS o
LEFT JOIN rates_${i} FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency
WHERE o.amount > 100 AND o.product NOT LIKE 'test%' AND o.customer_id IN (1, 2, 3, 5, 8);

INSERT INTO revenue_${i}
SELECT window_start, window_end, product, SUM(amount_eur) AS revenue, COUNT(*) AS order_count
FROM TABLE(TUMBLE(TABLE big_orders_${i}, DESCRIPTOR(order_time), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end, product;

SELECT *
FROM (
  SELECT product, customer_id, amount,
    ROW_NUMBER() OVER (PARTITION BY product ORDER BY amount DESC) AS rn
  FROM orders_${i}
) WHERE rn <= 3;

SELECT customer_id, start_ts, end_ts
FROM orders_${i}
MATCH_RECOGNIZE (
  PARTITION BY customer_id
  ORDER BY order_time
  MEASURES FIRST(A.order_time) AS start_ts, LAST(B.order_time) AS end_ts
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C)
  DEFINE B AS B.amount > A.amount, C AS C.amount < 10
);

EXECUTE STATEMENT SET BEGIN
  INSERT INTO revenue_${i} SELECT window_start, window_end, product, SUM(amount), COUNT(*)
    FROM TABLE(HOP(TABLE orders_${i}, DESCRIPTOR(order_time), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
    GROUP BY window_start, window_end, product;
  INSERT INTO revenue_${i} SELECT window_start, window_end, product,
      CASE WHEN SUM(amount) > 1000 THEN SUM(amount) ELSE 0 END, COUNT(DISTINCT customer_id)
    FROM TABLE(CUMULATE(TABLE orders_${i}, DESCRIPTOR(order_time), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
    GROUP BY window_start, window_end, product;
END;
`;

/** A clean document of at least `lines` lines. */
export function cleanDocument(lines) {
  const parts = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const job = JOB(i);
    parts.push(job);
    count += job.split('\n').length - 1;
  }
  return parts.join('\n');
}

/**
 * Breaks `errors` statements spread over the document, in ways people do while typing:
 * a missing comma, an unclosed parenthesis, a missing FROM operand, a misspelt keyword.
 */
export function withSyntaxErrors(text, errors) {
  const lines = text.split('\n');
  const candidates = [];
  lines.forEach((line, index) => {
    if (/^\s+product STRING,$/.test(line) || /^WHERE o\.amount/.test(line) || /^GROUP BY window_start/.test(line)) candidates.push(index);
  });
  const step = Math.max(1, Math.floor(candidates.length / errors));
  let broken = 0;
  for (let k = 0; k < candidates.length && broken < errors; k += step, broken++) {
    const index = candidates[k];
    const line = lines[index];
    if (line.includes('product STRING,')) lines[index] = line.replace('product STRING,', 'product STRING'); // missing comma
    else if (line.startsWith('WHERE')) lines[index] = line.replace('IN (1, 2, 3, 5, 8)', 'IN (1, 2, 3, 5, 8'); // unclosed (
    else lines[index] = line.replace('GROUP BY', 'GROUP'); // missing BY
  }
  return lines.join('\n');
}

/**
 * "Partly broken" SQL as while someone types: every statement of the document is cut off at a
 * pseudo-random point (deterministic), so most statements end early or miss a closing parenthesis.
 */
export function partlyBrokenDocument(lines) {
  // Cutting statements short removes lines: start from a longer document, keep `lines` lines.
  const text = cleanDocument(Math.ceil(lines * 1.4));
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return text
    .split(';\n')
    .map((statement, i) => (i % 2 === 0 ? statement.slice(0, Math.floor(statement.length * (0.3 + 0.6 * random()))) : statement))
    .join(';\n')
    .split('\n')
    .slice(0, lines)
    .join('\n');
}
