// Flink version numbers as users and clusters write them: `1.20`, `1.20.3`, `2.3.0`, `2.3-SNAPSHOT`.
// A job names a line (`1.20`) or an exact release (`1.20.3`); an installation or a cluster has a release.
import { FlinkPilotError } from '../errors';

export interface FlinkVersion {
  major: number;
  minor: number;
  /** Undefined when only the line was given (`1.20`). */
  patch?: number;
  /** Text after a dash, e.g. `SNAPSHOT`, `rc1`, a vendor suffix. */
  qualifier?: string;
  /** The text as written. */
  text: string;
}

const VERSION_PATTERN = /^v?(\d+)[._](\d+)(?:\.(\d+))?(?:[-+](.+))?$/;

/** Parses a version, or returns undefined when the text is not one. */
export function tryParseFlinkVersion(text: string): FlinkVersion | undefined {
  const match = VERSION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: match[3] === undefined ? undefined : Number(match[3]),
    qualifier: match[4],
    text: text.trim(),
  };
}

export function parseFlinkVersion(text: string): FlinkVersion {
  const version = tryParseFlinkVersion(text);
  if (version) return version;
  throw new FlinkPilotError(`"${text}" is not a Flink version.`, {
    code: 'bad-version',
    hint: 'Write a version line such as 1.20 or 2.3, or a release such as 1.20.3.',
  });
}

/** `1.20` for 1.20.3. */
export function versionLine(version: FlinkVersion): string {
  return `${version.major}.${version.minor}`;
}

/** `1.20.3`, or `1.20` when no patch is known. */
export function formatFlinkVersion(version: FlinkVersion): string {
  return version.patch === undefined ? versionLine(version) : `${versionLine(version)}.${version.patch}`;
}

/**
 * True when `actual` satisfies `wanted`: a line (`1.20`) matches every release of that line, a release
 * (`1.20.3`) only itself. Qualifiers are ignored (a `1.20.3-custom` build is a 1.20.3).
 */
export function versionMatches(wanted: FlinkVersion, actual: FlinkVersion): boolean {
  if (wanted.major !== actual.major || wanted.minor !== actual.minor) return false;
  return wanted.patch === undefined || wanted.patch === actual.patch;
}

/** Orders versions oldest first; a missing patch sorts before patch 0. */
export function compareFlinkVersions(a: FlinkVersion, b: FlinkVersion): number {
  return a.major - b.major || a.minor - b.minor || (a.patch ?? -1) - (b.patch ?? -1);
}

/** True for Flink 2.0 and later, whose CLI dropped `run-application` and YARN per-job mode. */
export function isFlink2OrLater(version: FlinkVersion): boolean {
  return version.major >= 2;
}
