// Several Flink installations side by side: detect each one's version, then pick the one a job needs.
import { realpath } from 'node:fs/promises';
import { FlinkPilotError } from '../errors';
import { compareFlinkVersions, type FlinkVersion, formatFlinkVersion, parseFlinkVersion, versionMatches } from './flinkVersion';
import { type DetectVersionOptions, detectInstallationVersion, type VersionSource } from './installationVersion';
import {
  collectInstallationCandidates,
  type InstallationCandidate,
  type InstallationSourceOptions,
  ORIGIN_PRIORITY,
} from './installationSources';

export interface FlinkInstallationInfo extends InstallationCandidate {
  version: FlinkVersion;
  versionSource: VersionSource;
  distJar?: string;
}

export interface InstallationProblem {
  candidate: InstallationCandidate;
  message: string;
}

export interface InstallationScan {
  installations: FlinkInstallationInfo[];
  /** Configured installations that could not be used (missing directory, unknown version). */
  problems: InstallationProblem[];
}

/** Detects the version of every candidate; the same directory named twice is kept once (first wins). */
export async function scanInstallations(candidates: readonly InstallationCandidate[], options: DetectVersionOptions = {}): Promise<InstallationScan> {
  const results = await Promise.all(candidates.map(async (candidate) => {
    try {
      const detected = await detectInstallationVersion(candidate.flinkHome, options);
      const canonical = await realpath(candidate.flinkHome);
      return { canonical, info: { ...candidate, version: detected.version, versionSource: detected.source, distJar: detected.distJar } };
    } catch (error) {
      return { problem: { candidate, message: error instanceof Error ? error.message : String(error) } };
    }
  }));
  const seen = new Set<string>();
  const scan: InstallationScan = { installations: [], problems: [] };
  for (const result of results) {
    if ('problem' in result && result.problem) {
      scan.problems.push(result.problem);
    } else if ('info' in result && result.info && !seen.has(result.canonical)) {
      seen.add(result.canonical);
      scan.installations.push(result.info);
    }
  }
  return scan;
}

export async function discoverInstallations(options: InstallationSourceOptions & DetectVersionOptions = {}): Promise<InstallationScan> {
  return scanInstallations(await collectInstallationCandidates(options), options);
}

export interface SelectInstallationOptions {
  /** Use the installation of this name (as in `flinkPilot.flinkHomes`) if it matches the version. */
  preferredName?: string;
  /** Extra text for the hint, e.g. how to install this version locally. */
  installHint?: string;
}

function describeInstallation(installation: FlinkInstallationInfo): string {
  return `${installation.name} (${formatFlinkVersion(installation.version)}, ${installation.origin}: ${installation.flinkHome})`;
}

/**
 * The installation for a job's `flinkVersion` (a line such as `1.20` matches any 1.20.x): explicitly
 * configured installations before the local installer's, then the newest patch release.
 */
export function selectInstallation(scan: InstallationScan, wantedVersion: string, options: SelectInstallationOptions = {}): FlinkInstallationInfo {
  const wanted = parseFlinkVersion(wantedVersion);
  const matching = scan.installations.filter((installation) => versionMatches(wanted, installation.version));
  if (options.preferredName) {
    const named = scan.installations.find((installation) => installation.name === options.preferredName);
    if (named && versionMatches(wanted, named.version)) return named;
    if (named) {
      throw new FlinkPilotError(
        `The Flink installation "${named.name}" is Flink ${formatFlinkVersion(named.version)}, but the job needs Flink ${wantedVersion}.`,
        { code: 'installation-version-mismatch', hint: `Change the job's flinkVersion or point "${named.name}" at a Flink ${wantedVersion} distribution.` },
      );
    }
  }
  const best = [...matching].sort((a, b) =>
    ORIGIN_PRIORITY[a.origin] - ORIGIN_PRIORITY[b.origin] || compareFlinkVersions(b.version, a.version))[0];
  if (best) return best;
  const known = scan.installations.map(describeInstallation);
  const problems = scan.problems.map((p) => `${p.candidate.name}: ${p.message}`);
  throw new FlinkPilotError(`No Flink ${wantedVersion} installation found.`, {
    code: 'installation-not-found',
    detail: [
      known.length ? `Installations found:\n  ${known.join('\n  ')}` : 'No Flink installation found at all.',
      problems.length ? `Not usable:\n  ${problems.join('\n  ')}` : '',
    ].filter(Boolean).join('\n'),
    hint: [
      `Add a Flink ${wantedVersion} directory to the setting flinkPilot.flinkHomes or to flinkHomes in the CLI config file, or set FLINK_HOME.`,
      options.installHint,
    ].filter(Boolean).join(' '),
  });
}
