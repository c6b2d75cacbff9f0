// Protocol types shared by the extension (client/) and the language server (server/).
// Kept small and free of runtime dependencies so both bundles can import it.

/** Language ids contributed by the extension. */
export const FLINK_SQL_LANGUAGE_ID = 'flinksql';
export const FLINK_JOB_YAML_LANGUAGE_ID = 'flink-job-yaml';

/** Flink version lines the language features know about, oldest first. */
export const SUPPORTED_FLINK_VERSIONS = ['1.20', '2.0', '2.1', '2.2', '2.3'] as const;
export type FlinkVersionLine = (typeof SUPPORTED_FLINK_VERSIONS)[number];
export const NEWEST_FLINK_VERSION: FlinkVersionLine = '2.3';

/** Settings the client passes to the server (`initializationOptions` and `workspace/didChangeConfiguration`). */
export interface ServerSettings {
  /** Flink version for SQL files that no job file references. */
  flinkVersion?: FlinkVersionLine;
}

/**
 * Client → server: the names of the local Flink clusters running now (the extension starts them as
 * `flink-<line>`); job files may name them in `cluster:`. Sent at start and whenever they change.
 */
export const LOCAL_CLUSTERS_NOTIFICATION = 'flinkPilot/localClusters';
export interface LocalClustersParams {
  names: string[];
}

/** Diagnostic source of every finding the server publishes for Flink SQL files. */
export const SQL_DIAGNOSTIC_SOURCE = 'flinksql';
/** Diagnostic source of every finding the server publishes for job files. */
export const JOB_FILE_DIAGNOSTIC_SOURCE = 'flink-job';
