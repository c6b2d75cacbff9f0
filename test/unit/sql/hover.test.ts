// Hover at caret markers `|`.
import { describe, expect, it } from 'vitest';
import { features, withCaret } from './sqlFixture';

const DDL = `CREATE TABLE orders (
  order_id BIGINT COMMENT 'business key',
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'kafka:9092', 'key.format' = 'json', 'value.format' = 'json');
`;

function hoverText(marked: string, version: '1.20' | '2.3' = '2.3'): string {
  const { document, position } = withCaret(marked);
  const hover = features(version).hover!(document, position);
  if (!hover) return '';
  const contents = hover.contents as { value: string };
  return contents.value;
}

describe('hover', () => {
  it('shows a table with its columns, key and watermark', () => {
    const text = hoverText(`${DDL}SELECT * FROM ord|ers;`);
    expect(text).toContain('`default_catalog.default_database.orders`');
    expect(text).toContain('connector `upsert-kafka`');
    expect(text).toContain('`amount`');
    expect(text).toContain('DECIMAL(10, 2)');
    expect(text).toContain('Primary key: `order_id`');
    expect(text).toContain('Watermark on `order_time`');
  });

  it('shows a column with type, kind, comment and time attribute', () => {
    expect(hoverText(`${DDL}SELECT order_|id FROM orders;`)).toMatch(/order_id.*BIGINT[\s\S]*business key/);
    expect(hoverText(`${DDL}SELECT o.order_ti|me FROM orders o;`)).toContain('event-time attribute');
  });

  it('shows built-in function docs with signature', () => {
    const text = hoverText(`SELECT DATE_FOR|MAT(ts, 'yyyy') FROM t;`);
    expect(text).toContain('DATE_FORMAT(timestamp, format)');
    expect(text).toContain('Temporal');
  });

  it('shows window TVF docs', () => {
    expect(hoverText(`${DDL}SELECT * FROM TABLE(TUM|BLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE));`)).toContain('window_start');
  });

  it('shows connector option docs (including format options)', () => {
    const text = hoverText(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'scan.startup.m|ode' = 'earliest-offset');`);
    expect(text).toContain('scan.startup.mode');
    expect(text).toContain('group-offsets');
    expect(hoverText(`CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'format' = 'json', 'json.ignore-parse-|errors' = 'true');`)).toContain('format json');
    expect(hoverText(`CREATE TABLE t (a INT) WITH ('connector' = 'file|system');`)).toContain('filesystem');
  });

  it('shows SET key docs of the chosen version', () => {
    const text = hoverText(`SET 'execution.checkpointing.inter|val' = '10 s';`);
    expect(text).toContain('execution.checkpointing.interval');
    expect(text).toContain('Duration');
    expect(hoverText(`SET 'state.back|end' = 'rocksdb';`)).toContain('state.backend.type');
  });

  it('shows data type docs', () => {
    expect(hoverText(`CREATE TABLE t (a TIMESTAMP_L|TZ(3)) WITH ('connector' = 'blackhole');`)).toContain('session time zone');
  });

  it('shows CTE and alias columns', () => {
    expect(hoverText(`${DDL}WITH big AS (SELECT order_id, amount FROM orders) SELECT * FROM b|ig;`)).toMatch(/CTE[\s\S]*amount/);
    expect(hoverText(`${DDL}SELECT x.amount FROM orders x|;`)).toMatch(/alias[\s\S]*orders/);
  });

  it('returns null over whitespace and never throws on garbage', () => {
    expect(hoverText(`SELECT 1;   |   `)).toBe('');
    expect(() => hoverText(`((((|'`)).not.toThrow();
  });
});

describe('variables', () => {
  it('shows the value of a ${var} from the job file context', () => {
    const { document, position } = withCaret("SELECT * FROM t WHERE region = '${reg|ion}';");
    const f = features('2.3', { region: 'eu-west-1' }, 'file:///jobs/orders.flink.yaml');
    const value = (f.hover!(document, position)!.contents as { value: string }).value;
    expect(value).toContain('eu-west-1');
    expect(value).toContain('orders.flink.yaml');
    const missing = withCaret("SELECT * FROM t WHERE region = '${zo|ne}';");
    expect((f.hover!(missing.document, missing.position)!.contents as { value: string }).value).toContain('not defined');
  });
});
