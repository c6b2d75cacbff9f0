// One real `bin/flink run -t remote` per Flink line against the shared local cluster: the installation
// is found and its version read from its flink-dist jar, the command is built by the modes room and
// run without a shell, the job id is read from the CLI output, and Flink confirms the job runs.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FlinkPilotError } from '../../client/src/core/errors';
import { assertClusterVersion, discoverInstallations, formatFlinkVersion, selectInstallation } from '../../client/src/core/installations';
import { JobHistoryStore } from '../../client/src/core/history/jobHistory';
import type { JobSpec } from '../../client/src/core/jobs/deploymentTypes';
import { submitWithFlinkCli } from '../../client/src/core/modes/cliModeDeployment';
import { runFlinkCli } from '../../client/src/core/modes/flinkCliRunner';
import { buildFlinkRunCommand } from '../../client/src/core/modes/flinkRunCommand';

const run = promisify(execFile);
const clusters = inject('flinkClusters');
const JOB_SOURCE = join(process.cwd(), 'test', 'fixtures', 'cli-remote-job', 'TickJob.java');

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'fp-cli-remote-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Compiles the fixture job against the installation's own jars, so it matches that Flink's API. */
async function buildTickJar(flinkHome: string, line: string): Promise<string> {
  const classes = join(workDir, `classes-${line}`);
  const jar = join(workDir, `tick-${line}.jar`);
  await run('javac', ['-d', classes, '-cp', join(flinkHome, 'lib', '*'), JOB_SOURCE]);
  await run('jar', ['cfe', jar, 'TickJob', '-C', classes, '.']);
  return jar;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

for (const line of ['1.20', '2.3']) {
  describe(`bin/flink run -t remote on Flink ${line}`, () => {
    const cluster = clusters[line];

    it('submits a jar with the installation of the job version, reads the job id Flink runs and records it in history', async () => {
      const scan = await discoverInstallations({ settings: { [`dev-${line}`]: cluster.flinkHome }, configFile: null, env: {}, localCacheDir: null, allowCli: false });
      const installation = selectInstallation(scan, line);
      expect(installation.versionSource).toBe('dist-jar-name');
      expect(formatFlinkVersion(installation.version)).toBe(cluster.version);
      assertClusterVersion(line, await getJson(`${cluster.restUrl}/config`), { clusterName: cluster.name, restUrl: cluster.restUrl });

      const jar = await buildTickJar(installation.flinkHome, line);
      const rest = new URL(cluster.restUrl);
      const jobName = `h5-cli-remote-${line}-${Date.now()}`;
      const job: JobSpec = {
        name: jobName,
        type: 'jar',
        flinkVersion: line,
        jar: { path: jar, entryClass: 'TickJob', args: ['${jobName}'] },
        parallelism: 1,
        config: { 'execution.checkpointing.interval': '10 s' },
        dependencies: { maven: [], jars: [] },
        savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 60_000 },
        restore: { from: 'none', allowNonRestoredState: false, claimMode: 'no_claim' },
        variables: { jobName },
      };
      const history = new JobHistoryStore({ workspaceRoot: workDir });
      const jobFilePath = join(workDir, `tick-${line}.flink.yaml`);
      const lines: string[] = [];
      const submitted = await submitWithFlinkCli({
        jobFilePath, job, mode: 'remote', clusterName: cluster.name, remote: { host: rest.hostname, port: Number(rest.port) },
        installations: scan, history, onLine: (l) => lines.push(l), timeoutMs: 120_000,
      });
      if (!submitted.ok) throw submitted.error;
      const result = submitted.value;
      expect(result.jobId).toMatch(/^[0-9a-f]{32}$/);
      expect(lines.join('\n')).toContain(result.jobId!);
      expect(result.installation).toMatchObject({ name: `dev-${line}`, version: cluster.version });
      expect(result.command).toContain(`-Drest.port=${rest.port}`);
      try {
        const job = await getJson<{ name: string; state: string }>(`${cluster.restUrl}/jobs/${result.jobId}`);
        expect(job.name).toBe(jobName);
        expect(['CREATED', 'INITIALIZING', 'RUNNING']).toContain(job.state);
        const config = await getJson<{ 'execution-config': { 'job-parallelism': number } }>(`${cluster.restUrl}/jobs/${result.jobId}/config`);
        expect(config['execution-config']['job-parallelism']).toBe(1);
        const [entry] = (await history.read(jobFilePath)).entries;
        expect(entry).toMatchObject({ kind: 'submission', jobId: result.jobId, jobType: 'jar', cluster: cluster.name, flinkVersion: cluster.version, jarPath: jar, entryClass: 'TickJob', programArgs: [jobName] });
        expect((entry as { jarChecksum?: string }).jarChecksum).toMatch(/^[0-9a-f]{64}$/);
      } finally {
        await fetch(`${cluster.restUrl}/jobs/${result.jobId}?mode=cancel`, { method: 'PATCH' });
      }
    });

    it('reports the CLI failure with Flink\'s cause when the jar does not exist', async () => {
      const rest = new URL(cluster.restUrl);
      const command = buildFlinkRunCommand({
        mode: 'remote', flinkVersion: cluster.version, jar: join(workDir, 'missing.jar'), remote: { host: rest.hostname, port: Number(rest.port) },
      }, cluster.flinkHome);
      const error = await runFlinkCli(command, { timeoutMs: 120_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FlinkPilotError);
      expect((error as FlinkPilotError).code).toBe('flink-cli-failed');
      expect((error as FlinkPilotError).message).toMatch(/missing\.jar/);
    });
  });
}
