// A job runs with the Flink version its file names. Before submitting, the target cluster's
// `GET /config` (field `flink-version`) must agree; otherwise the job would be compiled by one
// version's planner and run by another's runtime, which fails late and confusingly.
import { FlinkPilotError } from '../errors';
import { formatFlinkVersion, parseFlinkVersion, tryParseFlinkVersion, versionMatches } from './flinkVersion';

/** The part of Flink's `GET /config` answer (DashboardConfiguration) that carries the version. */
export interface DashboardConfigVersion {
  'flink-version'?: string;
  'flink-revision'?: string;
}

export interface ClusterVersionCheckTarget {
  /** Cluster name as in the cluster definitions. */
  clusterName: string;
  /** REST address, shown to the user (never with credentials). */
  restUrl?: string;
}

export type ClusterVersionCheck =
  | { ok: true; clusterVersion: string }
  | { ok: false; clusterVersion?: string; error: FlinkPilotError };

/** Compares the job's `flinkVersion` with what the cluster reports; returns the verdict as a value. */
export function checkClusterVersion(jobFlinkVersion: string, config: DashboardConfigVersion, target: ClusterVersionCheckTarget): ClusterVersionCheck {
  const where = target.restUrl ? `"${target.clusterName}" (${target.restUrl})` : `"${target.clusterName}"`;
  const reported = config['flink-version'];
  const actual = reported ? tryParseFlinkVersion(reported) : undefined;
  if (!reported || !actual) {
    return {
      ok: false,
      clusterVersion: reported,
      error: new FlinkPilotError(`The cluster ${where} did not report its Flink version on /config${reported ? ` (it said "${reported}")` : ''}.`, {
        code: 'cluster-version-unknown',
        hint: 'Check that the address points at a Flink JobManager REST endpoint.',
      }),
    };
  }
  const wanted = parseFlinkVersion(jobFlinkVersion);
  if (versionMatches(wanted, actual)) return { ok: true, clusterVersion: formatFlinkVersion(actual) };
  return {
    ok: false,
    clusterVersion: formatFlinkVersion(actual),
    error: new FlinkPilotError(
      `Version mismatch: the job needs Flink ${jobFlinkVersion}, but the cluster ${where} runs Flink ${formatFlinkVersion(actual)}.`,
      {
        code: 'version-mismatch',
        hint: `Set flinkVersion: "${formatFlinkVersion(actual).split('.').slice(0, 2).join('.')}" in the job file if the job is meant for this cluster, or choose a cluster that runs Flink ${jobFlinkVersion}.`,
      },
    ),
  };
}

/** Same as {@link checkClusterVersion} but throws the error; returns the cluster's version. */
export function assertClusterVersion(jobFlinkVersion: string, config: DashboardConfigVersion, target: ClusterVersionCheckTarget): string {
  const result = checkClusterVersion(jobFlinkVersion, config, target);
  if (!result.ok) throw result.error;
  return result.clusterVersion;
}
