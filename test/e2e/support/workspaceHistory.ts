// The job history a test workspace wrote (.flink-pilot/history), read the way a person would check
// it, and the clean-up that cancels every job the workspace started on the shared clusters (4 slots
// each, shared by every test): the jobs named in its own history, nothing else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function historyJobIds(workspace: string): Set<string> {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          const match = /"jobId"\s*:\s*"([0-9a-f]{32})"/.exec(line);
          if (match) ids.add(match[1]);
        }
    }
  };
  walk(join(workspace, '.flink-pilot'));
  return ids;
}

export async function cancelWorkspaceJobs(workspace: string, restUrl: string): Promise<string[]> {
  const cancelled: string[] = [];
  for (const jobId of historyJobIds(workspace)) {
    const status = await fetch(`${restUrl}/jobs/${jobId}/status`).then((r) => (r.ok ? (r.json() as Promise<{ status: string }>) : undefined)).catch(() => undefined);
    if (!status || ['FAILED', 'CANCELED', 'FINISHED', 'SUSPENDED'].includes(status.status)) continue;
    await fetch(`${restUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' }).catch(() => undefined);
    cancelled.push(jobId);
  }
  return cancelled;
}

/** State of a job on the cluster (for assertions that do not trust the UI alone). */
export async function jobState(restUrl: string, jobId: string): Promise<string | undefined> {
  const response = await fetch(`${restUrl}/jobs/${jobId}/status`).catch(() => undefined);
  if (!response?.ok) return undefined;
  return ((await response.json()) as { status: string }).status;
}

export function historyEntries(workspace: string): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.jsonl'))
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          try {
            if (!line.trim()) continue;
            // Each line is `{ sum, record }` (a checksum guards against torn writes).
            const parsed = JSON.parse(line) as { record?: Record<string, unknown> } & Record<string, unknown>;
            entries.push(parsed.record ?? parsed);
          } catch {
            // a torn line is skipped, as the history reader does
          }
        }
    }
  };
  walk(join(workspace, '.flink-pilot'));
  return entries;
}

/** Waits until the history has an entry matching `predicate` (the UI refreshes before the last line lands). */
export async function waitForHistoryEntry(workspace: string, predicate: (entry: Record<string, unknown>) => boolean, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = historyEntries(workspace).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching history entry within ${timeoutMs} ms; entries: ${JSON.stringify(historyEntries(workspace).map((e) => e.kind))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
