// Ordering helpers over the Flink version lines the language features know about.
import { NEWEST_FLINK_VERSION, SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';

/** Index of a version line in SUPPORTED_FLINK_VERSIONS (oldest = 0). */
export function versionIndex(version: FlinkVersionLine): number {
  return SUPPORTED_FLINK_VERSIONS.indexOf(version);
}

/** Whether `version` is `since` or newer. Versions older than every supported line count as oldest. */
export function isAtLeast(version: FlinkVersionLine, since: string): boolean {
  return compareVersionStrings(version, since) >= 0;
}

/** Compares 'major.minor' strings numerically (1.20 < 2.0). */
export function compareVersionStrings(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** A value from settings or a job file turned into a supported version line ('2.3.0' → '2.3'); else the newest. */
export function toVersionLine(value: string | undefined | null): FlinkVersionLine {
  if (!value) return NEWEST_FLINK_VERSION;
  const m = /^v?(\d+)[._](\d+)/.exec(value.trim());
  const line = m ? `${m[1]}.${m[2]}` : '';
  return (SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(line) ? (line as FlinkVersionLine) : NEWEST_FLINK_VERSION;
}
