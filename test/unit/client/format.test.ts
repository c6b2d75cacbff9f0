import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatAge, formatBytes, formatDuration } from '../../../client/src/views/format';

describe('formats for trees and tooltips', () => {
  it('formats durations the way the Flink Web UI does', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_999)).toBe('45s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12m 5s');
    expect(formatDuration(3 * 3_600_000 + 4 * 60_000)).toBe('3h 4m');
    expect(formatDuration(2 * 86_400_000 + 5 * 3_600_000)).toBe('2d 5h');
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
  });

  it('formats ages relative to now and tolerates clock skew', () => {
    expect(formatAge(1_000, 13_000)).toBe('12s ago');
    expect(formatAge(10_500, 10_000)).toBe('just now');
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(23 * 1024 * 1024)).toBe('23 MiB');
    expect(formatBytes(-1)).toBe('?');
  });

  it('escapes markdown in names and messages that come from the cluster', () => {
    expect(escapeMarkdown('job_[x]*')).toBe('job\\_\\[x\\]\\*');
  });
});
