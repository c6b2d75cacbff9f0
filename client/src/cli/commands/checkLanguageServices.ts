// The language services `check` runs: the server's pure SQL and job-file features, without an LSP
// connection. SQL files take the Flink version and `${var}` variables of the job file that references
// them (the job-file index over the workspace), as in the editor; else `--flink`, else the newest line.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../../../server/src/protocol';
import { createJobFileLanguageFeatures } from '../../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { createSqlLanguageFeatures } from '../../../../server/src/languageService/sql/sqlLanguageFeatures';
import { usageError } from '../cliArgs';

export type CheckableKind = 'sql' | 'job';

export function checkableKind(path: string): CheckableKind | undefined {
  if (/\.(flink\.sql|fsql)$/i.test(path)) return 'sql';
  if (/\.flink\.ya?ml$/i.test(path)) return 'job';
  return undefined;
}

export interface CheckServices {
  diagnostics(kind: CheckableKind, document: TextDocument): Diagnostic[];
}

export interface CheckServiceOptions {
  /** `--flink`: version line for files that name none. */
  flinkVersion?: string;
  workspace: string;
  /** Cluster names besides `.flink/clusters.yaml` (running local clusters, `local-<line>`). */
  extraClusterNames?: readonly string[];
}

/** `1.20`, `1.20.3` or `v1_20` → `1.20`; anything else is a usage error naming the supported lines. */
export function checkVersionLine(written: string): FlinkVersionLine {
  const match = /^v?(\d+)[._](\d+)/.exec(written.trim());
  const line = match ? `${match[1]}.${match[2]}` : '';
  if ((SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(line)) return line as FlinkVersionLine;
  throw usageError(`--flink ${written}: the language features know Flink ${SUPPORTED_FLINK_VERSIONS.join(', ')}.`);
}

export function createCheckServices(options: CheckServiceOptions): CheckServices {
  const fallback = options.flinkVersion ? checkVersionLine(options.flinkVersion) : undefined;
  const jobFiles = createJobFileLanguageFeatures({
    ...(fallback ? { defaultFlinkVersion: () => fallback } : {}),
    workspaceFolders: [options.workspace],
    extraClusterNames: () => options.extraClusterNames ?? [],
  });
  const sql = createSqlLanguageFeatures((uri) => {
    const fromJobFile = jobFiles.sqlFileContext(uri);
    if (fromJobFile) return fromJobFile;
    return { flinkVersion: fallback ?? SUPPORTED_FLINK_VERSIONS[SUPPORTED_FLINK_VERSIONS.length - 1], variables: {} };
  });
  return {
    diagnostics: (kind, document) => (kind === 'sql' ? sql : jobFiles).diagnostics(document),
  };
}
