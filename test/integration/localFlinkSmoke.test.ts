// Smoke tests of the real local clusters: the harness every later integration test stands on.
import { describe, expect, inject, it } from 'vitest';

const clusters = inject('flinkClusters');

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

const post = <T>(url: string, body: unknown) =>
  getJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

interface FetchResult {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  nextResultUri?: string;
  results?: { data?: { kind: string; fields: unknown[] }[]; columns?: { name: string }[] };
  jobID?: string;
}

/** Executes one statement in a gateway session and collects every row until EOS. */
async function runStatement(gatewayUrl: string, session: string, statement: string): Promise<{ rows: unknown[][]; jobId?: string }> {
  const { operationHandle } = await post<{ operationHandle: string }>(`${gatewayUrl}/v1/sessions/${session}/statements`, { statement });
  let uri = `/v1/sessions/${session}/operations/${operationHandle}/result/0`;
  const rows: unknown[][] = [];
  let jobId: string | undefined;
  for (let i = 0; i < 600; i++) {
    const result = await getJson<FetchResult>(`${gatewayUrl}${uri}`);
    jobId ??= result.jobID;
    for (const row of result.results?.data ?? []) rows.push(row.fields);
    if (result.resultType === 'EOS' || !result.nextResultUri) return { rows, jobId };
    if (result.resultType === 'NOT_READY') await new Promise((r) => setTimeout(r, 200));
    uri = result.nextResultUri;
  }
  throw new Error(`statement did not finish: ${statement}`);
}

for (const line of ['1.20', '2.3']) {
  describe(`local Flink ${line}`, () => {
    const cluster = clusters[line];

    it('reports its version on /config', async () => {
      const config = await getJson<{ 'flink-version': string }>(`${cluster.restUrl}/config`);
      expect(config['flink-version']).toBe(cluster.version);
      expect(cluster.version.startsWith(`${line}.`)).toBe(true);
    });

    it('has free task slots and listens on loopback only', async () => {
      const overview = await getJson<{ taskmanagers: number; 'slots-total': number }>(`${cluster.restUrl}/overview`);
      expect(overview.taskmanagers).toBeGreaterThanOrEqual(1);
      expect(overview['slots-total']).toBe(4);
      expect(new URL(cluster.restUrl).hostname).toBe('127.0.0.1');
      expect(new URL(cluster.gatewayUrl).hostname).toBe('127.0.0.1');
    });

    it('opens a gateway session and returns a row for SELECT 1', async () => {
      const info = await getJson<{ productName: string; version: string }>(`${cluster.gatewayUrl}/v1/info`);
      expect(info).toEqual({ productName: "Apache Flink", version: cluster.version });
      const { sessionHandle } = await post<{ sessionHandle: string }>(`${cluster.gatewayUrl}/v1/sessions`, {
        properties: { 'execution.runtime-mode': 'batch' },
      });
      try {
        const { rows } = await runStatement(cluster.gatewayUrl, sessionHandle, 'SELECT 1 AS x');
        expect(rows).toEqual([[1]]);
      } finally {
        await fetch(`${cluster.gatewayUrl}/v1/sessions/${sessionHandle}`, { method: 'DELETE' });
      }
    });

    it('runs a datagen → blackhole INSERT until RUNNING and cancels it', async () => {
      const { sessionHandle } = await post<{ sessionHandle: string }>(`${cluster.gatewayUrl}/v1/sessions`, {
        properties: { 'pipeline.name': `smoke-${line}` },
      });
      try {
        await runStatement(cluster.gatewayUrl, sessionHandle,
          "CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '10')");
        await runStatement(cluster.gatewayUrl, sessionHandle, "CREATE TEMPORARY TABLE sink (id BIGINT) WITH ('connector' = 'blackhole')");
        const { rows, jobId: resultJobId } = await runStatement(cluster.gatewayUrl, sessionHandle, 'INSERT INTO sink SELECT id FROM src');
        const jobId = resultJobId ?? String(rows[0]?.[0]);
        expect(jobId).toMatch(/^[0-9a-f]{32}$/);
        let state = '';
        for (let i = 0; i < 120 && state !== 'RUNNING'; i++) {
          state = (await getJson<{ state: string }>(`${cluster.restUrl}/jobs/${jobId}`)).state;
          if (state !== 'RUNNING') await new Promise((r) => setTimeout(r, 500));
        }
        expect(state).toBe('RUNNING');
        await fetch(`${cluster.restUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' });
        for (let i = 0; i < 60 && state !== 'CANCELED'; i++) {
          await new Promise((r) => setTimeout(r, 500));
          state = (await getJson<{ state: string }>(`${cluster.restUrl}/jobs/${jobId}`)).state;
        }
        expect(state).toBe('CANCELED');
      } finally {
        await fetch(`${cluster.gatewayUrl}/v1/sessions/${sessionHandle}`, { method: 'DELETE' });
      }
    });
  });
}
