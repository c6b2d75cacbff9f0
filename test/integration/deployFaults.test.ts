// Fault injection the real cluster cannot produce on demand, with a small local server that follows
// the dispatcher OpenAPI spec (TriggerResponse, AsynchronousOperationResult, JobDetailsInfo): a
// savepoint that never completes (timeout, job left alone), a cancelled wait, a vanished job.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { takeSavepoint } from '../../client/src/core/jobs/lifecycle';
import { waitForTasksRunning } from '../../client/src/core/jobs/clusterClients';
import { triggerSavepoint } from '../../client/src/core/jobs/jobService';
import { jobContext, sqlJob } from './deploySupport';

const JOB = 'f'.repeat(32);
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

async function fakeFlink(handler: (method: string, path: string) => { status?: number; body?: unknown }): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const answer = handler(req.method ?? 'GET', req.url ?? '/');
    res.statusCode = answer.status ?? 200;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, calls };
}

describe('lifecycle faults', () => {
  it('gives up on a savepoint that never completes, after the timeout, with a hint — and never cancels the job', async () => {
    const fake = await fakeFlink((method, path) => {
      if (method === 'POST' && path === `/jobs/${JOB}/savepoints`) return { body: { 'request-id': 'trigger-1' } };
      if (path === `/jobs/${JOB}/savepoints/trigger-1`) return { body: { status: { id: 'IN_PROGRESS' } } };
      return { status: 404, body: { errors: ['Not found'] } };
    });
    const rest = new FlinkRestClient({ clusterName: 'fake', baseUrl: fake.url });
    const result = await takeSavepoint(rest, JOB, { format: 'canonical', timeoutMs: 600 });
    await rest.close();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('timeout');
    expect(!result.ok && result.error.message).toContain(`savepoint of job ${JOB}`);
    expect(!result.ok && result.error.hint).toMatch(/savepoints.timeout/);
    // Adaptive backoff: several polls, but far fewer than a fixed 10 ms loop would make.
    const polls = fake.calls.filter((c) => c.includes('/savepoints/trigger-1')).length;
    expect(polls).toBeGreaterThan(3);
    expect(polls).toBeLessThan(40);
    expect(fake.calls.some((c) => c.startsWith('PATCH'))).toBe(false);
  });

  it('reports Flink’s failure cause of a failed savepoint', async () => {
    const fake = await fakeFlink((method, path) => {
      if (method === 'POST') return { body: { 'request-id': 't' } };
      if (path.endsWith('/savepoints/t')) {
        return { body: { status: { id: 'COMPLETED' }, operation: { 'failure-cause': { class: 'java.util.concurrent.CompletionException', 'stack-trace': 'java.util.concurrent.CompletionException: x\n\tat a.b(C.java:1)\nCaused by: org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.\n\t... 3 more' } } } };
      }
      if (path === `/jobs/${JOB}/status`) return { body: { status: 'RUNNING' } };
      return { status: 404, body: { errors: ['Not found'] } };
    });
    const rest = new FlinkRestClient({ clusterName: 'fake', baseUrl: fake.url });
    const result = await takeSavepoint(rest, JOB, { format: 'native', timeoutMs: 5000 });
    await rest.close();
    expect(!result.ok && result.error.message).toBe(`The savepoint of job ${JOB} failed: org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending. The job is still RUNNING.`);
    expect(fake.calls[0]).toBe(`POST /jobs/${JOB}/savepoints`);
  });

  it('stops waiting for a job when the caller aborts', async () => {
    const fake = await fakeFlink(() => ({ body: { jid: JOB, name: 'x', state: 'CREATED', vertices: [] } }));
    const rest = new FlinkRestClient({ clusterName: 'fake', baseUrl: fake.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await waitForTasksRunning(rest, JOB, { timeoutMs: 60_000, signal: controller.signal });
    await rest.close();
    expect(!result.ok && result.error.code).toMatch(/aborted|flink-aborted/);
  });

  it('explains that no job of the file runs when history and cluster know none', async () => {
    const fake = await fakeFlink((_m, path) => (path === '/jobs/overview' ? { body: { jobs: [{ jid: JOB, name: 'someone-else', state: 'RUNNING' }] } } : { status: 404, body: { errors: ['Not found'] } }));
    const ctx = jobContext({ name: 'fake', restUrl: fake.url, gatewayUrl: fake.url } as never, sqlJob('mine', '2.3', 'INSERT INTO x SELECT 1;'));
    const result = await triggerSavepoint(ctx);
    expect(!result.ok && result.error.code).toBe('no-running-job');
    expect(fake.calls.some((c) => c.startsWith('POST'))).toBe(false);
  });
});
