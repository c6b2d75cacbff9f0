// Durations as Flink writes them (`30 s`, `10 min`, `500ms`, `1 h`, `PT1M`), for the windows and
// delays of alert triggers and auto-restart in job files.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, nano: 1e-6, nanos: 1e-6, nanosecond: 1e-6, nanoseconds: 1e-6,
  µs: 1e-3, us: 1e-3, micro: 1e-3, micros: 1e-3, microsecond: 1e-3, microseconds: 1e-3,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/** Milliseconds of a Flink duration text or a number of milliseconds; undefined when it is not one. */
export function parseFlinkDuration(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  const iso = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) {
    const [, d, h, m, s] = iso;
    return Math.round((Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(m ?? 0) * 60 + Number(s ?? 0)) * 1000);
  }
  const match = /^(\d+)\s*([a-zµ]*)$/i.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const factor = unit === '' ? 1 : UNIT_MS[unit];
  if (factor === undefined) return undefined;
  return Math.round(Number(match[1]) * factor);
}
