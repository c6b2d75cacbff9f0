// Savepoint and checkpoint locations as Flink writes them (`file:/…`, `file:///…/_metadata`,
// `s3://bucket/…`) compared and measured: the same snapshot may be named in several ways.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `file:/a/b/`, `file:///a/b/_metadata` and `/a/b` are the same snapshot. */
export function normalizeSnapshotPath(path: string): string {
  let p = path.trim();
  if (p.startsWith('file:')) {
    try {
      p = fileURLToPath(p.startsWith('file://') ? p : `file://${p.slice('file:'.length)}`);
    } catch {
      p = p.slice('file:'.length);
    }
  }
  p = p.replace(/\/+$/, '').replace(/\/_metadata$/, '');
  // Remote URIs (s3://bucket/…) keep their authority slashes.
  return /^[a-z][\w+.-]*:\/\//i.test(p) ? p : p.replace(/\/{2,}/g, '/');
}

export function sameSnapshot(a: string, b: string): boolean {
  return normalizeSnapshotPath(a) === normalizeSnapshotPath(b);
}

/** A local directory for a `file:` URI or plain path; undefined for remote file systems (hdfs:, s3:, …). */
export function localSnapshotDirectory(uriOrPath: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(uriOrPath) && !uriOrPath.startsWith('file:')) return undefined;
  return normalizeSnapshotPath(uriOrPath);
}

/** Bytes under a local (`file:`) snapshot directory; undefined for remote file systems. */
export async function localSnapshotSize(path: string): Promise<number | undefined> {
  const root = localSnapshotDirectory(path);
  if (!root) return undefined;
  let total = 0;
  try {
    for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) total += (await stat(join(entry.parentPath ?? entry.path, entry.name))).size;
    }
  } catch {
    return undefined;
  }
  return total;
}
