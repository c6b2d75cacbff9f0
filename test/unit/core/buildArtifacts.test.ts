// Which jar a build yields and which class it runs (jars and class files written byte by byte
// here), the build command's argument array, and the build cache key.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseShadedJar, describeArtifact, isSecondaryJar, selectJar, selectMainClass } from '../../../client/src/core/build/artifactSelection';
import { buildCommandFor } from '../../../client/src/core/build/buildCommand';
import { BuildCache, buildKey } from '../../../client/src/core/build/buildCache';
import { findMainClasses, mainClassOf } from '../../../client/src/core/build/mainClassScan';
import { parseProjectDefinition, type ProjectDefinition } from '../../../client/src/core/build/projectDefinition';
import { buildZip } from './zipFixture';

/** A minimal class file: `internalName` with one method `name descriptor` of the given access flags. */
function classFile(internalName: string, method: { name: string; descriptor: string; flags: number }, classFlags = 0x0021): Buffer {
  const parts: Buffer[] = [];
  const u1 = (v: number) => Buffer.from([v]);
  const u2 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
  const u4 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
  const utf8 = (s: string) => Buffer.concat([u1(1), u2(Buffer.byteLength(s)), Buffer.from(s)]);
  parts.push(u4(0xcafebabe), u2(0), u2(61));
  // #1 name, #2 Class #1, #3 Object, #4 Class #3, #5 method name, #6 descriptor, #7-#8 a long (two slots), #9 "Code", #10 a String #5
  const pool = [utf8(internalName), Buffer.concat([u1(7), u2(1)]), utf8('java/lang/Object'), Buffer.concat([u1(7), u2(3)]), utf8(method.name), utf8(method.descriptor), Buffer.concat([u1(5), u4(0), u4(42)]), utf8('Code'), Buffer.concat([u1(8), u2(5)])];
  parts.push(u2(11), ...pool);
  parts.push(u2(classFlags), u2(2), u2(4), u2(0));
  parts.push(u2(0)); // fields
  parts.push(u2(1), u2(method.flags), u2(5), u2(6), u2(1), u2(9), u4(1), u1(0));
  parts.push(u2(0)); // class attributes
  return Buffer.concat(parts);
}

const MAIN = { name: 'main', descriptor: '([Ljava/lang/String;)V', flags: 0x0009 };

function project(raw: Record<string, unknown>): ProjectDefinition {
  const parsed = parseProjectDefinition('p', raw);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

describe('main class detection', () => {
  it('finds public static void main(String[]) and nothing else', () => {
    expect(mainClassOf(classFile('com/acme/Job', MAIN))).toBe('com.acme.Job');
    expect(mainClassOf(classFile('com/acme/NotStatic', { ...MAIN, flags: 0x0001 }))).toBeUndefined();
    expect(mainClassOf(classFile('com/acme/WrongArgs', { ...MAIN, descriptor: '()V' }))).toBeUndefined();
    expect(mainClassOf(classFile('com/acme/Hidden', MAIN, 0x0020))).toBeUndefined();
    expect(mainClassOf(Buffer.from('not a class'))).toBeUndefined();
  });

  it('prefers the manifest, else offers the job classes with main (not shaded libraries)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-jar-'));
    const withManifest = join(dir, 'a.jar');
    writeFileSync(withManifest, buildZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nMain-Class: com.acme.Job\r\n' }, { name: 'com/acme/Job.class', data: classFile('com/acme/Job', MAIN) }]));
    expect(await selectMainClass(withManifest)).toEqual({ mainClass: 'com.acme.Job', mainClassSource: 'manifest', mainClassCandidates: [] });

    const without = join(dir, 'b.jar');
    writeFileSync(without, buildZip([
      { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\n' },
      { name: 'com/acme/OrdersJob.class', data: classFile('com/acme/OrdersJob', MAIN), deflate: true },
      { name: 'com/acme/BackfillJob.class', data: classFile('com/acme/BackfillJob', MAIN) },
      { name: 'com/acme/Util.class', data: classFile('com/acme/Util', { ...MAIN, name: 'helper' }) },
      { name: 'org/apache/commons/cli/Main.class', data: classFile('org/apache/commons/cli/Main', MAIN) },
    ]));
    expect(await findMainClasses(without)).toEqual(['com.acme.BackfillJob', 'com.acme.OrdersJob']);
    expect(await selectMainClass(without)).toEqual({ mainClassCandidates: ['com.acme.BackfillJob', 'com.acme.OrdersJob'] });
    expect(await selectMainClass(without, 'com.acme.OrdersJob')).toMatchObject({ mainClass: 'com.acme.OrdersJob', mainClassSource: 'configured' });
    await expect(selectMainClass(without, 'com.acme.Missing')).rejects.toThrow('not in b.jar');
    const described = await describeArtifact({ path: without, sizeBytes: 1 });
    expect(described.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('jar selection', () => {
  it('the shaded jar is the largest that is not original-, sources, javadoc or tests', () => {
    expect(isSecondaryJar('original-job-1.0.jar')).toBe(true);
    expect(isSecondaryJar('job-1.0-sources.jar')).toBe(true);
    expect(isSecondaryJar('job-1.0.jar')).toBe(false);
    expect(chooseShadedJar([
      { path: '/t/original-job-1.0.jar', sizeBytes: 9_000 },
      { path: '/t/job-1.0-sources.jar', sizeBytes: 50_000 },
      { path: '/t/job-1.0-javadoc.jar', sizeBytes: 60_000 },
      { path: '/t/job-1.0.jar', sizeBytes: 40_000 },
      { path: '/t/job-1.0-thin.jar', sizeBytes: 2_000 },
    ])?.path).toBe('/t/job-1.0.jar');
    expect(chooseShadedJar([{ path: '/t/original-x.jar', sizeBytes: 1 }])).toBeUndefined();
  });

  it('finds the configured jar by glob, and says what is there when nothing or several match', async () => {
    const buildDir = mkdtempSync(join(tmpdir(), 'fp-target-'));
    mkdirSync(join(buildDir, 'target'));
    writeFileSync(join(buildDir, 'target', 'orders-2.1.jar'), 'x'.repeat(10));
    writeFileSync(join(buildDir, 'target', 'orders-2.1-all.jar'), 'x'.repeat(100));
    const auto = await selectJar({ buildDir, outputDir: join(buildDir, 'target'), project: 'p' });
    expect(auto.ok && auto.value.path.endsWith('orders-2.1-all.jar')).toBe(true);
    const exact = await selectJar({ buildDir, outputDir: join(buildDir, 'target'), configured: 'target/orders-*1.jar', project: 'p' });
    expect(exact.ok && exact.value.path.endsWith('orders-2.1.jar')).toBe(true);
    const several = await selectJar({ buildDir, outputDir: join(buildDir, 'target'), configured: 'target/orders-*.jar', project: 'p' });
    expect(!several.ok && several.error.message).toContain('matches 2 jars');
    const none = await selectJar({ buildDir, outputDir: join(buildDir, 'target'), configured: 'target/payments.jar', project: 'p' });
    expect(!none.ok && none.error.detail).toContain('orders-2.1.jar');
    const empty = await selectJar({ buildDir, outputDir: join(buildDir, 'nothing'), project: 'p' });
    expect(!empty.ok && empty.error.code).toBe('artifact-not-found');
  });
});

describe('the build command', () => {
  function repo(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'fp-repo-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('is mvn -B package -DskipTests plus the project arguments, each literal, in the build directory', () => {
    const repoDir = repo({ 'jobs/orders/pom.xml': '<project/>' });
    const hostile = '-Dx=a; rm -rf / $(touch y)';
    const command = buildCommandFor(project({ url: 'https://h/r.git', directory: 'jobs/orders', buildArgs: ['-Pprod', hostile] }), { repoDir, workspaceRoot: repoDir });
    if (!command.ok) throw command.error;
    expect(command.value).toMatchObject({ tool: 'maven', command: 'mvn', cwd: join(repoDir, 'jobs/orders'), outputDir: join(repoDir, 'jobs/orders/target') });
    expect(command.value.args).toEqual(['-B', '--no-transfer-progress', '-Dstyle.color=never', 'package', '-DskipTests', '-Pprod', hostile]);
  });

  it('uses the pom path, the settings file and the Maven wrapper when present', () => {
    const repoDir = repo({ 'flink/pom-flink.xml': '<project/>', 'flink/mvnw': '#!/bin/sh\n', '.flink/settings.xml': '<settings/>' });
    const command = buildCommandFor(project({ url: 'https://h/r.git', pom: 'flink/pom-flink.xml', mavenSettings: '.flink/settings.xml' }), { repoDir, workspaceRoot: repoDir });
    if (!command.ok) throw command.error;
    expect(command.value.command).toBe(join(repoDir, 'flink/mvnw'));
    expect(command.value.args).toEqual(expect.arrayContaining(['-f', join(repoDir, 'flink/pom-flink.xml'), '-s', join(repoDir, '.flink/settings.xml')]));
    const missingSettings = buildCommandFor(project({ url: 'https://h/r.git', pom: 'flink/pom-flink.xml', mavenSettings: 'nope.xml' }), { repoDir, workspaceRoot: repoDir });
    expect(!missingSettings.ok && missingSettings.error.code).toBe('settings-missing');
  });

  it('builds with the Gradle wrapper when there is no pom, and refuses Gradle without a wrapper', () => {
    const repoDir = repo({ gradlew: '#!/bin/sh\n', 'build.gradle': '' });
    chmodSync(join(repoDir, 'gradlew'), 0o755);
    const command = buildCommandFor(project({ url: 'https://h/r.git' }), { repoDir, workspaceRoot: repoDir });
    if (!command.ok) throw command.error;
    expect(command.value).toMatchObject({ tool: 'gradle', command: join(repoDir, 'gradlew'), outputDir: join(repoDir, 'build/libs') });
    const noWrapper = buildCommandFor(project({ url: 'https://h/r.git', buildTool: 'gradle' }), { repoDir: repo({ 'build.gradle': '' }), workspaceRoot: repoDir });
    expect(!noWrapper.ok && noWrapper.error.code).toBe('no-gradle-wrapper');
    const nothing = buildCommandFor(project({ url: 'https://h/r.git' }), { repoDir: repo({ 'README.md': '' }), workspaceRoot: repoDir });
    expect(!nothing.ok && nothing.error.code).toBe('no-build-file');
    const missingDir = buildCommandFor(project({ url: 'https://h/r.git', directory: 'gone' }), { repoDir, workspaceRoot: repoDir });
    expect(!missingDir.ok && missingDir.error.code).toBe('build-dir-missing');
  });
});

describe('the build cache', () => {
  it('keys on commit, tool, arguments and layout', () => {
    const base = { commit: 'a'.repeat(40), tool: 'maven' as const, args: ['-B', 'package'] };
    const key = buildKey(base);
    expect(buildKey({ ...base })).toBe(key);
    expect(buildKey({ ...base, commit: 'b'.repeat(40) })).not.toBe(key);
    expect(buildKey({ ...base, args: ['-B', 'package', '-Pprod'] })).not.toBe(key);
    expect(buildKey({ ...base, directory: 'jobs/a' })).not.toBe(key);
    expect(buildKey({ ...base, settingsHash: 'x' })).not.toBe(key);
  });

  it('returns a stored build only while its kept jar is unchanged, and keeps the jar apart from target/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-cache-'));
    const jar = join(dir, 'built.jar');
    writeFileSync(jar, 'jar bytes');
    const checksum = createHash('sha256').update('jar bytes').digest('hex');
    const cache = new BuildCache(join(dir, 'project'));
    const stored = await cache.store({ key: 'k1', commit: 'c'.repeat(40), tool: 'maven', buildArgs: [], artifact: { path: jar, sizeBytes: 9, checksum, mainClassCandidates: [] }, builtAt: new Date().toISOString(), durationMs: 1 });
    expect(stored.artifact.path).not.toBe(jar);
    expect((await cache.find('k1'))?.artifact.checksum).toBe(checksum);
    expect(await cache.find('other')).toBeUndefined();
    writeFileSync(stored.artifact.path, 'tampered');
    expect(await cache.find('k1')).toBeUndefined();
  });
});
