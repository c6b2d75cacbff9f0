// The workspace's job files as the SQL service needs them: which job file references which SQL file,
// with its Flink version and variables. Fed by open documents (their latest text wins) and by a
// bounded scan of the workspace folders on disk; file-watcher events invalidate entries.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FlinkVersionLine } from '../../protocol';
import type { SqlFileContext } from '../languageFeatures';
import { isSqlFileReference, jobFileVersion } from './jobFileAnalysis';
import { parseDocument } from 'yaml';

export interface JobFileIndexEntry {
  jobFileUri: string;
  /** URI of the referenced SQL file, when the job uses one. */
  sqlUri?: string;
  flinkVersion: FlinkVersionLine;
  variables: Record<string, string>;
  /** From an open document (wins over the disk copy). */
  open: boolean;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'target', 'build', 'out', '.e2e', '.flink-pilot', '.venv', '__pycache__']);
/** Bounds of the disk scan: a huge monorepo must not stall the server. */
const MAX_SCANNED_DIRECTORIES = 5000;
const MAX_DEPTH = 8;

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The index entry of a job file's text; pure apart from the URI arithmetic. */
export function indexEntryOf(jobFileUri: string, text: string, defaultVersion: FlinkVersionLine, open: boolean): JobFileIndexEntry {
  if (text.length > 1024 * 1024) return { jobFileUri, flinkVersion: defaultVersion, variables: {}, open };
  try {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const version = jobFileVersion(doc, text, defaultVersion).version;
    return indexEntryFromData(jobFileUri, doc.toJS({ maxAliasCount: 100 }), version, open);
  } catch {
    return { jobFileUri, flinkVersion: defaultVersion, variables: {}, open };
  }
}

/** The index entry from already parsed job file data (the open-document path: no second parse). */
export function indexEntryFromData(jobFileUri: string, data: unknown, flinkVersion: FlinkVersionLine, open: boolean): JobFileIndexEntry {
  const entry: JobFileIndexEntry = { jobFileUri, flinkVersion, variables: {}, open };
  try {
    if (!data || typeof data !== 'object' || Array.isArray(data)) return entry;
    const record = data as Record<string, unknown>;
    const variables = record.variables;
    if (variables && typeof variables === 'object' && !Array.isArray(variables)) {
      for (const [key, value] of Object.entries(variables)) if (value !== null && typeof value !== 'object') entry.variables[key] = String(value);
    }
    const jobPath = uriToPath(jobFileUri);
    if (typeof record.sql === 'string' && isSqlFileReference(record.sql) && jobPath) {
      const written = record.sql.trim();
      const sqlPath = written.startsWith('file://') ? fileURLToPath(written) : resolve(dirname(jobPath), written);
      entry.sqlUri = pathToUri(sqlPath);
    }
  } catch {
    // Odd data simply provides no context.
  }
  return entry;
}

export class JobFileIndex {
  private readonly open = new Map<string, JobFileIndexEntry>();
  private disk: Map<string, JobFileIndexEntry> | undefined;
  private folders: string[] = [];

  constructor(private readonly defaultVersion: () => FlinkVersionLine) {}

  /** Workspace folder paths (or file URIs); the disk view is rebuilt on next use. */
  setWorkspaceFolders(folders: readonly string[]): void {
    this.folders = folders.map((f) => uriToPath(f) ?? f);
    this.disk = undefined;
  }

  /** The latest text of an open job file. */
  updateOpenDocument(uri: string, text: string): void {
    this.open.set(uri, indexEntryOf(uri, text, this.defaultVersion(), true));
  }

  /** The latest analysis of an open job file (its data and version). */
  updateOpenAnalysis(uri: string, data: unknown, flinkVersion: FlinkVersionLine): void {
    this.open.set(uri, indexEntryFromData(uri, data, flinkVersion, true));
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
  }

  /** A job file changed, appeared or vanished on disk. */
  fileChanged(uri: string): void {
    if (!this.disk) return;
    const path = uriToPath(uri);
    if (!path) return;
    try {
      this.disk.set(uri, indexEntryOf(uri, readFileSync(path, 'utf8'), this.defaultVersion(), false));
    } catch {
      this.disk.delete(uri);
    }
  }

  entries(): JobFileIndexEntry[] {
    const merged = new Map(this.scan());
    for (const [uri, entry] of this.open) merged.set(uri, entry);
    return [...merged.values()].sort((a, b) => a.jobFileUri.localeCompare(b.jobFileUri));
  }

  /** Context of a SQL file from the job file that references it (open job files first). */
  sqlFileContext(sqlUri: string): SqlFileContext | undefined {
    const normalized = normalizeUri(sqlUri);
    const matches = this.entries().filter((entry) => entry.sqlUri !== undefined && normalizeUri(entry.sqlUri) === normalized);
    const chosen = matches.find((entry) => entry.open) ?? matches[0];
    return chosen ? { flinkVersion: chosen.flinkVersion, variables: chosen.variables, jobFileUri: chosen.jobFileUri } : undefined;
  }

  private scan(): Map<string, JobFileIndexEntry> {
    if (this.disk) return this.disk;
    const disk = new Map<string, JobFileIndexEntry>();
    let budget = MAX_SCANNED_DIRECTORIES;
    const walk = (dir: string, depth: number): void => {
      if (budget-- <= 0 || depth > MAX_DEPTH) return;
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const path = join(dir, name);
        if (/\.flink\.ya?ml$/i.test(name)) {
          try {
            const uri = pathToUri(path);
            disk.set(uri, indexEntryOf(uri, readFileSync(path, 'utf8'), this.defaultVersion(), false));
          } catch {
            // unreadable: skip
          }
        } else if (!SKIPPED_DIRECTORIES.has(name) && !name.startsWith('.')) {
          try {
            if (statSync(path).isDirectory()) walk(path, depth + 1);
          } catch {
            // vanished or unreadable
          }
        }
      }
    };
    for (const folder of this.folders) walk(folder, 0);
    this.disk = disk;
    return disk;
  }
}

function normalizeUri(uri: string): string {
  const path = uriToPath(uri);
  return path ? resolve(path) : uri;
}
