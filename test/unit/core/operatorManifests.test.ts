import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  buildOperatorManifests,
  buildSavepointSnapshot,
  kubernetesResourceName,
  manifestsToYaml,
  type OperatorJobSpec,
  operatorFlinkVersion,
  restoreFromSavepoint,
  suspendWithSavepoint,
} from '../../../client/src/core/modes/operatorManifests';
import { crdErrors } from './operatorCrdSchemas';

const jarJob: OperatorJobSpec = {
  name: 'Orders_Enrichment v2',
  namespace: 'streaming',
  flinkVersion: '1.20',
  kind: 'application',
  image: 'registry.example.internal/orders:1.4.0',
  serviceAccount: 'flink',
  jarURI: 'local:///opt/flink/usrlib/orders.jar',
  entryClass: 'com.example.OrdersJob',
  args: ['--topic', 'orders'],
  parallelism: 4,
  savepointDirectory: 's3://bucket/savepoints/orders',
  checkpointDirectory: 's3://bucket/checkpoints/orders',
  taskSlots: 2,
  flinkConfiguration: { 'execution.checkpointing.interval': '30 s', 'state.backend.type': 'rocksdb' },
  jobManager: { memory: '2048m', cpu: 1 },
  taskManager: { memory: '4096m', cpu: 2, replicas: 2 },
  podTemplate: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod-template' },
    spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'TZ', value: 'UTC' }] }] },
  },
};

describe('operator manifests', () => {
  it('derives DNS-1123 names of at most 45 characters', () => {
    expect(kubernetesResourceName('Orders_Enrichment v2')).toBe('orders-enrichment-v2');
    expect(kubernetesResourceName('2nd job')).toBe('nd-job');
    expect(kubernetesResourceName('x'.repeat(80)).length).toBe(45);
    expect(() => kubernetesResourceName('___')).toThrow(/resource name/);
  });

  it('maps Flink versions to the CRD enum, newer ones to v2_2 with a warning', () => {
    expect(operatorFlinkVersion('1.20.3')).toBe('v1_20');
    expect(operatorFlinkVersion('2.2')).toBe('v2_2');
    const warnings: string[] = [];
    expect(operatorFlinkVersion('2.3', warnings)).toBe('v2_2');
    expect(warnings[0]).toMatch(/up to 2.2/);
    expect(() => operatorFlinkVersion('1.12')).toThrow(/does not support Flink 1.12/);
  });

  it('builds a FlinkDeployment for a jar job that the CRD accepts', () => {
    const { resource, documents, warnings } = buildOperatorManifests(jarJob);
    expect(documents).toEqual([resource]);
    expect(warnings).toEqual([]);
    expect(crdErrors(resource)).toEqual([]);
    expect(resource).toMatchObject({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      metadata: { name: 'orders-enrichment-v2', namespace: 'streaming' },
      spec: {
        image: 'registry.example.internal/orders:1.4.0',
        flinkVersion: 'v1_20',
        serviceAccount: 'flink',
        flinkConfiguration: {
          'execution.checkpointing.savepoint-dir': 's3://bucket/savepoints/orders',
          'execution.checkpointing.dir': 's3://bucket/checkpoints/orders',
          'taskmanager.numberOfTaskSlots': '2',
          'state.backend.type': 'rocksdb',
        },
        jobManager: { resource: { memory: '2048m', cpu: 1 } },
        taskManager: { resource: { memory: '4096m', cpu: 2 }, replicas: 2 },
        job: {
          jarURI: 'local:///opt/flink/usrlib/orders.jar',
          entryClass: 'com.example.OrdersJob',
          args: ['--topic', 'orders'],
          parallelism: 4,
          upgradeMode: 'savepoint',
          state: 'running',
        },
      },
    });
  });

  it('the CRD check rejects what the API server would reject', () => {
    const { resource } = buildOperatorManifests(jarJob);
    const spec = resource.spec as Record<string, Record<string, unknown>>;
    expect(crdErrors({ ...resource, spec: { ...spec, job: { ...spec.job, state: 'stopped' } } })).toEqual([
      '/spec/job/state must be equal to one of the allowed values',
    ]);
    expect(crdErrors({ ...resource, spec: { ...spec, job: { ...spec.job, savepointPath: '/x' } } })).toEqual([
      '/spec/job must NOT have additional properties (savepointPath)',
    ]);
    expect(crdErrors({ ...resource, spec: { ...spec, flinkVersion: 'v2_3' } })[0]).toMatch(/flinkVersion must be equal to one of/);
  });

  it('stop with savepoint suspends with upgradeMode savepoint', () => {
    const { resource } = suspendWithSavepoint({ ...jarJob, upgradeMode: 'stateless' });
    expect(crdErrors(resource)).toEqual([]);
    expect((resource.spec as { job: unknown }).job).toMatchObject({ state: 'suspended', upgradeMode: 'savepoint' });
  });

  it('restore sets initialSavepointPath and increments savepointRedeployNonce', () => {
    const first = restoreFromSavepoint(jarJob, 's3://bucket/savepoints/orders/savepoint-1a2b3c-0123456789ab', 0);
    expect(crdErrors(first.resource)).toEqual([]);
    expect((first.resource.spec as { job: unknown }).job).toMatchObject({
      state: 'running',
      upgradeMode: 'savepoint',
      initialSavepointPath: 's3://bucket/savepoints/orders/savepoint-1a2b3c-0123456789ab',
      savepointRedeployNonce: 1,
    });
    const again = restoreFromSavepoint(jarJob, 's3://bucket/savepoints/orders/savepoint-2', 7);
    expect((again.resource.spec as { job: { savepointRedeployNonce: number } }).job.savepointRedeployNonce).toBe(8);
    // Deployed nonce unknown: the Unix time, so the value surely changes.
    const unknown = restoreFromSavepoint(jarJob, 's3://bucket/savepoints/orders/savepoint-3', undefined, () => 1_795_000_000_500);
    expect((unknown.resource.spec as { job: { savepointRedeployNonce: number } }).job.savepointRedeployNonce).toBe(1_795_000_000);
    expect(crdErrors(unknown.resource)).toEqual([]);
    expect(() => restoreFromSavepoint(jarJob, '')).toThrow(/needs a savepoint path/);
  });

  it('builds a FlinkSessionJob on a session deployment', () => {
    const { resource } = buildOperatorManifests({
      name: 'clicks', flinkVersion: '2.2', kind: 'session-job', sessionDeploymentName: 'shared-session',
      jarURI: 'https://artifacts.example.internal/clicks-1.0.jar', parallelism: 2, flinkConfiguration: { 'pipeline.max-parallelism': 128 },
    });
    expect(crdErrors(resource)).toEqual([]);
    expect(resource).toMatchObject({ kind: 'FlinkSessionJob', spec: { deploymentName: 'shared-session', flinkConfiguration: { 'pipeline.max-parallelism': '128' } } });
    expect(() => buildOperatorManifests({ name: 'x', flinkVersion: '2.2', kind: 'session-job', jarURI: 'local:///a.jar' })).toThrow(/session FlinkDeployment/);
  });

  it('runs SQL jobs through a runner jar with the script in a mounted ConfigMap, keeping the user pod template', () => {
    const { documents, resource, warnings } = buildOperatorManifests({
      ...jarJob, jarURI: undefined, entryClass: undefined, args: [], flinkVersion: '2.3',
      sql: { script: 'CREATE TABLE t (x INT) WITH (\'connector\' = \'datagen\');\nINSERT INTO t2 SELECT * FROM t;\n', runnerJarURI: 'local:///opt/flink/usrlib/sql-runner.jar', runnerEntryClass: 'org.apache.flink.examples.SqlRunner' },
    });
    expect(warnings.some((w) => w.includes('up to 2.2'))).toBe(true);
    expect(documents.map((d) => d.kind)).toEqual(['ConfigMap', 'FlinkDeployment']);
    expect(documents[0]).toMatchObject({ metadata: { name: 'orders-enrichment-v2-sql' }, data: { 'job.sql': expect.stringContaining('INSERT INTO t2') } });
    expect(crdErrors(resource)).toEqual([]);
    const spec = resource.spec as { job: { args: string[]; jarURI: string }; podTemplate: { spec: { volumes: unknown[]; containers: { name: string; env?: unknown; volumeMounts: unknown[] }[] } } };
    expect(spec.job.jarURI).toBe('local:///opt/flink/usrlib/sql-runner.jar');
    expect(spec.job.args).toEqual(['/opt/flink/usrlib/sql/job.sql']);
    expect(spec.podTemplate.spec.volumes).toEqual([{ name: 'flink-pilot-sql', configMap: { name: 'orders-enrichment-v2-sql' } }]);
    expect(spec.podTemplate.spec.containers[0]).toMatchObject({ name: 'flink-main-container', env: [{ name: 'TZ', value: 'UTC' }], volumeMounts: [{ name: 'flink-pilot-sql', mountPath: '/opt/flink/usrlib/sql' }] });
    // The caller's template is not modified.
    expect((jarJob.podTemplate as { spec: { volumes?: unknown } }).spec.volumes).toBeUndefined();
  });

  it('warns when a stateful upgrade mode has no savepoint directory, and needs an image and a jar', () => {
    const bare: OperatorJobSpec = { name: 'bare', flinkVersion: '1.20', kind: 'application', image: 'flink:1.20', jarURI: 'local:///opt/flink/usrlib/a.jar' };
    expect(buildOperatorManifests(bare).warnings[0]).toMatch(/needs a savepoint directory/);
    expect(buildOperatorManifests({ ...bare, upgradeMode: 'stateless' }).warnings).toEqual([]);
    expect(() => buildOperatorManifests({ ...bare, image: undefined })).toThrow(/needs a container image/);
    expect(() => buildOperatorManifests({ ...bare, jarURI: undefined })).toThrow(/has no jar/);
  });

  it('builds a FlinkStateSnapshot savepoint for the job', () => {
    const snapshot = buildSavepointSnapshot(jarJob, { path: 's3://bucket/savepoints/orders', formatType: 'NATIVE', suffix: '20261125020000' });
    expect(crdErrors(snapshot)).toEqual([]);
    expect(snapshot).toMatchObject({
      kind: 'FlinkStateSnapshot',
      metadata: { name: 'orders-enrichment-v2-sp-20261125020000', namespace: 'streaming' },
      spec: { jobReference: { kind: 'FlinkDeployment', name: 'orders-enrichment-v2' }, savepoint: { path: 's3://bucket/savepoints/orders', formatType: 'NATIVE', disposeOnDelete: false, alreadyExists: false } },
    });
    const sessionSnapshot = buildSavepointSnapshot({ name: 'clicks', kind: 'session-job' });
    expect(crdErrors(sessionSnapshot)).toEqual([]);
    expect(sessionSnapshot.metadata.name).toMatch(/^clicks-sp-\d{14}$/);
  });

  it('writes multi-document YAML that reads back to the same documents', () => {
    const { documents } = buildOperatorManifests({ ...jarJob, sql: { script: 'SELECT 1;', runnerJarURI: 'local:///r.jar' } });
    const parsed = parseAllDocuments(manifestsToYaml(documents)).map((d) => d.toJSON());
    expect(parsed).toEqual(documents);
  });
});
