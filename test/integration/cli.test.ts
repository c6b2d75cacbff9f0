// `node dist/cli.js` as a user runs it, against the real local clusters: real processes, real output,
// real exit codes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFixtureRepository, type FixtureRepository } from './support/gitTestServers';

const clusters = inject('flinkClusters');
const CLI = resolve('dist', 'cli.js');
// The clusters' state directory (<stateDir>/local/<name>), so the CLI finds them as local clusters.
const stateDir = resolve(clusters['2.3'].instanceDir, '..', '..');

let workspace: string;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm run test:integration does).`);
  workspace = await mkdtemp(join(tmpdir(), 'fp-cli-it-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd = workspace): Promise<CliRun> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, FLINK_PILOT_STATE_DIR: stateDir, ...extraEnv },
      timeout: 170_000,
    }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

describe('flink-pilot CLI on the local clusters', () => {
  it('clusters: lists both local clusters with version and slots', async () => {
    const text = await cli(['clusters']);
    expect(text.code, text.stderr).toBe(0);
    for (const line of ['1.20', '2.3']) {
      expect(text.stdout).toContain(`${clusters[line].name} (local)  ${clusters[line].restUrl}`);
      expect(text.stdout).toContain(`Flink ${clusters[line].version}, 1 TaskManager(s)`);
    }
    const json = await cli(['clusters', '--json']);
    expect(json.code).toBe(0);
    const reports = (JSON.parse(json.stdout) as { clusters: { name: string; reachable: boolean; flinkVersion: string; slotsTotal: number }[] }).clusters;
    for (const line of ['1.20', '2.3']) {
      expect(reports.find((r) => r.name === clusters[line].name)).toMatchObject({ reachable: true, flinkVersion: clusters[line].version, slotsTotal: 4 });
    }
  });

  it('jobs: lists a cluster\'s jobs as text and JSON', async () => {
    const cluster = clusters['1.20'];
    const text = await cli(['jobs', '--cluster', cluster.name, '--all']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${cluster.name} \\(${cluster.restUrl.replace(/[.]/g, '\\.')}\\): \\d+ job\\(s\\)`));
    const json = await cli(['jobs', '--cluster', cluster.name, '--all', '--json']);
    const report = JSON.parse(json.stdout) as { clusters: { cluster: string; jobs: { jid: string; state: string }[] }[] };
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0].cluster).toBe(cluster.name);
    for (const job of report.clusters[0].jobs) expect(job.jid).toMatch(/^[0-9a-f]{32}$/);
    // `local-<line>` names the running local cluster of that Flink line.
    const byLine = await cli(['jobs', '--cluster', 'local-2.3', '--json']);
    expect(byLine.code, byLine.stderr).toBe(0);
    expect((JSON.parse(byLine.stdout) as { clusters: { cluster: string }[] }).clusters[0].cluster).toBe(clusters['2.3'].name);
  });

  it('jobs: an unknown cluster is exit 5, a local line that is not running is exit 3', async () => {
    const unknown = await cli(['jobs', '--cluster', 'nowhere']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('Error: Unknown cluster "nowhere".');
    expect(unknown.stderr).toContain(`Known clusters:`);
    const notRunning = await cli(['jobs', '--cluster', 'local-1.19']);
    expect(notRunning.code).toBe(3);
    expect(notRunning.stderr).toContain('flink-pilot local start --flink 1.19');
  });

  it('local status: reports the running instance', async () => {
    const cluster = clusters['2.3'];
    const status = await cli(['local', 'status', '--name', cluster.name]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`${cluster.name}: Flink ${cluster.version}, running jobmanager, taskmanager, sqlGateway`);
    const json = await cli(['local', 'status', '--name', cluster.name, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: cluster.name, running: ['jobmanager', 'taskmanager', 'sqlGateway'], stopped: [] });
    const absent = await cli(['local', 'status', '--name', 'never-started']);
    expect(absent.code).toBe(0);
    expect(absent.stdout).toContain('never-started: not running');
  });

  it('usage errors exit 2 and name the problem', async () => {
    const result = await cli(['stop', 'job.flink.yaml', '--drain', '--cancel']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stop: choose one of --savepoint, --drain, --cancel, not --drain and --cancel.');
  });
});

describe('flink-pilot CLI: a SQL job\'s life through a cluster definition', () => {
  const cluster = clusters['1.20'];
  let ws: string;
  const secretEnv = { FLINK_PILOT_SECRET_DEV_TOKEN: 'dev-token-value-never-printed' };

  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'fp-cli-job-'));
    await mkdir(join(ws, '.flink'));
    await writeFile(join(ws, '.flink', 'clusters.yaml'), [
      'clusters:',
      '  - name: dev',
      '    flinkVersion: "1.20"',
      `    restUrl: ${cluster.restUrl}`,
      `    gatewayUrl: ${cluster.gatewayUrl}`,
      '    auth: { type: token, secret: dev-token }',
      '',
    ].join('\n'));
    await writeFile(join(ws, 'counts.flink.sql'), [
      "CREATE TEMPORARY TABLE clicks (user_id INT, url STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '${rate}', 'fields.user_id.min' = '1', 'fields.user_id.max' = '9');",
      "CREATE TEMPORARY TABLE counts (user_id INT, n BIGINT, PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'blackhole');",
      'INSERT INTO counts SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;',
      '',
    ].join('\n'));
    await writeFile(join(ws, 'counts.flink.yaml'), 'name: h5-cli-counts\ntype: sql\nflinkVersion: "1.20"\ncluster: dev\nparallelism: 1\nsql: counts.flink.sql\nvariables:\n  rate: 20\n');
    await writeFile(join(ws, 'broken.flink.sql'), "SELECT * FROM clicks WHERE;\n");
  });
  afterAll(async () => {
    // Whatever happened above, leave no job of this file running on the shared cluster.
    await cli(['stop', 'counts.flink.yaml', '--cancel', '--quiet'], secretEnv, ws);
    await rm(ws, { recursive: true, force: true });
  });

  it('check: a syntax error is exit 1 at its position', async () => {
    const result = await cli(['check', 'broken.flink.sql', 'counts.flink.yaml', 'counts.flink.sql'], {}, ws);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken\.flink\.sql:1:\d+: error: /m);
    expect(result.stdout).toContain('3 file(s) checked: 1 error(s)');
  });

  it('clusters: the definition is reachable with its secret from the environment; without it, it is listed as unusable', async () => {
    const ok = await cli(['clusters', '--json'], secretEnv, ws);
    const reports = (JSON.parse(ok.stdout) as { clusters: { name: string; origin: string; reachable: boolean; flinkVersion: string }[] }).clusters;
    expect(reports.find((r) => r.name === 'dev')).toMatchObject({ origin: 'definition', reachable: true, flinkVersion: cluster.version });
    const missing = await cli(['clusters'], {}, ws);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toContain('UNREACHABLE: Cluster "dev" needs the secret "dev-token", which is not set.');
    expect(missing.stdout).toContain('FLINK_PILOT_SECRET_DEV_TOKEN');
    expect(ok.stdout + ok.stderr + missing.stdout + missing.stderr).not.toContain('dev-token-value-never-printed');
  });

  it('submit → savepoint → stop → restore (verified by Flink) → history, with documented exit codes', async () => {
    const submitted = await cli(['submit', 'counts.flink.yaml', '--json'], secretEnv, ws);
    expect(submitted.code, submitted.stderr).toBe(0);
    const submit = JSON.parse(submitted.stdout) as { jobId: string; state: string; clusterVersion: string };
    expect(submit).toMatchObject({ state: 'RUNNING', clusterVersion: cluster.version });
    expect(submitted.stderr).toMatch(/\[\s*\d+\.\d s\] Submitting SQL job "h5-cli-counts" to "dev"/);

    const savepoint = await cli(['savepoint', 'counts.flink.yaml'], secretEnv, ws);
    expect(savepoint.code, savepoint.stderr).toBe(0);
    expect(savepoint.stdout).toContain(`Savepoint of job ${submit.jobId} (CANONICAL`);

    const stopped = await cli(['stop', 'counts.flink.yaml', '--savepoint', '--json'], secretEnv, ws);
    expect(stopped.code, stopped.stderr).toBe(0);
    const stop = JSON.parse(stopped.stdout) as { jobId: string; finalState: string; savepointPath: string };
    expect(stop).toMatchObject({ jobId: submit.jobId, finalState: 'FINISHED' });

    const restored = await cli(['restore', 'counts.flink.yaml', '--from', 'latest'], secretEnv, ws);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`from ${stop.savepointPath}`);
    expect(restored.stdout).toContain('Verified: Flink reports the job restored from');

    const again = await cli(['restore', 'counts.flink.yaml'], secretEnv, ws);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is still running on "dev"; restoring now would run it twice.');

    const history = await cli(['history', 'counts.flink.yaml', '--json'], secretEnv, ws);
    const kinds = (JSON.parse(history.stdout) as { entries: { kind: string }[] }).entries.map((e) => e.kind);
    expect(kinds).toEqual(['submission', 'savepoint', 'savepoint', 'stop', 'submission', 'restore']);

    const cancelled = await cli(['stop', 'counts.flink.yaml', '--cancel'], secretEnv, ws);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toMatch(/is CANCELED \(cancel/);
  });
});

describe('flink-pilot CLI: a jar job built from its Git project', () => {
  const cluster = clusters['2.3'];
  let ws: string;
  let repo: FixtureRepository;
  // Own build cache, so this run really pulls and builds (the next `submit` must reuse that build).
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'fp-cli-build-'));
    repo = await createFixtureRepository(join(ws, 'git'));
    await mkdir(join(ws, 'app', '.flink'), { recursive: true });
    env = { FLINK_PILOT_CACHE_DIR: join(ws, 'cache') };
    await writeFile(join(ws, 'app', 'counter.flink.yaml'), [
      'name: h5-cli-counter',
      'type: jar',
      'flinkVersion: "2.3"',
      `cluster: ${cluster.name}`,
      'parallelism: 1',
      'jar:',
      '  project:',
      `    url: file://${repo.bareDir}`,
      '    ref: v1',
      `    buildArgs: [-Dflink.version=${cluster.version}]`,
      '  args: [--rate, "5"]',
      '',
    ].join('\n'));
  });
  afterAll(async () => {
    await cli(['stop', 'counter.flink.yaml', '--cancel', '--quiet'], env, join(ws, 'app'));
    await rm(ws, { recursive: true, force: true });
  });

  it('build → submit (reusing the build) → history → stop', async () => {
    const app = join(ws, 'app');
    const built = await cli(['build', 'counter.flink.yaml', '--json'], env, app);
    expect(built.code, built.stderr).toBe(0);
    const build = JSON.parse(built.stdout) as { commit: string; reused: boolean; artifact: { path: string; mainClass: string } };
    expect(build).toMatchObject({ commit: repo.commits.v1, reused: false, artifact: { mainClass: 'dev.flinkpilot.fixture.StatefulCounterJob' } });
    expect(built.stderr).toContain('BUILD SUCCESS');

    const submitted = await cli(['submit', 'counter.flink.yaml', '--json'], env, app);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({ state: 'RUNNING', jobName: 'h5-cli-counter' });

    const history = await cli(['history', 'counter.flink.yaml', '--json'], env, app);
    const entries = (JSON.parse(history.stdout) as { entries: { kind: string; reused?: boolean; jarChecksum?: string; jarPath?: string }[] }).entries;
    expect(entries.map((e) => e.kind)).toEqual(['build', 'build', 'submission']);
    expect(entries[1]!.reused).toBe(true);
    expect(entries[2]!.jarPath).toBe(build.artifact.path);

    const stopped = await cli(['stop', 'counter.flink.yaml', '--cancel'], env, app);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(/is CANCELED/);
  });
});
