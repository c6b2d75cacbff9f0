// The SQL Gateway client against the real gateways of 1.20 and 2.3: API version negotiation, session
// properties, and a result of many rows read to the end by following nextResultUri page by page.
import { describe, expect, inject, it } from 'vitest';
import { SqlGatewayClient } from '../../client/src/core/flink/sqlGatewayClient';

const clusters = inject('flinkClusters');

describe.each(['1.20', '2.3'])('SQL Gateway client on Flink %s', (line) => {
  const cluster = clusters[line]!;

  it('negotiates the newest API version and reports the gateway version', async () => {
    const gateway = new SqlGatewayClient({ clusterName: cluster.name, baseUrl: cluster.gatewayUrl });
    try {
      const version = await gateway.apiVersion();
      expect(version.ok && version.value).toBe(line === '1.20' ? 'v3' : 'v4');
      const info = await gateway.info();
      expect(info.ok && info.value.version).toBe(cluster.version);
    } finally {
      await gateway.close();
    }
  });

  it('reads a 3,000-row result through nextResultUri paging, with session properties applied', async () => {
    const gateway = new SqlGatewayClient({ clusterName: cluster.name, baseUrl: cluster.gatewayUrl });
    const session = await gateway.openSession({ sessionName: 'fp-it-paging', properties: { 'execution.runtime-mode': 'batch', 'parallelism.default': '1', 'pipeline.name': 'fp-it-paging' } });
    if (!session.ok) throw session.error;
    try {
      const settings = await gateway.executeAndCollect(session.value, 'SET');
      if (!settings.ok) throw settings.error;
      expect(settings.value.rows.map((r) => r.fields)).toContainEqual(['execution.runtime-mode', 'batch']);
      await gateway.executeAndCollect(session.value, "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3000', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '3000')");
      // Count the pages that carried rows, to see the client really follow nextResultUri.
      const fetchNext = gateway.fetchNext.bind(gateway);
      let payloadPages = 0;
      gateway.fetchNext = async (uri, options) => {
        const page = await fetchNext(uri, options);
        if (page.ok && page.value.results?.data?.length) payloadPages++;
        return page;
      };
      const result = await gateway.executeAndCollect(session.value, 'SELECT n FROM numbers');
      if (!result.ok) throw result.error;
      expect(result.value.columns.map((c) => c.name)).toEqual(['n']);
      expect(result.value.rows).toHaveLength(3000);
      const values = result.value.rows.map((r) => Number(r.fields[0])).sort((a, b) => a - b);
      expect(values[0]).toBe(1);
      expect(values[2999]).toBe(3000);
      expect(new Set(values).size).toBe(3000);
      expect(payloadPages).toBeGreaterThan(0);
    } finally {
      await gateway.closeSession(session.value);
      await gateway.close();
    }
  });
});
