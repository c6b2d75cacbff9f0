// The history of each job file: one crash-safe JSON-lines log per job file under the state
// directory (default `<workspace>/.flink-pilot/history/`, git-ignored). Answers the questions the
// deployment needs: which job is deployed from this file, its latest savepoint, the SQL versions
// that were deployed (for diff and rollback).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { DisposalEntry, HistoryEntry, RestoreEntry, SavepointEntry, CheckpointEntry, StopEntry, SqlVersion, SubmissionEntry } from './historyTypes';
import { normalizeSnapshotPath } from '../jobs/snapshotPaths';
import { appendRecord, readRecords } from './jsonLinesLog';
import { unifiedDiff } from './textDiff';

export const HISTORY_FORMAT_VERSION = 1;

export interface JobHistoryOptions {
  /** Workspace root; job file keys are relative to it. */
  workspaceRoot: string;
  /** Where logs live; default `<workspaceRoot>/.flink-pilot/history`. */
  historyDir?: string;
}

export interface JobHistoryView {
  entries: HistoryEntry[];
  /** Torn or corrupt lines that were skipped (1-based line numbers). */
  skippedLines: number[];
  file: string;
}

/** Walks up from a job file to the directory holding `.flink`, `.flink-pilot` or `.git`; else the file's directory. */
export function findWorkspaceRoot(jobFilePath: string): string {
  const start = dirname(resolve(jobFilePath));
  for (let dir = start; ; dir = dirname(dir)) {
    if (['.flink', '.flink-pilot', '.git'].some((marker) => existsSync(join(dir, marker)))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export function sqlHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class JobHistoryStore {
  readonly workspaceRoot: string;
  readonly historyDir: string;

  constructor(options: JobHistoryOptions) {
    this.workspaceRoot = resolve(options.workspaceRoot);
    this.historyDir = options.historyDir ? resolve(options.historyDir) : join(this.workspaceRoot, '.flink-pilot', 'history');
  }

  /** The key of a job file: its path relative to the workspace (absolute when outside), with `/`. */
  jobKey(jobFilePath: string): string {
    const absolute = resolve(this.workspaceRoot, jobFilePath);
    const rel = relative(this.workspaceRoot, absolute);
    const key = rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
    return key.split('\\').join('/');
  }

  /** `<name>-<hash of key>.jsonl`: readable, and unique for equal names in different folders. */
  fileFor(jobFilePath: string): string {
    const key = this.jobKey(jobFilePath);
    const name = basename(key).replace(/\.flink\.ya?ml$/, '').replace(/[^\w.-]+/g, '_') || 'job';
    return join(this.historyDir, `${name}-${sqlHash(key).slice(0, 12)}.jsonl`);
  }

  async append(jobFilePath: string, entry: DistributiveOmit<HistoryEntry, 'jobFile'>): Promise<HistoryEntry> {
    const full = { ...entry, jobFile: this.jobKey(jobFilePath) } as HistoryEntry;
    // History files are plain text on disk: never let a credential from `config:` end up there.
    if (full.kind === 'submission') full.configuration = redactConfiguration(full.configuration);
    await appendRecord(this.fileFor(jobFilePath), { v: HISTORY_FORMAT_VERSION, ...full });
    return full;
  }

  async read(jobFilePath: string): Promise<JobHistoryView> {
    const file = this.fileFor(jobFilePath);
    const { records, skippedLines } = await readRecords<HistoryEntry & { v?: number }>(file);
    const entries = records.map(({ v: _v, ...entry }) => entry as HistoryEntry);
    return { entries, skippedLines, file };
  }

  async latestSubmission(jobFilePath: string, cluster?: string): Promise<SubmissionEntry | undefined> {
    const { entries } = await this.read(jobFilePath);
    return lastOf(entries, (e): e is SubmissionEntry => e.kind === 'submission' && (cluster === undefined || e.cluster === cluster));
  }

  async latestSavepoint(jobFilePath: string, cluster?: string): Promise<SavepointEntry | undefined> {
    const { entries } = await this.read(jobFilePath);
    return lastOf(entries, (e): e is SavepointEntry => e.kind === 'savepoint' && (cluster === undefined || e.cluster === cluster));
  }

  async snapshots(jobFilePath: string): Promise<(SavepointEntry | CheckpointEntry)[]> {
    const { entries } = await this.read(jobFilePath);
    const disposed = disposedPaths(entries);
    return entries
      .filter((e): e is SavepointEntry | CheckpointEntry => (e.kind === 'savepoint' || e.kind === 'checkpoint') && !disposed.has(normalizeSnapshotPath(e.path)))
      .reverse();
  }

  async sqlVersions(jobFilePath: string): Promise<SqlVersion[]> {
    const { entries } = await this.read(jobFilePath);
    return sqlVersionsOf(entries);
  }

  /** The SQL text of version `n` (1-based), for rollback. */
  async sqlVersionText(jobFilePath: string, version: number): Promise<string | undefined> {
    return (await this.sqlVersions(jobFilePath)).find((v) => v.version === version)?.sqlText;
  }

  /** Unified diff from the deployed SQL (latest submission) to `currentText`; empty when equal or never deployed. */
  async diffWithDeployed(jobFilePath: string, currentText: string, cluster?: string): Promise<{ deployed?: SqlVersion; diff: string }> {
    const versions = await this.sqlVersions(jobFilePath);
    const latest = await this.latestSubmission(jobFilePath, cluster);
    const deployed = latest?.sqlHash ? versions.find((v) => v.sqlHash === latest.sqlHash) : undefined;
    if (!deployed) return { diff: '' };
    return { deployed, diff: unifiedDiff(deployed.sqlText, currentText, { before: `deployed (version ${deployed.version})`, after: 'working copy' }) };
  }
}

const SECRET_KEY = /(password|passwd|secret|token|credential|access[-._]?key|private[-._]?key|jaas)/i;

/** Flink options as history keeps them: values of keys that look like credentials are masked. */
export function redactConfiguration(configuration: Readonly<Record<string, string>>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [key, value] of Object.entries(configuration)) redacted[key] = SECRET_KEY.test(key) ? '******' : value;
  return redacted;
}

export function sqlVersionsOf(entries: readonly HistoryEntry[]): SqlVersion[] {
  const byHash = new Map<string, SqlVersion>();
  for (const entry of entries) {
    if (entry.kind !== 'submission' || entry.sqlHash === undefined || entry.sqlText === undefined) continue;
    const known = byHash.get(entry.sqlHash);
    if (known) {
      known.lastDeployedAt = entry.at;
      known.jobIds.push(entry.jobId);
    } else {
      byHash.set(entry.sqlHash, {
        version: byHash.size + 1,
        sqlHash: entry.sqlHash,
        sqlText: entry.sqlText,
        firstDeployedAt: entry.at,
        lastDeployedAt: entry.at,
        jobIds: [entry.jobId],
      });
    }
  }
  return [...byHash.values()];
}

function lastOf<T extends HistoryEntry>(entries: readonly HistoryEntry[], test: (e: HistoryEntry) => e is T): T | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (test(entries[i]!)) return entries[i] as T;
  return undefined;
}

/** Omit over each member of a union (plain Omit would collapse the union). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type { HistoryEntry, SubmissionEntry, SavepointEntry, CheckpointEntry, StopEntry, RestoreEntry, SqlVersion };

/** The snapshots disposed in `entries`, as normalizeSnapshotPath names them. */
export function disposedPaths(entries: readonly HistoryEntry[]): Set<string> {
  return new Set(entries.filter((e): e is DisposalEntry => e.kind === 'disposal').map((e) => normalizeSnapshotPath(e.path)));
}
