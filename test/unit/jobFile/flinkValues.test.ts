// Flink's value syntaxes: what Flink accepts is accepted, nothing else.
import { describe, expect, it } from 'vitest';
import { isFlinkMapText, matchesFlinkEnum, parseFlinkDuration, parseFlinkMemorySize } from '../../../server/src/languageService/jobFile/flinkValues';

describe('Flink values', () => {
  it.each([
    ['30 s', 30_000],
    ['30s', 30_000],
    ['1 min', 60_000],
    ['1min', 60_000],
    ['2 m', 120_000],
    ['500ms', 500],
    ['500 milliseconds', 500],
    ['1 h', 3_600_000],
    ['2 hours', 7_200_000],
    ['1 d', 86_400_000],
    ['10 SECONDS', 10_000],
    ['PT1M', 60_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['1000', 1000],
    [1000, 1000],
  ] as const)('Duration %j = %d ms', (text, ms) => {
    expect(parseFlinkDuration(text)).toBe(ms);
  });

  it.each(['30 x', 'fast', '', '1.5 s', '-1 s', 'PT', 'P', '1 s 2 s'])('rejects the Duration %j', (text) => {
    expect(parseFlinkDuration(text)).toBeUndefined();
  });

  it.each([
    ['1g', 1024 ** 3],
    ['1 gb', 1024 ** 3],
    ['512 mb', 512 * 1024 ** 2],
    ['1600m', 1600 * 1024 ** 2],
    ['1024kb', 1024 * 1024],
    ['64 K', 64 * 1024],
    ['1 tb', 1024 ** 4],
    ['2 bytes', 2],
    ['4096', 4096],
    [4096, 4096],
    ['1 mebibytes', 1024 ** 2],
  ] as const)('MemorySize %j = %d bytes', (text, bytes) => {
    expect(parseFlinkMemorySize(text)).toBe(bytes);
  });

  it.each(['4 gigs', '1.5g', 'lots', '', '-1m'])('rejects the MemorySize %j', (text) => {
    expect(parseFlinkMemorySize(text)).toBeUndefined();
  });

  it('parses maps and enums as Flink does', () => {
    expect(isFlinkMapText('a:1,b:2')).toBe(true);
    expect(isFlinkMapText("'k:1':v")).toBe(true);
    expect(isFlinkMapText('')).toBe(true);
    expect(isFlinkMapText('a,b')).toBe(false);
    expect(matchesFlinkEnum('exactly_once', ['EXACTLY_ONCE', 'AT_LEAST_ONCE'])).toBe(true);
    expect(matchesFlinkEnum('exactly-once', ['EXACTLY_ONCE'])).toBe(false);
  });
});
