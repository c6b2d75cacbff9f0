import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobHistoryStore, sqlHash } from '../../../../client/src/core/history/jobHistory';
import { decodeLogLine, encodeLogLine, parseLog } from '../../../../client/src/core/history/jsonLinesLog';
import { unifiedDiff } from '../../../../client/src/core/history/textDiff';

function store() {
  const root = mkdtempSync(join(tmpdir(), 'fp-history-'));
  return new JobHistoryStore({ workspaceRoot: root });
}

const submission = (jobId: string, sqlText: string, at: string) =>
  ({ kind: 'submission', at, cluster: 'local', jobId, jobName: 'orders', jobType: 'sql', flinkVersion: '2.3.0', sqlText, sqlHash: sqlHash(sqlText), configuration: {} }) as const;

describe('log lines', () => {
  it('round-trip, and reject torn or altered lines', () => {
    const line = encodeLogLine({ a: 1, text: 'x\ny' });
    expect(line.endsWith('\n')).toBe(true);
    expect(decodeLogLine(line.trimEnd())).toEqual({ a: 1, text: 'x\ny' });
    expect(decodeLogLine(line.slice(0, 20))).toBeUndefined();
    expect(decodeLogLine(line.trimEnd().replace('"a":1', '"a":2'))).toBeUndefined();
  });

  it('skips a torn last line without losing earlier records', () => {
    const text = encodeLogLine({ n: 1 }) + encodeLogLine({ n: 2 }) + encodeLogLine({ n: 3 }).slice(0, 15);
    expect(parseLog(text)).toEqual({ records: [{ n: 1 }, { n: 2 }], skippedLines: [3] });
  });
});

describe('job history', () => {
  it('keys logs by the job file path relative to the workspace', () => {
    const history = store();
    expect(history.jobKey(join(history.workspaceRoot, 'jobs', 'orders.flink.yaml'))).toBe('jobs/orders.flink.yaml');
    expect(history.fileFor('jobs/orders.flink.yaml')).toMatch(/history\/orders-[0-9a-f]{12}\.jsonl$/);
    expect(history.fileFor('a/orders.flink.yaml')).not.toBe(history.fileFor('b/orders.flink.yaml'));
  });

  it('answers latest submission and savepoint per cluster', async () => {
    const history = store();
    await history.append('job.flink.yaml', submission('j1', 'A', '2026-01-01T00:00:00Z'));
    await history.append('job.flink.yaml', { kind: 'savepoint', at: '2026-01-01T00:01:00Z', cluster: 'local', jobId: 'j1', path: 'file:/sp/1', trigger: 'manual', formatType: 'CANONICAL' });
    await history.append('job.flink.yaml', { kind: 'savepoint', at: '2026-01-01T00:02:00Z', cluster: 'other', jobId: 'x', path: 'file:/sp/other', trigger: 'manual', formatType: 'CANONICAL' });
    expect((await history.latestSubmission('job.flink.yaml'))?.jobId).toBe('j1');
    expect((await history.latestSavepoint('job.flink.yaml', 'local'))?.path).toBe('file:/sp/1');
    expect((await history.latestSavepoint('job.flink.yaml'))?.path).toBe('file:/sp/other');
    expect((await history.snapshots('job.flink.yaml')).map((s) => s.path)).toEqual(['file:/sp/other', 'file:/sp/1']);
  });

  it('a disposed savepoint is no longer a restore point, and its entries stay in the history', async () => {
    const history = store();
    await history.append('job.flink.yaml', { kind: 'savepoint', at: '2026-01-01T00:01:00Z', cluster: 'local', jobId: 'j1', path: 'file:/sp/1/', trigger: 'stop', formatType: 'CANONICAL' });
    await history.append('job.flink.yaml', { kind: 'savepoint', at: '2026-01-01T00:02:00Z', cluster: 'local', jobId: 'j1', path: 'file:/sp/2', trigger: 'manual', formatType: 'CANONICAL' });
    // The same savepoint, named the way Flink's disposal call may name it.
    await history.append('job.flink.yaml', { kind: 'disposal', at: '2026-01-01T00:03:00Z', cluster: 'local', path: 'file:///sp/1/_metadata' });
    expect((await history.snapshots('job.flink.yaml')).map((s) => s.path)).toEqual(['file:/sp/2']);
    const { entries } = await history.read('job.flink.yaml');
    expect(entries.map((e) => e.kind)).toEqual(['savepoint', 'savepoint', 'disposal']);
  });

  it('numbers SQL versions, returns the text for rollback and diffs with the deployed one', async () => {
    const history = store();
    await history.append('job.flink.yaml', submission('j1', 'SELECT 1;\nINSERT A;', '2026-01-01T00:00:00Z'));
    await history.append('job.flink.yaml', submission('j2', 'SELECT 2;\nINSERT A;', '2026-01-02T00:00:00Z'));
    await history.append('job.flink.yaml', submission('j3', 'SELECT 1;\nINSERT A;', '2026-01-03T00:00:00Z'));
    const versions = await history.sqlVersions('job.flink.yaml');
    expect(versions.map((v) => [v.version, v.jobIds])).toEqual([
      [1, ['j1', 'j3']],
      [2, ['j2']],
    ]);
    expect(await history.sqlVersionText('job.flink.yaml', 2)).toBe('SELECT 2;\nINSERT A;');
    const { deployed, diff } = await history.diffWithDeployed('job.flink.yaml', 'SELECT 3;\nINSERT A;');
    expect(deployed?.version).toBe(1);
    expect(diff).toBe('--- deployed (version 1)\n+++ working copy\n@@ -1,2 +1,2 @@\n-SELECT 1;\n+SELECT 3;\n INSERT A;\n');
  });

  it('keeps reading after a crash left a torn line, and the next append starts a fresh line', async () => {
    const history = store();
    await history.append('job.flink.yaml', submission('j1', 'A', '2026-01-01T00:00:00Z'));
    const file = history.fileFor('job.flink.yaml');
    appendFileSync(file, '{"sum":"0123456789abcdef","record":{"kind":"subm');
    await history.append('job.flink.yaml', submission('j2', 'B', '2026-01-02T00:00:00Z'));
    const view = await history.read('job.flink.yaml');
    expect(view.entries.map((e) => (e as { jobId: string }).jobId)).toEqual(['j1', 'j2']);
    expect(view.skippedLines).toEqual([2]);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
  });

  it('masks credentials of the configuration before they reach the disk', async () => {
    const history = store();
    await history.append('job.flink.yaml', { ...submission('j1', 'A', '2026-01-01T00:00:00Z'), configuration: { 's3.secret-key': 'abc', 's3.access-key': 'AK', 'parallelism.default': '2' } });
    const text = readFileSync(history.fileFor('job.flink.yaml'), 'utf8');
    expect(text).not.toContain('"abc"');
    expect(text).not.toContain('"AK"');
    expect((await history.latestSubmission('job.flink.yaml'))?.configuration).toEqual({ 's3.secret-key': '******', 's3.access-key': '******', 'parallelism.default': '2' });
  });

  it('reads a missing log as empty and a garbage file without throwing', async () => {
    const history = store();
    expect((await history.read('nothing.flink.yaml')).entries).toEqual([]);
    await history.append('garbage.flink.yaml', submission('j1', 'A', '2026-01-01T00:00:00Z'));
    appendFileSync(history.fileFor('garbage.flink.yaml'), Buffer.from([0, 255, 10, 123, 10, 0x22, 0x7b]));
    const view = await history.read('garbage.flink.yaml');
    expect(view.entries).toHaveLength(1);
    expect(view.skippedLines).toEqual([2, 3, 4]);
  });
});

describe('unified diff', () => {
  it('is empty for equal texts and shows hunks with context', () => {
    expect(unifiedDiff('a\nb', 'a\nb', { before: 'x', after: 'y' })).toBe('');
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 2\n', 'line two\n').replace('line 17', 'line seventeen');
    const diff = unifiedDiff(before, after, { before: 'old', after: 'new' }, 1);
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -2,3 +2,3 @@', '@@ -17,3 +17,3 @@']);
  });
});
