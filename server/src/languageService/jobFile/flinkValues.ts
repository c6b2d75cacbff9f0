// Flink's value syntaxes, exactly as Flink's own parsers accept them (TimeUtils.parseDuration,
// MemorySize.parse, ConfigurationUtils map parsing), so a value the editor accepts is one Flink accepts.

// Unit names of org.apache.flink.util.TimeUtils (singular and plural, case-insensitive).
const DURATION_UNITS: ReadonlyArray<[number, string[]]> = [
  [86_400_000, ['d', 'day', 'days']],
  [3_600_000, ['h', 'hour', 'hours']],
  [60_000, ['min', 'm', 'minute', 'minutes', 'mins']],
  [1_000, ['s', 'sec', 'secs', 'second', 'seconds']],
  [1, ['ms', 'milli', 'millis', 'millisecond', 'milliseconds']],
  [0.001, ['µs', 'us', 'micro', 'micros', 'microsecond', 'microseconds']],
  [0.000001, ['ns', 'nano', 'nanos', 'nanosecond', 'nanoseconds']],
];
const DURATION_FACTOR = new Map<string, number>(DURATION_UNITS.flatMap(([factor, names]) => names.map((name) => [name, factor] as [string, number])));

// Unit names of org.apache.flink.configuration.MemorySize.MemoryUnit.
const MEMORY_UNITS: ReadonlyArray<[number, string[]]> = [
  [1, ['b', 'bytes']],
  [1024, ['k', 'kb', 'kibibytes']],
  [1024 ** 2, ['m', 'mb', 'mebibytes']],
  [1024 ** 3, ['g', 'gb', 'gibibytes']],
  [1024 ** 4, ['t', 'tb', 'tebibytes']],
];
const MEMORY_FACTOR = new Map<string, number>(MEMORY_UNITS.flatMap(([factor, names]) => names.map((name) => [name, factor] as [string, number])));

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of a Flink Duration (`30 s`, `1min`, `500 ms`, `PT1M`, `1000` = ms), or undefined. */
export function parseFlinkDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const iso = ISO_DURATION.exec(text);
  if (iso && /\d/.test(text) && !/T$/i.test(text)) {
    const [, d = '0', h = '0', m = '0', s = '0'] = iso;
    return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000;
  }
  const match = /^(\d+)\s*([^\d\s]*)$/.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const factor = unit === '' ? 1 : DURATION_FACTOR.get(unit);
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** Bytes of a Flink MemorySize (`1g`, `512 mb`, `1024kb`, `1048576` = bytes), or undefined. */
export function parseFlinkMemorySize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = /^(\d+)\s*([a-zA-Z]*)$/.exec(value.trim());
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const factor = unit === '' ? 1 : MEMORY_FACTOR.get(unit);
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** Whether text is a Flink map (`k1:v1,k2:v2`, entries may be quoted); the empty string is an empty map. */
export function isFlinkMapText(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  return splitOutsideQuotes(text, ',').every((entry) => {
    const pair = splitOutsideQuotes(entry, ':');
    return pair.length >= 2 && pair[0]!.trim() !== '';
  });
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Whether a value is one of Flink's enum constants (Flink compares case-insensitively). */
export function matchesFlinkEnum(value: string, allowed: readonly string[]): boolean {
  const upper = value.trim().toUpperCase();
  return allowed.some((candidate) => candidate.toUpperCase() === upper);
}

/** `List<Enum>` text (`A;B`) or a YAML list: every element a constant. */
export function matchesFlinkEnumList(value: string | readonly unknown[], allowed: readonly string[]): boolean {
  const items = typeof value === 'string' ? value.split(';').filter((s) => s.trim() !== '') : value;
  return items.every((item) => typeof item === 'string' && matchesFlinkEnum(item, allowed));
}
