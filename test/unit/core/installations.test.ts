import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlinkPilotError } from '../../../client/src/core/errors';
import {
  assertClusterVersion,
  candidatesFromConfigFile,
  checkClusterVersion,
  collectInstallationCandidates,
  compareFlinkVersions,
  detectInstallationVersion,
  parseFlinkVersion,
  parseManifest,
  readZipEntry,
  scanInstallations,
  selectInstallation,
  tryParseFlinkVersion,
  versionFromCliOutput,
  versionFromDistJarName,
  versionMatches,
} from '../../../client/src/core/installations';
import { buildZip } from './zipFixture';

const MANIFEST = 'Manifest-Version: 1.0\r\nImplementation-Title: Flink : Dist\r\nImplementation-Version: 1.19.2\r\n\r\nName: some/entry\r\nImplementation-Version: 9.9\r\n';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fp-installations-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeFlinkHome(name: string, distJarName: string, jar: Buffer = buildZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }])): Promise<string> {
  const home = join(root, name);
  await mkdir(join(home, 'lib'), { recursive: true });
  await writeFile(join(home, 'lib', distJarName), jar);
  await writeFile(join(home, 'lib', 'flink-table-runtime-0.0.1.jar'), 'not read');
  return home;
}

describe('Flink versions', () => {
  it('parses lines, releases, qualifiers and operator spellings', () => {
    expect(parseFlinkVersion('1.20')).toMatchObject({ major: 1, minor: 20, patch: undefined });
    expect(parseFlinkVersion('2.3.0')).toMatchObject({ major: 2, minor: 3, patch: 0 });
    expect(parseFlinkVersion('2.3-SNAPSHOT')).toMatchObject({ major: 2, minor: 3, qualifier: 'SNAPSHOT' });
    expect(parseFlinkVersion('v1_20')).toMatchObject({ major: 1, minor: 20 });
    expect(tryParseFlinkVersion('latest')).toBeUndefined();
    expect(() => parseFlinkVersion('one.twenty')).toThrow(/not a Flink version/);
  });

  it('a line matches every release of the line, a release only itself', () => {
    expect(versionMatches(parseFlinkVersion('1.20'), parseFlinkVersion('1.20.3'))).toBe(true);
    expect(versionMatches(parseFlinkVersion('1.20.3'), parseFlinkVersion('1.20.3'))).toBe(true);
    expect(versionMatches(parseFlinkVersion('1.20.1'), parseFlinkVersion('1.20.3'))).toBe(false);
    expect(versionMatches(parseFlinkVersion('1.2'), parseFlinkVersion('1.20.3'))).toBe(false);
    expect(versionMatches(parseFlinkVersion('2.3'), parseFlinkVersion('1.20.3'))).toBe(false);
  });

  it('orders versions', () => {
    const sorted = ['2.3.0', '1.20.3', '1.9.1', '1.20.10', '1.20'].map(parseFlinkVersion).sort(compareFlinkVersions).map((v) => v.text);
    expect(sorted).toEqual(['1.9.1', '1.20', '1.20.3', '1.20.10', '2.3.0']);
  });
});

describe('version of an installation', () => {
  it('reads the version from the flink-dist jar name (with and without Scala suffix)', () => {
    expect(versionFromDistJarName('flink-dist-1.20.3.jar')?.text).toBe('1.20.3');
    expect(versionFromDistJarName('flink-dist_2.12-1.14.6.jar')?.text).toBe('1.14.6');
    expect(versionFromDistJarName('flink-dist-2.3-SNAPSHOT.jar')?.qualifier).toBe('SNAPSHOT');
    expect(versionFromDistJarName('flink-dist.jar')).toBeUndefined();
  });

  it('reads `bin/flink --version` output', () => {
    expect(versionFromCliOutput('Version: 1.20.3, Commit ID: 01e3a6d')?.text).toBe('1.20.3');
    expect(versionFromCliOutput('Error: JAVA_HOME is not set')).toBeUndefined();
  });

  it('uses the file name first', async () => {
    const home = await fakeFlinkHome('a', 'flink-dist-1.20.3.jar');
    const detected = await detectInstallationVersion(home, { allowCli: false });
    expect(detected).toMatchObject({ source: 'dist-jar-name', version: { major: 1, minor: 20, patch: 3 } });
  });

  it.each([
    ['stored', false, false],
    ['deflated', true, false],
    ['zip64', true, true],
  ])('falls back to the manifest of a renamed dist jar (%s entry)', async (_label, deflate, zip64) => {
    const jar = buildZip([
      { name: 'META-INF/', data: '' },
      { name: 'META-INF/MANIFEST.MF', data: MANIFEST, deflate },
      { name: 'org/apache/flink/Dummy.class', data: Buffer.alloc(300, 7), deflate },
    ], { zip64 });
    const home = await fakeFlinkHome('b', 'flink-dist-vendor-build.jar', jar);
    const detected = await detectInstallationVersion(home, { allowCli: false });
    expect(detected.source).toBe('dist-jar-manifest');
    expect(detected.version.text).toBe('1.19.2');
  });

  it('reads an entry and reports a missing one as undefined', async () => {
    const path = join(root, 'x.jar');
    await writeFile(path, buildZip([{ name: 'a.txt', data: 'hello', deflate: true }, { name: 'b.txt', data: 'world' }]));
    expect((await readZipEntry(path, 'b.txt'))?.toString()).toBe('world');
    expect((await readZipEntry(path, 'a.txt'))?.toString()).toBe('hello');
    expect(await readZipEntry(path, 'c.txt')).toBeUndefined();
  });

  it('rejects a file that is no zip', async () => {
    const path = join(root, 'broken.jar');
    await writeFile(path, 'this is not a zip file at all');
    await expect(readZipEntry(path, 'META-INF/MANIFEST.MF')).rejects.toThrow(/not a readable zip/);
  });

  it('keeps the main section of a manifest, with continuation lines', () => {
    const attributes = parseManifest('Implementation-Version: 1.2\nLong-Value: abc\n def\n\nName: x\nImplementation-Version: 7\n');
    expect(attributes.get('Implementation-Version')).toBe('1.2');
    expect(attributes.get('Long-Value')).toBe('abcdef');
  });

  it('explains why the version is unknown', async () => {
    const home = join(root, 'empty');
    await mkdir(home);
    const error = await detectInstallationVersion(home, { allowCli: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlinkPilotError);
    expect((error as FlinkPilotError).code).toBe('installation-version-unknown');
    expect((error as FlinkPilotError).detail).toContain('no lib/flink-dist');
    await expect(detectInstallationVersion(join(root, 'missing'))).rejects.toThrow(/does not exist/);
  });
});

describe('choosing an installation', () => {
  it('collects settings, config file, FLINK_HOME in that order and reads relative paths from the config file', async () => {
    const configFile = join(root, 'config.yaml');
    await writeFile(configFile, 'flinkHomes:\n  team-1.20: ./flink-1.20.1\n  ignored: 42\n');
    const candidates = await collectInstallationCandidates({
      settings: { 'prod-1.20': '/opt/flink-1.20.0' },
      configFile,
      env: { FLINK_HOME: '/usr/lib/flink' },
      localCacheDir: null,
    });
    expect(candidates).toEqual([
      { name: 'prod-1.20', flinkHome: '/opt/flink-1.20.0', origin: 'settings' },
      { name: 'team-1.20', flinkHome: join(root, 'flink-1.20.1'), origin: 'config-file' },
      { name: 'FLINK_HOME', flinkHome: '/usr/lib/flink', origin: 'env' },
    ]);
  });

  it('reports a malformed config file', async () => {
    const configFile = join(root, 'config.yaml');
    await writeFile(configFile, 'flinkHomes: [unclosed\n');
    await expect(candidatesFromConfigFile(configFile)).rejects.toThrow(/not valid YAML/);
    await writeFile(configFile, 'flinkHomes: [a, b]\n');
    await expect(candidatesFromConfigFile(configFile)).rejects.toThrow(/must be a map/);
  });

  it('picks the configured installation of the job version, the newest patch within a source, and lists what it found otherwise', async () => {
    const h1 = await fakeFlinkHome('f1201', 'flink-dist-1.20.1.jar');
    const h2 = await fakeFlinkHome('f1203', 'flink-dist-1.20.3.jar');
    const h3 = await fakeFlinkHome('f230', 'flink-dist-2.3.0.jar');
    const h4 = await fakeFlinkHome('cache1205', 'flink-dist-1.20.5.jar');
    const scan = await scanInstallations([
      { name: 'old', flinkHome: h1, origin: 'settings' },
      { name: 'new', flinkHome: h2, origin: 'settings' },
      { name: 'two', flinkHome: h3, origin: 'config-file' },
      { name: 'again', flinkHome: h3, origin: 'env' },
      { name: 'local-1.20.5', flinkHome: h4, origin: 'local-installer' },
      { name: 'gone', flinkHome: join(root, 'nothing'), origin: 'settings' },
    ], { allowCli: false });
    expect(scan.installations.map((i) => i.name)).toEqual(['old', 'new', 'two', 'local-1.20.5']);
    expect(scan.problems.map((p) => p.candidate.name)).toEqual(['gone']);

    expect(selectInstallation(scan, '1.20').name).toBe('new');
    expect(selectInstallation(scan, '1.20.5').name).toBe('local-1.20.5');
    expect(selectInstallation(scan, '2.3').name).toBe('two');
    expect(selectInstallation(scan, '1.20', { preferredName: 'old' }).name).toBe('old');
    expect(() => selectInstallation(scan, '2.3', { preferredName: 'old' })).toThrow(/"old" is Flink 1.20.1, but the job needs Flink 2.3/);

    const error = (() => {
      try {
        selectInstallation(scan, '2.2', { installHint: 'Or run `flink-pilot local start --flink 2.3`.' });
      } catch (e) {
        return e as FlinkPilotError;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toBe('No Flink 2.2 installation found.');
    expect(error.code).toBe('installation-not-found');
    expect(error.detail).toContain('two (2.3.0, config-file');
    expect(error.detail).toContain('gone: The Flink installation');
    expect(error.hint).toContain('flinkPilot.flinkHomes');
  });
});

describe('cluster version check', () => {
  const target = { clusterName: 'prod', restUrl: 'https://flink.example.internal:8081' };

  it('accepts a cluster of the job line', () => {
    expect(checkClusterVersion('1.20', { 'flink-version': '1.20.3' }, target)).toEqual({ ok: true, clusterVersion: '1.20.3' });
    expect(assertClusterVersion('2.3.0', { 'flink-version': '2.3.0' }, target)).toBe('2.3.0');
  });

  it('names both versions, the cluster and the fix on a mismatch', () => {
    const result = checkClusterVersion('1.20', { 'flink-version': '2.3.0' }, target);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.clusterVersion).toBe('2.3.0');
    expect(result.error.code).toBe('version-mismatch');
    expect(result.error.message).toBe('Version mismatch: the job needs Flink 1.20, but the cluster "prod" (https://flink.example.internal:8081) runs Flink 2.3.0.');
    expect(result.error.hint).toContain('flinkVersion: "2.3"');
    expect(() => assertClusterVersion('1.20', { 'flink-version': '2.3.0' }, target)).toThrow(FlinkPilotError);
  });

  it('reports a cluster that does not say its version', () => {
    const result = checkClusterVersion('1.20', {}, { clusterName: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cluster-version-unknown');
  });
});
