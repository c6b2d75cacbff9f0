// Shared helpers of the deployment integration tests: a job context on a real local cluster with
// its own temporary workspace (history), and clean-up of every job a test started.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { TERMINAL_JOB_STATES } from '../../client/src/core/flink/flinkRestTypes';
import { JobHistoryStore } from '../../client/src/core/history/jobHistory';
import type { JobContext, JobSpec } from '../../client/src/core/jobs/jobService';
import type { LocalClusterInfo } from '../../client/src/core/local';

export function sqlJob(name: string, flinkVersion: string, sql: string, overrides: Partial<JobSpec> = {}): JobSpec {
  return {
    name,
    type: 'sql',
    flinkVersion,
    sql: { text: sql, path: `${name}.flink.sql` },
    parallelism: 1,
    config: { 'parallelism.default': '1' },
    dependencies: { maven: [], jars: [] },
    savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 60_000 },
    restore: { from: 'latest-savepoint', allowNonRestoredState: false, claimMode: 'no_claim' },
    variables: {},
    ...overrides,
  };
}

export const AGGREGATION_SQL = `CREATE TEMPORARY TABLE src (id INT, v BIGINT) WITH (
  'connector' = 'datagen', 'rows-per-second' = '\${rate}', 'fields.id.min' = '1', 'fields.id.max' = '5'
);
CREATE TEMPORARY TABLE sink_counts (id INT, c BIGINT) WITH ('connector' = 'blackhole');
CREATE TEMPORARY TABLE sink_sums (id INT, s BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink_counts SELECT id, COUNT(*) FROM src GROUP BY id;
INSERT INTO sink_sums SELECT id, SUM(v) FROM src GROUP BY id;
`;

export function jobContext(cluster: LocalClusterInfo, job: JobSpec): JobContext & { history: JobHistoryStore } {
  const workspaceRoot = mkdtempSync(join(tmpdir(), 'fp-deploy-'));
  return {
    jobFilePath: join(workspaceRoot, `${job.name}.flink.yaml`),
    job,
    cluster: { name: cluster.name, restUrl: cluster.restUrl, gatewayUrl: cluster.gatewayUrl },
    history: new JobHistoryStore({ workspaceRoot }),
  };
}

/** Cancels every job of the cluster whose name starts with `prefix` and that is still running. */
export async function cancelJobsNamed(cluster: LocalClusterInfo, prefix: string): Promise<void> {
  const rest = new FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl });
  try {
    const jobs = await rest.jobsOverview();
    if (!jobs.ok) return;
    for (const job of jobs.value) {
      if (job.name.startsWith(prefix) && !TERMINAL_JOB_STATES.has(job.state)) await rest.cancelJob(job.jid);
    }
  } finally {
    await rest.close();
  }
}

export function uniqueName(base: string): string {
  return `fp-it-${base}-${Date.now().toString(36)}`;
}
