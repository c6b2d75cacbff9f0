// Flink releases the local installer supports. The distribution comes from PyPI's PyFlink
// packages (`pyflink/` is a complete FLINK_HOME); the SQL Gateway jar, which PyPI lacks, from Maven.
import { FlinkPilotError } from '../errors';

export interface LocalFlinkRelease {
  /** Version line users name, e.g. `2.3`. */
  line: string;
  /** Exact PyPI version of `apache-flink` and `apache-flink-libraries`. */
  version: string;
  /** Exact Maven version of `org.apache.flink:flink-sql-gateway` (same as `version`). */
  gatewayVersion: string;
}

// 1.20 stops at 1.20.3: newer 1.20 patch releases are on PyPI, but Maven Central (as reachable here)
// has no matching flink-sql-gateway jar, and a gateway from another patch release is not mixed in.
export const LOCAL_FLINK_RELEASES: readonly LocalFlinkRelease[] = [
  { line: '1.20', version: '1.20.3', gatewayVersion: '1.20.3' },
  { line: '2.3', version: '2.3.0', gatewayVersion: '2.3.0' },
];

export const DEFAULT_LOCAL_FLINK_LINE = '2.3';

/** Finds the release for `1.20`, `1.20.3`, `2.3` or `2.3.0`; throws naming the supported ones. */
export function resolveLocalFlinkRelease(versionOrLine: string = DEFAULT_LOCAL_FLINK_LINE): LocalFlinkRelease {
  const wanted = versionOrLine.trim();
  const release = LOCAL_FLINK_RELEASES.find((r) => r.line === wanted || r.version === wanted);
  if (release) return release;
  const supported = LOCAL_FLINK_RELEASES.map((r) => `${r.line} (${r.version})`).join(', ');
  throw new FlinkPilotError(`Unknown local Flink version "${versionOrLine}". Supported: ${supported}.`, {
    code: 'unknown-version',
    hint: `Pass one of: ${LOCAL_FLINK_RELEASES.map((r) => r.line).join(', ')}.`,
  });
}
