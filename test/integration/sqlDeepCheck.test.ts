// Deep check against the real SQL Gateway of both local clusters: a clean script plans without
// findings and runs no job; a planner error (unknown column) comes back at its line and column in
// the SQL file; variables are substituted first.
import { describe, expect, inject, it } from 'vitest';
import { deepCheckSql } from '../../client/src/core/jobs/sqlDeepCheck';
import type { JobContext } from '../../client/src/core/jobs/deploymentTypes';
import { DEMO_SQL, demoJobSpec } from '../../client/src/demo';

const clusters = inject('flinkClusters');

function context(line: string, sql: string): JobContext {
  const cluster = clusters[line]!;
  const job = demoJobSpec(line);
  job.name = `deep-check-${line}`;
  job.sql = { text: sql, path: '/ws/check.flink.sql' };
  job.variables = { rowsPerSecond: '1' };
  return { jobFilePath: '/ws/check.flink.yaml', job, cluster: { name: cluster.name, restUrl: cluster.restUrl, gatewayUrl: cluster.gatewayUrl } };
}

async function runningJobs(restUrl: string): Promise<string[]> {
  const body = (await (await fetch(`${restUrl}/jobs/overview`)).json()) as { jobs: { jid: string; state: string; name: string }[] };
  return body.jobs.filter((j) => j.name.startsWith('deep-check-')).map((j) => j.jid);
}

describe.each(['1.20', '2.3'])('deep check on Flink %s', (line) => {
  it('plans the demo script without findings and starts no job', async () => {
    const before = await runningJobs(clusters[line]!.restUrl);
    const result = await deepCheckSql(context(line, DEMO_SQL));
    expect(result.ok, result.ok ? '' : result.error.describe()).toBe(true);
    if (!result.ok) return;
    expect(result.value.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.value.checked).toBeGreaterThanOrEqual(3);
    expect(result.value.clusterVersion).toMatch(new RegExp(`^${line.replace('.', '\\.')}`));
    expect(await runningJobs(clusters[line]!.restUrl)).toEqual(before);
  });

  it('reports an unknown column at its position in the SQL file', async () => {
    const broken = DEMO_SQL.replace(/SELECT\s+(\w+)/, 'SELECT no_such_column');
    expect(broken).not.toBe(DEMO_SQL);
    const result = await deepCheckSql(context(line, broken));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const errors = result.value.findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    const lines = broken.split('\n');
    const expectedLine = lines.findIndex((l) => l.includes('no_such_column')) + 1;
    expect(errors[0]).toMatchObject({ file: '/ws/check.flink.sql', line: expectedLine });
    expect(lines[errors[0]!.line - 1]!.slice(errors[0]!.column - 1)).toMatch(/^no_such_column/);
    expect(errors[0]!.message).toMatch(/no_such_column/i);
  });
});
