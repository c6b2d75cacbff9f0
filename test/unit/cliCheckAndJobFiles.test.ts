// `check` and job-file loading in-process: the real language services and job file model, files in a
// temporary workspace, no cluster and no network.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJobFileForCli } from '../../client/src/cli/cliJobFileLoader';
import { createCliIo } from '../../client/src/cli/cliIo';
import type { CliContext } from '../../client/src/cli/cliContext';
import { runCli } from '../../client/src/cli/runCli';
import { buildFlinkRunCommand } from '../../client/src/core/modes/flinkRunCommand';

let ws: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'fp-cli-check-'));
  env = { FLINK_PILOT_STATE_DIR: join(ws, '.state'), PATH: process.env.PATH };
  await mkdir(join(ws, '.flink'));
  await mkdir(join(ws, 'jobs'));
  await writeFile(join(ws, '.flink', 'clusters.yaml'), [
    'clusters:',
    '  - name: yarn-prod',
    '    kind: yarn',
    '    flinkVersion: "1.20"',
    '    restUrl: http://127.0.0.1:1',
    '    yarn: { applicationId: application_1700000000000_0007, queue: streaming }',
    '  - name: k8s-prod',
    '    kind: kubernetes',
    '    restUrl: http://127.0.0.1:2',
    '    kubernetes: { namespace: flink, context: prod }',
    '',
  ].join('\n'));
  await writeFile(join(ws, 'jobs', 'good.flink.sql'), "CREATE TEMPORARY TABLE s (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '${rps}');\nCREATE TEMPORARY TABLE k (id BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO k SELECT id FROM s;\n");
  await writeFile(join(ws, 'jobs', 'good.flink.yaml'), 'name: good\ntype: sql\nflinkVersion: "1.20"\ncluster: local\nsql: good.flink.sql\nvariables:\n  rps: 5\n');
  await writeFile(join(ws, 'jobs', 'broken.flink.sql'), "CREATE TABLE t (id INT WITH ('connector' = 'datagen');\n");
  await writeFile(join(ws, 'orders.jar'), 'not a real jar; only its path is used');
  await mkdir(join(ws, 'k8s'));
  await writeFile(join(ws, 'k8s', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
  await writeFile(join(ws, 'jobs', 'yarn.flink.yaml'), [
    'name: orders-yarn', 'type: jar', 'flinkVersion: "1.20"', 'cluster: yarn-prod', 'mode: yarn-session',
    'jar:', '  path: ../orders.jar', '  entryClass: com.example.Orders', '  args: ["--rate", "${rate}"]',
    'variables: { rate: 10 }', 'parallelism: 2', 'yarn: { applicationId: application_1700000000000_0042 }', '',
  ].join('\n'));
  await writeFile(join(ws, 'jobs', 'operator.flink.yaml'), [
    'name: orders-op', 'type: jar', 'flinkVersion: "1.20"', 'mode: kubernetes-operator',
    'jar:', '  path: ../orders.jar', '  entryClass: com.example.Orders',
    'savepoints:', '  directory: s3://bucket/savepoints/orders',
    'kubernetes:', '  namespace: streaming', '  image: registry.example.internal/orders:1', '  serviceAccount: flink', '',
  ].join('\n'));
  await writeFile(join(ws, 'jobs', 'k8s.flink.yaml'), [
    'name: orders-k8s', 'type: jar', 'flinkVersion: "2.3"', 'cluster: k8s-prod', 'mode: kubernetes-application',
    'jar:', '  path: ../orders.jar', 'kubernetes:', '  clusterId: orders', '  image: registry.example.internal/orders:1', '  podTemplate: ../k8s/pod.yaml',
    '  restServiceType: NodePort',
    'resources:', '  jobManager: { memory: 1600m, cpu: 1 }', '  taskManager: { memory: 4g, cpu: 2, slots: 2 }', '',
  ].join('\n'));
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { streams: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, cwd: ws, env });
  return { code, stdout, stderr };
}

function context(): CliContext {
  return { io: createCliIo({ stdout: () => undefined, stderr: () => undefined }, { json: false, quiet: true }), workspace: ws, cwd: ws, env, signal: new AbortController().signal };
}

describe('flink-pilot check', () => {
  it('exits 1 with the syntax error at its position; clean files pass', async () => {
    const broken = await cli('check', 'jobs/broken.flink.sql');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^jobs\/broken\.flink\.sql:1:24: error: expected ',' or '\)' to close the column list of t opened at 1:16 \[syntax-error\]$/m);
    expect(broken.stdout).toContain('1 file(s) checked: 1 error(s)');
    const good = await cli('check', 'jobs/good.flink.yaml', 'jobs/good.flink.sql');
    expect(good.stdout).toContain('2 file(s) checked: 0 error(s)');
    expect(good.code).toBe(0);
  });

  it('searches directories and reports JSON', async () => {
    const result = await cli('check', '.', '--json');
    const report = JSON.parse(result.stdout) as { files: string[]; errors: number; findings: { file: string; line: number; column: number }[] };
    expect(report.files).toEqual(expect.arrayContaining(['jobs/broken.flink.sql', 'jobs/good.flink.sql', 'jobs/good.flink.yaml', 'jobs/yarn.flink.yaml', 'jobs/k8s.flink.yaml']));
    expect(report.files.some((f) => f.includes('.flink/clusters.yaml'))).toBe(false);
    expect(report.findings.filter((f) => f.file === 'jobs/broken.flink.sql')).toHaveLength(report.errors);
    expect(result.code).toBe(1);
  });

  it('reports a job file mistake at its node', async () => {
    await writeFile(join(ws, 'jobs', 'typo.flink.yaml'), 'name: typo\ntype: sql\nflinkVersion: "1.20"\nsql: good.flink.sql\nparalelism: 2\n');
    const result = await cli('check', 'jobs/typo.flink.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^jobs\/typo\.flink\.yaml:5:1: error: .*paralelism/m);
  });

  it('refuses an unknown --flink line', async () => {
    const result = await cli('check', 'jobs/good.flink.sql', '--flink', '1.9');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--flink 1.9: the language features know Flink 1.20, 2.0, 2.1, 2.2, 2.3.');
  });
});

describe('job files for the CLI', () => {
  it('a YARN session job takes its session id, and the queue from its cluster definition', async () => {
    const loaded = await loadJobFileForCli(join(ws, 'jobs', 'yarn.flink.yaml'), context());
    expect(loaded).toMatchObject({ mode: 'yarn-session', clusterName: 'yarn-prod', yarn: { applicationId: 'application_1700000000000_0042', queue: 'streaming' } });
    expect(loaded.job).toMatchObject({ type: 'jar', flinkVersion: '1.20', parallelism: 2, jar: { path: join(ws, 'orders.jar'), entryClass: 'com.example.Orders', args: ['--rate', '${rate}'] }, variables: { rate: '10' } });
  });

  it('a native Kubernetes application job runs the jar from the image and resolves the pod template', async () => {
    const loaded = await loadJobFileForCli(join(ws, 'jobs', 'k8s.flink.yaml'), context());
    expect(loaded.jarUri).toBe('local:///opt/flink/usrlib/orders.jar');
    expect(loaded.kubernetes).toMatchObject({ clusterId: 'orders', namespace: 'flink', context: 'prod', podTemplate: join(ws, 'k8s', 'pod.yaml'), restServiceExposedType: 'NodePort' });
    expect(loaded.resources).toEqual({ jobManagerMemory: '1600m', taskManagerMemory: '4g', taskSlots: 2, jobManagerCpu: 1, taskManagerCpu: 2 });
    const command = buildFlinkRunCommand({
      mode: 'kubernetes-application', flinkVersion: '2.3.0', jar: loaded.jarUri!, jobName: loaded.job.name,
      kubernetes: loaded.kubernetes, resources: loaded.resources, config: loaded.job.config,
    }, '/opt/flink-2.3');
    expect(command.args).toEqual(expect.arrayContaining([
      '-Dkubernetes.context=prod', `-Dkubernetes.pod-template-file.default=${join(ws, 'k8s', 'pod.yaml')}`,
      '-Dkubernetes.jobmanager.cpu.amount=1', '-Dkubernetes.taskmanager.cpu.amount=2', '-Dtaskmanager.numberOfTaskSlots=2',
    ]));
  });

  it('kubernetes-operator without kubectl: manifests go to a file; --print-manifests prints them', async () => {
    const noKubectl = { ...env, PATH: join(ws, 'no-bin') };
    let stdout = '';
    const code = await runCli(['submit', 'jobs/operator.flink.yaml'], { streams: { stdout: (t) => (stdout += t), stderr: () => undefined }, cwd: ws, env: noKubectl });
    expect(code).toBe(0);
    const file = join(ws, '.flink-pilot', 'manifests', 'orders-op-deploy.yaml');
    expect(stdout).toContain(`kubectl is not on PATH, so nothing was applied. The manifests are in ${file}`);
    const printed = await cli('stop', 'jobs/operator.flink.yaml', '--print-manifests');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('kind: FlinkDeployment');
    expect(printed.stdout).toMatch(/state: suspended/);
    expect(printed.stdout).toMatch(/upgradeMode: savepoint/);
    const restore = await cli('restore', 'jobs/operator.flink.yaml', '--from', 's3://bucket/savepoints/orders/savepoint-1', '--print-manifests', '--json');
    const documents = (JSON.parse(restore.stdout) as { documents: { spec: { job: Record<string, unknown> } }[] }).documents;
    expect(documents[0].spec.job).toMatchObject({ initialSavepointPath: 's3://bucket/savepoints/orders/savepoint-1', state: 'running' });
    expect(await cli('stop', 'jobs/operator.flink.yaml', '--drain')).toMatchObject({ code: 2 });
  });

  it('a Kubernetes job without a cluster is never sent to the local cluster', async () => {
    await writeFile(join(ws, 'jobs', 'session.flink.yaml'), [
      'name: orders-app', 'type: jar', 'flinkVersion: "2.3"', 'mode: kubernetes-application',
      'jar:', '  path: ../orders.jar', 'kubernetes:', '  clusterId: orders-app', '  image: orders:1', '',
    ].join('\n'));
    const result = await cli('savepoint', 'jobs/session.flink.yaml');
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('runs in mode kubernetes-application and names no cluster');
    expect(result.stderr).toContain('--cluster NAME');
  });

  it('an invalid job file is exit 5 with its position', async () => {
    const result = await cli('submit', 'jobs/typo.flink.yaml');
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/typo\.flink\.yaml:5:1: .*paralelism/);
  });

  it('a missing job file is exit 5', async () => {
    const result = await cli('history', 'jobs/none.flink.yaml');
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('The job file jobs/none.flink.yaml does not exist.');
  });
});
