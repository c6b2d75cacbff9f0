// From a loaded job file (jobFile.ts) to the JobSpec the deployment operations take: paths resolved
// against the job file, defaults applied, Flink options as Flink's configuration text, durations in
// milliseconds. For inline SQL, where it starts in the YAML, so SQL errors point into the job file.
import { readFileSync } from 'node:fs';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import { parseDurationMs } from './clusterDefinitions';
import type { JobSpec } from './deploymentTypes';
import { flinkConfigStrings, jobVariables, mavenDependencies, resolveJobFilePath, type LoadedJobFile } from './jobFile';

const DEFAULT_SAVEPOINT_TIMEOUT_MS = 10 * 60_000;

export interface JobSpecOptions {
  /** A jar built from the job's Git project (issue 7's build step), used instead of `jar.path`. */
  builtJarPath?: string;
}

export function jobSpecFromJobFile(loaded: LoadedJobFile, options: JobSpecOptions = {}): Result<JobSpec, FlinkPilotError> {
  const job = loaded.job;
  const savepoints = job.savepoints ?? {};
  const restore = job.restore ?? {};
  const timeoutMs = savepoints.timeout ? parseDurationMs(savepoints.timeout) : DEFAULT_SAVEPOINT_TIMEOUT_MS;
  if (timeoutMs === undefined) {
    return err(new FlinkPilotError(`${loaded.path}: savepoints.timeout "${savepoints.timeout}" is not a duration.`, { code: 'invalid-job-file', hint: 'Write e.g. "10 min" or "90 s".' }));
  }
  const spec: JobSpec = {
    name: job.name,
    type: job.type,
    flinkVersion: job.flinkVersion,
    parallelism: job.parallelism,
    config: flinkConfigStrings(job.config),
    dependencies: { maven: mavenDependencies(job), jars: (job.dependencies?.jars ?? []).map((jar) => resolveJobFilePath(loaded.path, jar)) },
    savepoints: {
      directory: savepoints.directory === undefined ? undefined : snapshotLocation(loaded.path, savepoints.directory),
      stopMode: savepoints.stopMode ?? 'savepoint',
      format: savepoints.format ?? 'canonical',
      timeoutMs,
    },
    restore: {
      from: restore.from ?? 'latest-savepoint',
      path: restore.path === undefined ? undefined : snapshotLocation(loaded.path, restore.path),
      allowNonRestoredState: restore.allowNonRestoredState ?? false,
      claimMode: restore.claimMode ?? 'no_claim',
    },
    variables: jobVariables(job),
  };
  if (job.parallelism !== undefined && spec.config['parallelism.default'] === undefined) spec.config['parallelism.default'] = String(job.parallelism);
  if (job.type === 'sql') {
    if (!loaded.sql) return err(new FlinkPilotError(`${loaded.path}: the SQL of job "${job.name}" was not loaded.`, { code: 'no-sql' }));
    spec.sql = loaded.sql.path ? { text: loaded.sql.text, path: loaded.sql.path } : { text: loaded.sql.text, path: loaded.path, origin: inlineSqlOrigin(loaded.path) };
  } else {
    spec.jar = {
      path: options.builtJarPath ?? loaded.jarPath,
      maven: job.jar.maven,
      entryClass: job.jar.entryClass,
      args: job.jar.args ?? [],
    };
    if (!spec.jar.path && !spec.jar.maven && job.jar.project) {
      return err(new FlinkPilotError(`Job "${job.name}" is built from a Git project; build it first.`, { code: 'needs-build', hint: 'Run "flink-pilot build" (or the Build command), then submit.' }));
    }
  }
  return ok(spec);
}

/** A savepoint path or directory: URIs (`file:`, `s3://`, `hdfs://`) as written, local paths relative to the job file. */
function snapshotLocation(jobFilePath: string, written: string): string {
  return /^[a-z][\w+.-]*:/i.test(written) ? written : resolveJobFilePath(jobFilePath, written);
}

/** Where an inline `sql: |` block starts in the YAML file (line of its first text line, indentation). */
export function inlineSqlOrigin(jobFilePath: string, text?: string): { line: number; indent: number } | undefined {
  let source: string;
  try {
    source = text ?? readFileSync(jobFilePath, 'utf8');
  } catch {
    return undefined;
  }
  const lines = source.split(/\r?\n/);
  const keyLine = lines.findIndex((l) => /^sql:\s*[|>][-+0-9]*\s*(#.*)?$/.test(l));
  if (keyLine < 0) return undefined;
  for (let i = keyLine + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    return { line: i + 1, indent: lines[i]!.length - lines[i]!.trimStart().length };
  }
  return undefined;
}
