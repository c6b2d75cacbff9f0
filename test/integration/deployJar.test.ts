// A jar job on real local Flink 1.20 and 2.3: the stateful DataStream fixture
// (test/fixtures/stateful-job) is built by Maven against each cluster's Flink version, then
// uploaded → run → savepoint → stop with savepoint → restored from it, the restore verified by
// Flink; the uploaded jar is removed from the JobManager afterwards.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { jobHistory, restoreJob, stopJob, submitJob, triggerSavepoint, type JobSpec } from '../../client/src/core/jobs/jobService';
import { submitJar } from '../../client/src/core/jobs/jarSubmission';
import { cancelJobsNamed, jobContext, uniqueName } from './deploySupport';

const run = promisify(execFile);
const clusters = inject('flinkClusters');
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'stateful-job');

/** Builds the fixture in a copy (so both versions can build side by side) and returns the shaded jar. */
async function buildFixture(flinkVersion: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `fp-jar-${flinkVersion}-`));
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.includes(`${FIXTURE}/target`) });
  await run('mvn', ['-B', '-q', 'package', '-DskipTests', `-Dflink.version=${flinkVersion}`], { cwd: dir, maxBuffer: 32 * 1024 * 1024 });
  const jar = readdirSync(join(dir, 'target')).find((f) => f.endsWith('.jar') && !f.startsWith('original-'));
  if (!jar) throw new Error(`Maven built no jar in ${dir}/target`);
  return join(dir, 'target', jar);
}

function jarJob(name: string, flinkVersion: string, jarPath: string): JobSpec {
  return {
    name,
    type: 'jar',
    flinkVersion,
    jar: { path: jarPath, entryClass: 'dev.flinkpilot.fixture.StatefulCounterJob', args: ['--name', '${jobName}', '--rate', '${rate}', '--checkpoint-interval', '0'] },
    parallelism: 1,
    config: {},
    dependencies: { maven: [], jars: [] },
    savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 60_000 },
    restore: { from: 'latest-savepoint', allowNonRestoredState: false, claimMode: 'no_claim' },
    variables: { jobName: name, rate: '20' },
  };
}

describe.each(['1.20', '2.3'])('jar job on Flink %s', (line) => {
  const cluster = clusters[line]!;
  const rest = new FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl });
  let jarPath: string;

  beforeAll(async () => {
    jarPath = await buildFixture(cluster.version);
  });
  afterAll(async () => {
    await cancelJobsNamed(cluster, 'fp-it-');
    await rest.close();
  });

  it('uploads, runs, savepoints, stops with savepoint and restores — verified by Flink', async () => {
    const name = uniqueName('jar');
    const ctx = jobContext(cluster, jarJob(name, line, jarPath));

    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    expect(submitted.value.state).toBe('RUNNING');
    const details = await rest.jobDetails(submitted.value.jobId);
    expect(details.ok && details.value.name).toBe(name);
    expect(details.ok && details.value.vertices.map((v) => v.name).join(' ')).toContain('count-per-key');

    const savepoint = await triggerSavepoint(ctx);
    if (!savepoint.ok) throw savepoint.error;
    const stopped = await stopJob(ctx, { mode: 'savepoint' });
    if (!stopped.ok) throw stopped.error;
    expect(stopped.value.finalState).toBe('FINISHED');

    // Restore with an explicit claim mode: sent as JarRunRequestBody.claimMode, the field both specs name.
    const restored = await restoreJob(ctx, { claimMode: 'claim' });
    if (!restored.ok) throw restored.error;
    expect(restored.value.verification).toMatchObject({ verified: true, flinkRestoredPath: stopped.value.savepointPath });

    const cancelled = await stopJob(ctx, { mode: 'cancel' });
    expect(cancelled.ok && cancelled.value.finalState).toBe('CANCELED');

    const history = await jobHistory(ctx);
    if (!history.ok) throw history.error;
    const submission = history.value.entries[0]!;
    expect(submission).toMatchObject({ kind: 'submission', jobType: 'jar', jarPath, programArgs: ['--name', name, '--rate', '20', '--checkpoint-interval', '0'] });
    expect((submission as { jarChecksum: string }).jarChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(history.value.entries.filter((e) => e.kind === 'restore')).toHaveLength(1);
  });

  it('removes the uploaded jar from the JobManager after the run, unless asked to keep it', async () => {
    const jarIds = async () => {
      const jars = await rest.endpoint.call<{ files: { id: string }[] }>({ method: 'GET', path: '/jars' });
      if (!jars.ok) throw jars.error;
      return jars.value.files.map((f) => f.id);
    };
    const name = uniqueName('upload');
    const request = { jarPath, jobName: name, entryClass: 'dev.flinkpilot.fixture.StatefulCounterJob', args: ['--name', name, '--checkpoint-interval', '0'], variables: {}, parallelism: 1, config: {} };
    const removed = await submitJar(rest, request);
    if (!removed.ok) throw removed.error;
    expect(removed.value.jarDeleted).toBe(true);
    expect(await jarIds()).not.toContain(removed.value.jarId);
    await rest.cancelJob(removed.value.jobId);

    const kept = await submitJar(rest, { ...request, keepUploadedJar: true });
    if (!kept.ok) throw kept.error;
    expect(await jarIds()).toContain(kept.value.jarId);
    await rest.cancelJob(kept.value.jobId);
    expect((await rest.deleteJar(kept.value.jarId)).ok).toBe(true);
  });
});
