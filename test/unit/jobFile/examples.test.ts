// Every example job file (each mode, both job types) and cluster definitions file is valid: no
// diagnostics at all, and the core loader turns it into a model with its SQL resolved.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { durationMs, loadJobFile, flinkConfigStrings, jobVariables, parseJobFileText, JOB_MODES } from '../../../client/src/core/jobs/jobFile';
import { loadClusterDefinitions } from '../../../client/src/core/jobs/clusterDefinitions';
import { createJobFileLanguageFeatures } from '../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { demoDir, fixturesDir, jobsDir } from './support';

const jobFiles = [
  ...readdirSync(jobsDir).filter((n) => n.endsWith('.flink.yaml')).map((n) => join(jobsDir, n)),
  join(demoDir, 'demo.flink.yaml'),
];

describe('example job files', () => {
  const features = createJobFileLanguageFeatures({ workspaceFolders: [fixturesDir] });

  it.each(jobFiles)('%s has no diagnostics', (path) => {
    const document = TextDocument.create(pathToFileURL(path).href, 'flink-job-yaml', 1, readFileSync(path, 'utf8'));
    expect(features.diagnostics(document)).toEqual([]);
  });

  it.each([join(jobsDir, '.flink/clusters.yaml'), join(demoDir, '.flink/clusters.yaml')])('%s has no diagnostics', (path) => {
    const document = TextDocument.create(pathToFileURL(path).href, 'yaml', 1, readFileSync(path, 'utf8'));
    expect(features.diagnostics(document)).toEqual([]);
  });

  it('cover every mode and both job types', () => {
    const loaded = jobFiles.map((path) => loadJobFile(path));
    const jobs = loaded.map((result) => {
      if (!result.ok) throw result.error;
      return result.value;
    });
    expect(new Set(jobs.map((job) => job.mode))).toEqual(new Set(JOB_MODES));
    expect(new Set(jobs.map((job) => job.job.type))).toEqual(new Set(['sql', 'jar']));
  });

  it('loads the demo job with its SQL file and variables', () => {
    const result = loadJobFile(join(demoDir, 'demo.flink.yaml'));
    if (!result.ok) throw result.error;
    const { job, sql, mode } = result.value;
    expect(job.name).toBe('flink-pilot-demo');
    expect(job.flinkVersion).toBe('2.3');
    expect(mode).toBe('remote');
    expect(sql?.path).toBe(join(demoDir, 'demo.flink.sql'));
    expect(sql?.text).toContain('GROUP BY user_id');
    expect(jobVariables(job)).toEqual({ rowsPerSecond: '5' });
    expect(flinkConfigStrings(job.config)['execution.checkpointing.interval']).toBe('10 s');
  });

  it('loads inline SQL and turns YAML lists and maps into Flink text', () => {
    const inline = loadJobFile(join(jobsDir, 'inline-sql.flink.yaml'));
    if (!inline.ok) throw inline.error;
    expect(inline.value.sql?.path).toBeUndefined();
    expect(inline.value.sql?.text).toContain("'connector' = 'blackhole'");
    const full = loadJobFile(join(jobsDir, 'full-reference.flink.yaml'));
    if (!full.ok) throw full.error;
    const config = flinkConfigStrings(full.value.job.config);
    expect(config['pipeline.global-job-parameters']).toBe('env:prod,region:eu-west-1');
    expect(config['state.backend.rocksdb.compression.per.level']).toBe('NO_COMPRESSION;LZ4_COMPRESSION');
    expect(config['execution.checkpointing.incremental']).toBe('true');
  });

  it('loads plain numbers of Durations and MemorySizes as Flink text and keeps the version as written', () => {
    const parsed = parseJobFileText('name: n\ntype: sql\nflinkVersion: 1.20\ncluster: local\nsql: SELECT 1;\nsavepoints: { timeout: 60000 }\nresources: { taskManager: { memory: 1073741824 } }\n', join(jobsDir, 'n.flink.yaml'));
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.job.flinkVersion).toBe('1.20');
    expect(parsed.value.job.savepoints?.timeout).toBe('60000 ms');
    expect(durationMs(parsed.value.job.savepoints?.timeout, 0)).toBe(60_000);
    expect(parsed.value.job.resources?.taskManager?.memory).toBe('1073741824 b');
  });

  it('loads the cluster definitions', () => {
    const result = loadClusterDefinitions(jobsDir);
    if (!result.ok) throw result.error;
    expect(result.value.clusters.map((c) => c.name)).toEqual(['local', 'prod-standalone', 'yarn-prod', 'k8s-prod']);
    expect(result.value.clusters[1]!.auth).toEqual({ type: 'token', secret: 'prod-flink-token' });
  });

  it('gives a SQL file the version and variables of the job file that references it', () => {
    const context = features.sqlFileContext(pathToFileURL(join(demoDir, 'demo.flink.sql')).href);
    expect(context).toEqual({ flinkVersion: '2.3', variables: { rowsPerSecond: '5' }, jobFileUri: pathToFileURL(join(demoDir, 'demo.flink.yaml')).href });
    expect(features.sqlFileContext(pathToFileURL(join(demoDir, 'nothing.flink.sql')).href)).toBeUndefined();
  });
});
