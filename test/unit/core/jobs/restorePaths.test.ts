import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestCheckpointInDirectory } from '../../../../client/src/core/jobs/restore';
import { normalizeSnapshotPath, sameSnapshot } from '../../../../client/src/core/jobs/snapshotPaths';
import { dependencyPom, parseCoordinates } from '../../../../client/src/core/jobs/mavenDependencies';
import { programArguments } from '../../../../client/src/core/jobs/jarSubmission';

describe('snapshot paths', () => {
  it('treats file: URIs, plain paths and _metadata files as the same snapshot', () => {
    expect(normalizeSnapshotPath('file:/a/b/savepoint-1/')).toBe('/a/b/savepoint-1');
    expect(sameSnapshot('file:///a/b/chk-3/_metadata', '/a/b/chk-3')).toBe(true);
    expect(sameSnapshot('file:/a/b/chk-3', 'file:/a/b/chk-4')).toBe(false);
    expect(normalizeSnapshotPath('s3://bucket/sp-1/')).toBe('s3://bucket/sp-1');
  });

  it('finds the newest complete checkpoint in a checkpoint directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-chk-'));
    const job = 'a'.repeat(32);
    for (const id of [3, 12, 14]) mkdirSync(join(dir, job, `chk-${id}`), { recursive: true });
    writeFileSync(join(dir, job, 'chk-3', '_metadata'), 'x');
    writeFileSync(join(dir, job, 'chk-12', '_metadata'), 'x');
    // chk-14 has no _metadata yet: an in-flight checkpoint is no restore point.
    expect(await latestCheckpointInDirectory(`file:${dir}`, job)).toBe(join(dir, job, 'chk-12'));
    expect(await latestCheckpointInDirectory(dir, 'b'.repeat(32))).toBeUndefined();
    expect(await latestCheckpointInDirectory('hdfs:///checkpoints', job)).toBeUndefined();
  });
});

describe('Maven dependencies', () => {
  it('parses coordinates in Maven order and rejects others', () => {
    expect(parseCoordinates('org.apache.flink:flink-connector-kafka:3.3.0-1.20')).toEqual({ groupId: 'org.apache.flink', artifactId: 'flink-connector-kafka', version: '3.3.0-1.20' });
    expect(parseCoordinates('g:a:jar:tests:1')).toEqual({ groupId: 'g', artifactId: 'a', type: 'jar', classifier: 'tests', version: '1' });
    expect(parseCoordinates('g:a')).toBeUndefined();
    expect(parseCoordinates('g:a:<1>')).toBeUndefined();
  });

  it('writes a pom with exclusions that Maven resolves transitively', () => {
    const pom = dependencyPom([{ coordinates: 'org.apache.commons:commons-text:1.12.0', exclusions: ['org.apache.commons:commons-lang3'] }]);
    expect(pom).toContain('<artifactId>commons-text</artifactId>');
    expect(pom).toContain('<exclusion><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId></exclusion>');
    expect(() => dependencyPom([{ coordinates: 'nonsense' }])).toThrow(/not a Maven coordinate/);
  });
});

describe('program arguments', () => {
  it('substitutes variables and names the argument with an undefined one', () => {
    expect(programArguments(['--in', '${src}'], { src: 'kafka' })).toEqual({ ok: true, value: ['--in', 'kafka'] });
    const failed = programArguments(['--in', '${nope}'], {});
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error.message).toContain('args[1]');
  });
});

describe('web UI links', () => {
  it('never carry credentials from the address', async () => {
    const { jobWebUrl } = await import('../../../../client/src/core/jobs/clusterClients');
    expect(jobWebUrl({ name: 'c', restUrl: 'https://user:pw@127.0.0.1:8081/' }, 'ab')).toBe('https://127.0.0.1:8081/#/job/running/ab/overview');
    expect(jobWebUrl({ name: 'c', restUrl: 'http://127.0.0.1:8081' }, 'ab')).toBe('http://127.0.0.1:8081/#/job/running/ab/overview');
  });
});
