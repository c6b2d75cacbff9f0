// SQL jobs on real local Flink 1.20 and 2.3 through the SQL Gateway: submit → savepoint → stop with
// savepoint → restore, with the restore verified by Flink's own checkpoint statistics; restore from
// the latest retained checkpoint; and the failures a user must understand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FlinkError } from '../../client/src/core/flink/flinkError';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { getJobDetails, restoreJob, stopJob, submitJob, triggerSavepoint, SqlSubmissionError, jobHistory, listJobs } from '../../client/src/core/jobs/jobService';
import { AGGREGATION_SQL, cancelJobsNamed, jobContext, sqlJob, uniqueName } from './deploySupport';

const clusters = inject('flinkClusters');

describe.each(['1.20', '2.3'])('SQL jobs on Flink %s', (line) => {
  const cluster = clusters[line]!;
  const prefix = `fp-it-`;
  const rest = new FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl });

  afterAll(async () => {
    await cancelJobsNamed(cluster, prefix);
    await rest.close();
  });

  it('submits two INSERTs as one job, savepoints, stops with savepoint and restores from it — verified by Flink', async () => {
    const ctx = jobContext(cluster, sqlJob(uniqueName('sql'), line, AGGREGATION_SQL, { variables: { rate: '20' } }));
    const steps: string[] = [];
    ctx.onProgress = (s) => steps.push(s);

    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    expect(submitted.value.state).toBe('RUNNING');
    expect(submitted.value.clusterVersion.startsWith(line)).toBe(true);
    expect(steps).toContain('Submitting 2 INSERTs as one statement set');
    // One job with both sinks, named after the job file.
    const details = await rest.jobDetails(submitted.value.jobId);
    if (!details.ok) throw details.error;
    expect(details.value.name).toBe(ctx.job.name);
    expect(details.value.vertices.filter((v) => /sink_counts|sink_sums/.test(v.name)).length).toBeGreaterThanOrEqual(1);
    expect(details.value.vertices.map((v) => v.name).join(' ')).toMatch(/sink_counts[\s\S]*|sink_sums/);

    const view = await getJobDetails(ctx.cluster, submitted.value.jobId);
    if (!view.ok) throw view.error;
    expect(view.value.details.state).toBe('RUNNING');
    expect(view.value.webUrl).toBe(submitted.value.webUrl);
    expect(view.value.checkpoints?.counts).toBeDefined();

    const savepoint = await triggerSavepoint(ctx);
    if (!savepoint.ok) throw savepoint.error;
    expect(savepoint.value.path).toMatch(/savepoint-/);
    expect(savepoint.value.jobId).toBe(submitted.value.jobId);

    const stopped = await stopJob(ctx);
    if (!stopped.ok) throw stopped.error;
    expect(stopped.value.finalState).toBe('FINISHED');
    expect(stopped.value.savepointPath).toMatch(/savepoint-/);
    expect(stopped.value.savepointPath).not.toBe(savepoint.value.path);

    if (line === '2.3') {
      const legacy = await restoreJob(ctx, { claimMode: 'legacy' });
      expect(!legacy.ok && legacy.error.code).toBe('invalid-claim-mode');
    }
    const restored = await restoreJob(ctx);
    if (!restored.ok) throw restored.error;
    expect(restored.value.requestedPath).toBe(stopped.value.savepointPath);
    expect(restored.value.verification).toMatchObject({ verified: true, isSavepoint: true, flinkRestoredPath: stopped.value.savepointPath });
    expect(restored.value.jobId).not.toBe(submitted.value.jobId);

    // Restoring while it runs would start a second copy: refused.
    const twice = await restoreJob(ctx);
    expect(twice.ok).toBe(false);
    expect(!twice.ok && twice.error.code).toBe('already-running');

    const cancelled = await stopJob(ctx, { mode: 'cancel' });
    if (!cancelled.ok) throw cancelled.error;
    expect(cancelled.value.finalState).toBe('CANCELED');

    const history = await jobHistory(ctx);
    if (!history.ok) throw history.error;
    expect(history.value.entries.map((e) => e.kind)).toEqual(['submission', 'savepoint', 'savepoint', 'stop', 'submission', 'restore', 'stop']);
    const restoreEntry = history.value.entries.find((e) => e.kind === 'restore');
    expect(restoreEntry).toMatchObject({ verified: true, fromJobId: submitted.value.jobId, jobId: restored.value.jobId });
    const first = history.value.entries[0]!;
    expect(first).toMatchObject({ kind: 'submission', sqlText: AGGREGATION_SQL, jobType: 'sql' });
  });

  it('refuses a second submission while the job runs, drains on stop and writes native savepoints', async () => {
    const ctx = jobContext(cluster, sqlJob(uniqueName('drain'), line, AGGREGATION_SQL, { variables: { rate: '10' } }));
    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    const again = await submitJob(ctx);
    expect(!again.ok && again.error.code).toBe('already-running');

    const native = await triggerSavepoint(ctx, { format: 'native' });
    if (!native.ok) throw native.error;
    expect(native.value.formatType).toBe('NATIVE');

    const drained = await stopJob(ctx, { mode: 'drain' });
    if (!drained.ok) throw drained.error;
    expect(drained.value.mode).toBe('drain');
    expect(['FINISHED', 'CANCELED']).toContain(drained.value.finalState);
    const snapshots = await ctx.history.snapshots(ctx.jobFilePath);
    expect(snapshots.map((s) => (s.kind === 'savepoint' ? [s.trigger, s.formatType] : [s.kind]))).toEqual([
      ['stop-drain', 'CANONICAL'],
      ['manual', 'NATIVE'],
    ]);
  });

  it('restores from the latest retained checkpoint of the previous run', async () => {
    const ctx = jobContext(
      cluster,
      sqlJob(uniqueName('chk'), line, AGGREGATION_SQL, {
        variables: { rate: '20' },
        config: { 'parallelism.default': '1', 'execution.checkpointing.interval': '1 s', 'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION' },
      }),
    );
    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    // Wait for a completed checkpoint.
    for (let i = 0; i < 100; i++) {
      const stats = await rest.checkpoints(submitted.value.jobId);
      if (stats.ok && stats.value.latest.completed) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const cancelled = await stopJob(ctx, { mode: 'cancel' });
    if (!cancelled.ok) throw cancelled.error;
    const snapshots = await ctx.history.snapshots(ctx.jobFilePath);
    expect(snapshots[0]).toMatchObject({ kind: 'checkpoint', jobId: submitted.value.jobId });

    const restored = await restoreJob(ctx, { from: { kind: 'latest-checkpoint' } });
    if (!restored.ok) throw restored.error;
    expect(restored.value.requestedPath).toMatch(new RegExp(`${submitted.value.jobId}/chk-\\d+`));
    expect(restored.value.verification.verified).toBe(true);
    expect(restored.value.verification.flinkRestoredCheckpointId).toBeGreaterThan(0);
    expect(restored.value.requestedPath).toBe(snapshots[0]!.path);
    await stopJob(ctx, { mode: 'cancel' });
  });

  it('keeps the job running and the history unchanged when the savepoint directory is unwritable', async () => {
    const ctx = jobContext(cluster, sqlJob(uniqueName('unwritable'), line, AGGREGATION_SQL, { variables: { rate: '5' } }));
    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    const before = await jobHistory(ctx);
    // Even root cannot create a directory below a regular file.
    const blocker = join(ctx.history.workspaceRoot, 'not-a-directory');
    writeFileSync(blocker, 'x');
    const target = `file://${blocker}/savepoints`;

    const savepoint = await triggerSavepoint(ctx, { targetDirectory: target });
    expect(savepoint.ok).toBe(false);
    if (savepoint.ok) return;
    expect(savepoint.error.code).toBe('savepoint-failed');
    expect(savepoint.error.message).toMatch(/still RUNNING/);
    expect(savepoint.error.message).toMatch(/Exception|not a directory|Failed|Mkdirs|exists/i);

    const stopped = await stopJob(ctx, { targetDirectory: target });
    expect(stopped.ok).toBe(false);

    const status = await rest.jobStatus(submitted.value.jobId);
    expect(status.ok && status.value).toBe('RUNNING');
    const after = await jobHistory(ctx);
    expect(after.ok && after.value.entries).toEqual(before.ok && before.value.entries);

    const cancelled = await stopJob(ctx, { mode: 'cancel' });
    expect(cancelled.ok).toBe(true);
  });

  it('explains a restore from a savepoint that does not exist with Flink’s own cause', async () => {
    const ctx = jobContext(cluster, sqlJob(uniqueName('nosp'), line, AGGREGATION_SQL, { variables: { rate: '5' } }));
    const missing = join(ctx.history.workspaceRoot, 'no-such-savepoint');
    const restored = await restoreJob(ctx, { from: { kind: 'path', path: missing } });
    expect(restored.ok).toBe(false);
    if (restored.ok) return;
    expect(restored.error.code).toBe('submit-failed');
    expect(restored.error).not.toBeInstanceOf(SqlSubmissionError);
    expect(restored.error.message).toMatch(/Cannot find checkpoint or savepoint file\/directory '.*no-such-savepoint'/);
    const history = await jobHistory(ctx);
    expect(history.ok && history.value.entries).toEqual([]);
  });

  it('maps an invalid column to its line and column in the .flink.sql file', async () => {
    const sql = AGGREGATION_SQL.replace('SELECT id, SUM(v) FROM src', 'SELECT id, SUM(vv) FROM src');
    const ctx = jobContext(cluster, sqlJob(uniqueName('badsql'), line, sql, { variables: { rate: '5' } }));
    const result = await submitJob(ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(SqlSubmissionError);
    const error = result.error as SqlSubmissionError;
    const lineOfError = sql.split('\n').findIndex((l) => l.includes('SUM(vv)')) + 1;
    expect([error.line, error.column]).toEqual([lineOfError, sql.split('\n')[lineOfError - 1]!.indexOf('vv') + 1]);
    expect(error.message).toMatch(/vv/);
    expect(error.file).toBe(`${ctx.job.name}.flink.sql`);
  });

  it('maps a parse error in a DDL statement to its position', async () => {
    const sql = "CREATE TEMPORARY TABLE t (id INT) WITH ('connector' = 'datagen');\nCREATE TEMPORARY TABLE s (id INT) WITH ('connector' = 'blackhole');\nINSERT INTO s SELECT id FORM t;";
    const ctx = jobContext(cluster, sqlJob(uniqueName('parse'), line, sql));
    const result = await submitJob(ctx);
    expect(result.ok).toBe(false);
    const error = (result as unknown as { error: SqlSubmissionError }).error;
    expect(error).toBeInstanceOf(SqlSubmissionError);
    expect(error.line).toBe(3);
    expect(error.column).toBe(sql.split('\n')[2]!.indexOf('t;') + 1);
  });

  it('names an undefined variable and where it is used, before touching the cluster', async () => {
    const ctx = jobContext(cluster, sqlJob(uniqueName('novar'), line, AGGREGATION_SQL));
    const result = await submitJob(ctx);
    expect(result.ok).toBe(false);
    const error = (result as unknown as { error: SqlSubmissionError }).error;
    expect(error.code).toBe('undefined-variable');
    expect(error.message).toContain('${rate}');
    expect([error.line, error.column]).toEqual([2, AGGREGATION_SQL.split('\n')[1]!.indexOf('${rate}') + 1]);
    const jobs = await listJobs(ctx.cluster);
    expect(jobs.ok && jobs.value.some((j) => j.name === ctx.job.name)).toBe(false);
    // Reported even when the cluster is down: the file is wrong whatever the cluster does.
    const offline = await submitJob({ ...ctx, cluster: { name: 'down', restUrl: 'http://127.0.0.1:1', gatewayUrl: 'http://127.0.0.1:2' } });
    expect(!offline.ok && offline.error.code).toBe('undefined-variable');
  });

  it('refuses a job file that names another Flink version than the cluster runs', async () => {
    const other = line === '1.20' ? '2.3' : '1.20';
    const ctx = jobContext(cluster, sqlJob(uniqueName('version'), other, AGGREGATION_SQL, { variables: { rate: '5' } }));
    const result = await submitJob(ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('version-mismatch');
    expect(result.error.message).toContain(`needs Flink ${other}`);
    expect(result.error.message).toContain(cluster.version);
  });
});

describe('an unreachable cluster', () => {
  it('is reported with the cluster name and the call, and the history stays empty', async () => {
    const cluster = clusters['2.3']!;
    const ctx = jobContext(cluster, sqlJob(uniqueName('down'), '2.3', AGGREGATION_SQL, { variables: { rate: '5' } }));
    ctx.cluster = { name: 'nowhere', restUrl: 'http://127.0.0.1:1', gatewayUrl: 'http://127.0.0.1:2', timeoutMs: 2000 };
    const result = await submitJob(ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(FlinkError);
    const error = result.error as FlinkError;
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/^Cluster "nowhere" is unreachable \(GET \/[\w/]+\): ECONNREFUSED/);
    expect(error.hint).toBeDefined();
    const savepoint = await triggerSavepoint(ctx);
    expect(!savepoint.ok && (savepoint.error as FlinkError).kind).toBe('unreachable');
    const history = await jobHistory(ctx);
    expect(history.ok && history.value.entries).toEqual([]);
  });
});
