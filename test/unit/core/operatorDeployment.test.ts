// The operator path without kubectl on PATH: manifests land in a file with instructions (no process runs).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { JobSpec } from '../../../client/src/core/jobs/deploymentTypes';
import { findOnPath } from '../../../client/src/core/modes/kubectlApply';
import { operatorJobSpec, runOperatorAction } from '../../../client/src/core/modes/operatorDeployment';
import { crdErrors } from './operatorCrdSchemas';

const job: JobSpec = {
  name: 'orders',
  type: 'jar',
  flinkVersion: '1.20',
  jar: { path: '/work/build/orders-1.4.jar', entryClass: 'com.example.Orders', args: ['--env', 'prod'] },
  parallelism: 2,
  config: { 'execution.checkpointing.interval': '30 s' },
  dependencies: { maven: [], jars: [] },
  savepoints: { directory: 's3://bucket/sp/orders', stopMode: 'savepoint', format: 'canonical', timeoutMs: 60_000 },
  restore: { from: 'latest-savepoint', allowNonRestoredState: true, claimMode: 'no_claim' },
  variables: {},
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fp-operator-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('operator deployment of a job file', () => {
  it('maps the job: jar inside the image, pipeline name, savepoint directory, pod template from a file', async () => {
    await writeFile(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n      env:\n        - name: TZ\n          value: UTC\n');
    const spec = await operatorJobSpec(job, { image: 'orders:1.4', namespace: 'streaming', podTemplate: 'pod.yaml' }, dir);
    expect(spec).toMatchObject({
      kind: 'application',
      jarURI: 'local:///opt/flink/usrlib/orders-1.4.jar',
      entryClass: 'com.example.Orders',
      args: ['--env', 'prod'],
      savepointDirectory: 's3://bucket/sp/orders',
      allowNonRestoredState: true,
      flinkConfiguration: { 'pipeline.name': 'orders', 'execution.checkpointing.interval': '30 s' },
      podTemplate: { spec: { containers: [{ name: 'flink-main-container' }] } },
    });
    await expect(operatorJobSpec(job, { podTemplate: 'missing.yaml' }, dir)).rejects.toThrow(/Cannot read the pod template/);
  });

  it('without kubectl writes the manifests to a file and says how to apply them', async () => {
    const env = { PATH: dir };
    expect(findOnPath('kubectl', env)).toBeUndefined();
    const outcome = await runOperatorAction({ job, settings: { image: 'orders:1.4', namespace: 'streaming' }, action: { kind: 'suspend' }, manifestDir: join(dir, 'out'), baseDir: dir, env });
    expect(outcome.apply.applied).toBe(false);
    if (outcome.apply.applied) return;
    expect(outcome.apply.manifestFile).toBe(join(dir, 'out', 'orders-suspend.yaml'));
    expect(outcome.apply.message).toContain(`kubectl apply -f ${outcome.apply.manifestFile}`);
    const [deployment] = parseAllDocuments(await readFile(outcome.apply.manifestFile, 'utf8')).map((d) => d.toJSON());
    expect(crdErrors(deployment)).toEqual([]);
    expect(deployment.spec.job).toMatchObject({ state: 'suspended', upgradeMode: 'savepoint' });
  });

  it('restore without kubectl uses a time-based redeploy nonce; a savepoint is a FlinkStateSnapshot', async () => {
    const env = { PATH: dir };
    const before = Math.floor(Date.now() / 1000);
    const restore = await runOperatorAction({ job, settings: { image: 'orders:1.4' }, action: { kind: 'restore', savepointPath: 's3://bucket/sp/orders/savepoint-1' }, manifestDir: dir, baseDir: dir, env });
    const restoredJob = (restore.documents[0].spec as { job: { savepointRedeployNonce: number } }).job;
    expect(restoredJob).toMatchObject({ initialSavepointPath: 's3://bucket/sp/orders/savepoint-1', state: 'running' });
    expect(restoredJob.savepointRedeployNonce).toBeGreaterThanOrEqual(before);
    const savepoint = await runOperatorAction({ job, settings: { sessionDeploymentName: 'shared' }, action: { kind: 'savepoint', format: 'native' }, manifestDir: dir, baseDir: dir, env });
    expect(savepoint.documents[0]).toMatchObject({ kind: 'FlinkStateSnapshot', spec: { jobReference: { kind: 'FlinkSessionJob', name: 'orders' }, savepoint: { formatType: 'NATIVE' } } });
    expect(crdErrors(savepoint.documents[0])).toEqual([]);
  });

  it('a SQL job needs a runner jar', async () => {
    const sqlJob: JobSpec = { ...job, type: 'sql', jar: undefined, sql: { text: 'INSERT INTO a SELECT 1;' } };
    await expect(runOperatorAction({ job: sqlJob, settings: { image: 'sql-runner:1' }, action: { kind: 'deploy' }, manifestDir: dir, baseDir: dir, env: { PATH: dir } }))
      .rejects.toThrow(/needs kubernetes.jarURI/);
    const outcome = await runOperatorAction({ job: sqlJob, settings: { image: 'sql-runner:1', sqlRunnerJarURI: 'local:///opt/flink/usrlib/sql-runner.jar' }, action: { kind: 'deploy' }, manifestDir: dir, baseDir: dir, env: { PATH: dir } });
    expect(outcome.documents.map((d) => d.kind)).toEqual(['ConfigMap', 'FlinkDeployment']);
    expect(crdErrors(outcome.documents[1])).toEqual([]);
  });
});
