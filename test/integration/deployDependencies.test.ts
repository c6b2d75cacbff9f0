// Dependencies of SQL jobs resolved by real Maven WITH their transitive dependencies (StreamPark
// stops at the first level) into a local cache, then added to the gateway session with ADD JAR.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { resolveMavenDependencies } from '../../client/src/core/jobs/mavenDependencies';
import { stopJob, submitJob } from '../../client/src/core/jobs/jobService';
import { AGGREGATION_SQL, cancelJobsNamed, jobContext, sqlJob, uniqueName } from './deploySupport';

const clusters = inject('flinkClusters');
const cacheDir = mkdtempSync(join(tmpdir(), 'fp-maven-cache-'));

describe('Maven dependencies of SQL jobs', () => {
  afterAll(async () => {
    await cancelJobsNamed(clusters['2.3']!, 'fp-it-deps');
  });

  it('resolves transitive dependencies, honours exclusions and caches the result', async () => {
    const steps: string[] = [];
    const jars = await resolveMavenDependencies([{ coordinates: 'org.apache.commons:commons-text:1.12.0' }], { cacheDir, onProgress: (s) => steps.push(s) });
    const names = jars.map((j) => basename(j));
    expect(names).toContain('commons-text-1.12.0.jar');
    // commons-lang3 comes only transitively.
    expect(names.some((n) => /^commons-lang3-3\.\d+.*\.jar$/.test(n))).toBe(true);
    expect(steps).toHaveLength(1);

    const again: string[] = [];
    expect(await resolveMavenDependencies([{ coordinates: 'org.apache.commons:commons-text:1.12.0' }], { cacheDir, onProgress: (s) => again.push(s) })).toEqual(jars);
    expect(again).toEqual([]);

    const excluded = await resolveMavenDependencies([{ coordinates: 'org.apache.commons:commons-text:1.12.0', exclusions: ['org.apache.commons:commons-lang3'] }], { cacheDir });
    expect(excluded.map((j) => basename(j))).toEqual(['commons-text-1.12.0.jar']);
  });

  it('reports an artifact that does not exist, naming the Maven command', async () => {
    await expect(resolveMavenDependencies([{ coordinates: 'org.apache.commons:commons-text:0.0.0-does-not-exist' }], { cacheDir })).rejects.toThrow(/Resolving Maven dependencies failed: `mvn/);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
  });

  it('submits a SQL job whose session got the jars with ADD JAR', async () => {
    const cluster = clusters['2.3']!;
    const ctx = jobContext(cluster, sqlJob(uniqueName('deps'), '2.3', AGGREGATION_SQL, { variables: { rate: '5' }, dependencies: { maven: [{ coordinates: 'org.apache.commons:commons-text:1.12.0' }], jars: [] } }));
    ctx.dependencyCacheDir = cacheDir;
    const steps: string[] = [];
    ctx.onProgress = (s) => steps.push(s);
    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    expect(steps.filter((s) => s.startsWith('ADD JAR ')).map((s) => basename(s.slice(8)))).toEqual(expect.arrayContaining(['commons-text-1.12.0.jar']));
    expect(steps.filter((s) => s.startsWith('ADD JAR ')).length).toBeGreaterThanOrEqual(2);
    const cancelled = await stopJob(ctx, { mode: 'cancel' });
    expect(cancelled.ok).toBe(true);
  });
});
