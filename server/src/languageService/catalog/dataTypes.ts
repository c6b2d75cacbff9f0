// Flink SQL data types for completion and hover.

export interface DataTypeInfo {
  name: string;
  /** What to insert (snippet syntax) and how it reads in docs. */
  snippet: string;
  syntax: string;
  description: string;
  since: string;
}

type Row = [name: string, snippet: string, syntax: string, description: string, since?: string];

const ROWS: Row[] = [
  ['CHAR', 'CHAR(${1:1})', 'CHAR(n)', 'Fixed-length character string.'],
  ['VARCHAR', 'VARCHAR(${1:255})', 'VARCHAR(n)', 'Variable-length character string of at most n characters.'],
  ['STRING', 'STRING', 'STRING', 'Synonym of VARCHAR(2147483647).'],
  ['BOOLEAN', 'BOOLEAN', 'BOOLEAN', 'TRUE, FALSE or UNKNOWN.'],
  ['BINARY', 'BINARY(${1:1})', 'BINARY(n)', 'Fixed-length byte string.'],
  ['VARBINARY', 'VARBINARY(${1:255})', 'VARBINARY(n)', 'Variable-length byte string.'],
  ['BYTES', 'BYTES', 'BYTES', 'Synonym of VARBINARY(2147483647).'],
  ['DECIMAL', 'DECIMAL(${1:10}, ${2:0})', 'DECIMAL(p, s)', 'Exact number with precision p (1–38) and scale s.'],
  ['DEC', 'DEC(${1:10}, ${2:0})', 'DEC(p, s)', 'Synonym of DECIMAL.'],
  ['NUMERIC', 'NUMERIC(${1:10}, ${2:0})', 'NUMERIC(p, s)', 'Synonym of DECIMAL.'],
  ['TINYINT', 'TINYINT', 'TINYINT', '1-byte signed integer.'],
  ['SMALLINT', 'SMALLINT', 'SMALLINT', '2-byte signed integer.'],
  ['INT', 'INT', 'INT', '4-byte signed integer.'],
  ['INTEGER', 'INTEGER', 'INTEGER', 'Synonym of INT.'],
  ['BIGINT', 'BIGINT', 'BIGINT', '8-byte signed integer.'],
  ['FLOAT', 'FLOAT', 'FLOAT', '4-byte floating point number.'],
  ['DOUBLE', 'DOUBLE', 'DOUBLE', '8-byte floating point number (also DOUBLE PRECISION).'],
  ['DATE', 'DATE', 'DATE', 'Year-month-day without time zone.'],
  ['TIME', 'TIME(${1:0})', 'TIME(p)', 'Time of day without time zone, fractional precision p (0–9, default 0).'],
  ['TIMESTAMP', 'TIMESTAMP(${1:3})', 'TIMESTAMP(p) [WITHOUT TIME ZONE]', 'Date and time without time zone; TIMESTAMP(3) columns can be event-time attributes.'],
  ['TIMESTAMP_LTZ', 'TIMESTAMP_LTZ(${1:3})', 'TIMESTAMP_LTZ(p)', 'An instant, shown in the session time zone (TIMESTAMP(p) WITH LOCAL TIME ZONE).'],
  ['INTERVAL', 'INTERVAL ${1:DAY} TO ${2:SECOND}', 'INTERVAL unit [TO unit]', 'Day-time or year-month interval.'],
  ['ARRAY', 'ARRAY<${1:STRING}>', 'ARRAY<t>', 'Array of elements of type t.'],
  ['MAP', 'MAP<${1:STRING}, ${2:STRING}>', 'MAP<k, v>', 'Map from keys of type k to values of type v.'],
  ['MULTISET', 'MULTISET<${1:STRING}>', 'MULTISET<t>', 'Bag of elements of type t.'],
  ['ROW', 'ROW<${1:name} ${2:STRING}>', "ROW<name type ['comment'], …>", 'Nested row (struct) of named fields.'],
  ['RAW', "RAW('${1:class}', '${2:snapshot}')", "RAW('class', 'snapshot')", 'Arbitrary Java type serialised by Flink.'],
  ['VARIANT', 'VARIANT', 'VARIANT', 'Semi-structured value (JSON-like) with its own binary encoding.', '2.1'],
];

export const DATA_TYPES: readonly DataTypeInfo[] = ROWS.map(([name, snippet, syntax, description, since]) => ({ name, snippet, syntax, description, since: since ?? '1.20' }));

const byName = new Map(DATA_TYPES.map((t) => [t.name, t]));

export function lookupDataType(name: string): DataTypeInfo | undefined {
  return byName.get(name.toUpperCase());
}

/** Type family used to compare INSERT source and sink columns. */
export type TypeFamily = 'string' | 'binary' | 'boolean' | 'exact' | 'approximate' | 'date' | 'time' | 'timestamp' | 'interval' | 'array' | 'map' | 'multiset' | 'row' | 'raw' | 'variant' | 'unknown';

const FAMILY: Record<string, TypeFamily> = {
  CHAR: 'string', VARCHAR: 'string', STRING: 'string', BOOLEAN: 'boolean', BINARY: 'binary', VARBINARY: 'binary', BYTES: 'binary',
  DECIMAL: 'exact', DEC: 'exact', NUMERIC: 'exact', TINYINT: 'exact', SMALLINT: 'exact', INT: 'exact', INTEGER: 'exact', BIGINT: 'exact',
  FLOAT: 'approximate', DOUBLE: 'approximate', REAL: 'approximate', DATE: 'date', TIME: 'time', TIMESTAMP: 'timestamp', TIMESTAMP_LTZ: 'timestamp',
  INTERVAL: 'interval', ARRAY: 'array', MAP: 'map', MULTISET: 'multiset', ROW: 'row', RAW: 'raw', VARIANT: 'variant',
};

/** The family of a type written in SQL ("VARCHAR(10)", "TIMESTAMP(3) WITH LOCAL TIME ZONE", "ARRAY<INT>"). */
export function typeFamily(typeText: string): TypeFamily {
  const m = /^\s*`?([A-Za-z_]+)/.exec(typeText);
  return (m && FAMILY[m[1]!.toUpperCase()]) || 'unknown';
}

/**
 * Whether a value of family `from` may plausibly be written into a column of family `to` by INSERT.
 * Conservative: without exact precisions we only flag family changes Flink never casts implicitly
 * (e.g. STRING into INT); numeric↔numeric is left to Flink's own precision checks.
 */
export function isImplicitlyAssignable(from: TypeFamily, to: TypeFamily): boolean {
  if (from === 'unknown' || to === 'unknown' || from === to) return true;
  const numeric = (f: TypeFamily) => f === 'exact' || f === 'approximate';
  if (numeric(from) && numeric(to)) return true;
  return false;
}
