// Exit codes of `flink-pilot`, stable for scripts and CI pipelines (documented in --help and the README).
import { FlinkPilotError } from '../core/errors';

export const ExitCode = {
  /** Everything worked. */
  ok: 0,
  /** `check` found errors, or the job / operation failed on the cluster (job failed, savepoint failed, restore not verified). */
  failed: 1,
  /** Wrong command line: unknown command or option, missing argument. */
  usage: 2,
  /** A cluster could not be reached, or answered with an HTTP error. */
  clusterUnreachable: 3,
  /** An operation did not finish in time (job not running, savepoint not completed). */
  timeout: 4,
  /** A job file, cluster definition or installation is missing or invalid (including a Flink version mismatch). */
  invalidConfiguration: 5,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const CONFIGURATION_CODES = new Set([
  'version-mismatch', 'cluster-version-unknown', 'installation-not-found', 'installation-missing', 'installation-version-unknown',
  'installation-version-mismatch', 'bad-config-file', 'bad-version', 'unknown-version', 'undefined-variable', 'invalid-deployment',
  'invalid-operator-spec', 'no-sql', 'no-jar', 'jar-missing', 'no-gateway', 'bad-coordinates', 'bad-name', 'job-file-invalid',
  'job-file-missing', 'cluster-not-found', 'secret-missing', 'sql-structure', 'invalid-job-file', 'invalid-cluster-definitions',
  'ca-file-unreadable', 'no-savepoint', 'no-checkpoint', 'invalid-project', 'unknown-project', 'main-class-ambiguous', 'main-class-missing',
  'needs-build',
]);

/** The exit code that tells a script what kind of failure `error` is. */
export function exitCodeForError(error: unknown): ExitCodeValue {
  if (!(error instanceof FlinkPilotError)) return ExitCode.failed;
  const code = error.code;
  if (code === 'usage') return ExitCode.usage;
  if (code === 'aborted' || code === 'cancelled' || code === 'flink-aborted') return ExitCode.interrupted;
  if (code === 'flink-unreachable' || code === 'flink-http' || code === 'flink-tls' || code === 'flink-protocol') return ExitCode.clusterUnreachable;
  if (code === 'timeout' || code === 'flink-timeout' || code === 'start-timeout') return ExitCode.timeout;
  if (CONFIGURATION_CODES.has(code)) return ExitCode.invalidConfiguration;
  return ExitCode.failed;
}

export const EXIT_CODES_HELP = `Exit codes:
  0    ok
  1    check found errors, or the job/operation failed (job failed, savepoint failed, restore not verified)
  2    usage error (unknown command or option, missing argument)
  3    cluster unreachable or HTTP error from Flink
  4    timeout (job not running in time, savepoint not completed in time)
  5    invalid job file, cluster definition or installation (including a Flink version mismatch)
  130  interrupted (Ctrl-C)`;
