import { describe, expect, it } from 'vitest';
import type { LoadedJobFile } from '../../../../client/src/core/jobs/jobFile';
import { inlineSqlOrigin, jobSpecFromJobFile } from '../../../../client/src/core/jobs/jobSpec';
import { restoreSourceOf } from '../../../../client/src/core/jobs/jobService';

const sqlFile: LoadedJobFile = {
  path: '/ws/jobs/orders.flink.yaml',
  mode: 'remote',
  warnings: [],
  sql: { text: 'INSERT INTO a SELECT 1;', path: '/ws/jobs/orders.flink.sql' },
  job: {
    name: 'orders',
    type: 'sql',
    flinkVersion: '2.3',
    sql: 'orders.flink.sql',
    parallelism: 2,
    config: { 'execution.checkpointing.interval': '30 s', 'pipeline.jars': ['a.jar', 'b.jar'], 'table.exec.mini-batch.enabled': true },
    dependencies: { maven: ['org.apache.commons:commons-text:1.12.0', { coordinates: 'g:a:1', exclusions: ['x:y'] }], jars: ['lib/udf.jar'] },
    savepoints: { directory: 'file:///sp', stopMode: 'drain', format: 'native', timeout: '90 s' },
    restore: { from: 'latest-checkpoint', allowNonRestoredState: true, claimMode: 'claim' },
    variables: { rate: 10, topic: 'orders' },
  },
};

describe('job spec from a job file', () => {
  it('applies paths, defaults, option text and durations', () => {
    const spec = jobSpecFromJobFile(sqlFile);
    if (!spec.ok) throw spec.error;
    expect(spec.value).toMatchObject({
      name: 'orders',
      type: 'sql',
      flinkVersion: '2.3',
      sql: { text: 'INSERT INTO a SELECT 1;', path: '/ws/jobs/orders.flink.sql' },
      config: { 'execution.checkpointing.interval': '30 s', 'pipeline.jars': 'a.jar;b.jar', 'table.exec.mini-batch.enabled': 'true', 'parallelism.default': '2' },
      dependencies: { maven: [{ coordinates: 'org.apache.commons:commons-text:1.12.0' }, { coordinates: 'g:a:1', exclusions: ['x:y'] }], jars: ['/ws/jobs/lib/udf.jar'] },
      savepoints: { directory: 'file:///sp', stopMode: 'drain', format: 'native', timeoutMs: 90_000 },
      restore: { from: 'latest-checkpoint', allowNonRestoredState: true, claimMode: 'claim' },
      variables: { rate: '10', topic: 'orders' },
    });
  });

  it('resolves local savepoint paths against the job file and keeps URIs', () => {
    const spec = jobSpecFromJobFile({ ...sqlFile, job: { ...sqlFile.job, savepoints: { directory: 'state/savepoints' }, restore: { from: 'path', path: 's3://bucket/sp-1' } } });
    expect(spec.ok && [spec.value.savepoints.directory, spec.value.restore.path]).toEqual(['/ws/jobs/state/savepoints', 's3://bucket/sp-1']);
  });

  it('uses defaults when the file says nothing', () => {
    const spec = jobSpecFromJobFile({ ...sqlFile, job: { name: 'x', type: 'sql', flinkVersion: '1.20', sql: 'x.sql' } });
    if (!spec.ok) throw spec.error;
    expect(spec.value.savepoints).toEqual({ directory: undefined, stopMode: 'savepoint', format: 'canonical', timeoutMs: 600_000 });
    expect(spec.value.restore).toEqual({ from: 'latest-savepoint', path: undefined, allowNonRestoredState: false, claimMode: 'no_claim' });
  });

  it('asks for a build when a jar job names only a Git project', () => {
    const spec = jobSpecFromJobFile({ path: '/ws/j.flink.yaml', mode: 'remote', warnings: [], job: { name: 'j', type: 'jar', flinkVersion: '2.3', jar: { project: { url: 'file:///repo' } } } });
    expect(!spec.ok && spec.error.code).toBe('needs-build');
    const built = jobSpecFromJobFile({ path: '/ws/j.flink.yaml', mode: 'remote', warnings: [], job: { name: 'j', type: 'jar', flinkVersion: '2.3', jar: { project: { url: 'file:///repo' }, args: ['--a'] } } }, { builtJarPath: '/b/j.jar' });
    expect(built.ok && built.value.jar).toEqual({ path: '/b/j.jar', maven: undefined, entryClass: undefined, args: ['--a'] });
  });

  it('finds where inline SQL starts in the YAML', () => {
    expect(inlineSqlOrigin('x', 'name: a\ntype: sql\nsql: |\n\n  CREATE TABLE t (a INT);\n  INSERT INTO t SELECT 1;\n')).toEqual({ line: 5, indent: 2 });
    expect(inlineSqlOrigin('x', 'name: a\nsql: a.sql\n')).toBeUndefined();
  });

  it('maps the restore block to a restore source', () => {
    const spec = jobSpecFromJobFile(sqlFile);
    if (!spec.ok) throw spec.error;
    const ctx = { jobFilePath: 'j', cluster: { name: 'c', restUrl: 'http://127.0.0.1:1' }, job: spec.value };
    expect(restoreSourceOf(ctx)).toEqual({ kind: 'latest-checkpoint' });
    expect(restoreSourceOf({ ...ctx, job: { ...spec.value, restore: { ...spec.value.restore, from: 'path', path: '/sp/1' } } })).toEqual({ kind: 'path', path: '/sp/1' });
    expect(restoreSourceOf({ ...ctx, job: { ...spec.value, restore: { ...spec.value.restore, from: 'none' } } })).toEqual({ kind: 'latest-savepoint' });
  });
});
