// Jar jobs built from Git with real parts: a bare repository made here holding the stateful
// fixture job in commits v1, v2 and a broken branch, served as file://, by `git daemon` and by
// `git http-backend` behind a token-checking HTTP server; real Maven; the shared real Flink
// clusters. Build v1 → submit → RUNNING → upgrade to v2 (stop with savepoint → restore the v2 jar
// from it) → Flink reports that savepoint as the restore point. Plus the failures: compile error,
// wrong ref, authentication, shell metacharacters in build arguments, and no token in any output.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { freePort } from '../../client/src/core/local/freePort';
import { FlinkPilotError, describeError } from '../../client/src/core/errors';
import { environmentSecretResolver, type SecretResolver } from '../../client/src/core/build/gitCredentials';
import { pullProject } from '../../client/src/core/build/gitRepository';
import { buildJobFileProject, hasProject } from '../../client/src/core/build/jobFileProject';
import { BuildFailedError, runBuild } from '../../client/src/core/build/mavenBuild';
import { JobHistoryStore } from '../../client/src/core/history/jobHistory';
import { loadJobFile } from '../../client/src/core/jobs/jobFile';
import { buildProject, type ProjectBuildRequest } from '../../client/src/core/build/projectBuild';
import { parseProjectDefinition, type ProjectDefinition } from '../../client/src/core/build/projectDefinition';
import { submitProjectJob, upgradeProjectJob } from '../../client/src/core/build/projectDeployment';
import type { JobSpec } from '../../client/src/core/jobs/jobService';
import { cancelJobsNamed, jobContext } from './deploySupport';
import { createFixtureRepository, startAuthenticatedGitHttpServer, startGitDaemon, type AuthHttpServer, type FixtureRepository, type RunningServer } from './support/gitTestServers';

const clusters = inject('flinkClusters');
/**
 * Job names of this file: a prefix of its own, because the clusters are shared and other files
 * cancel every running `fp-it-*` job when they finish.
 */
const JOB_PREFIX = 'fp-gitbuild-';
const jobName = (base: string) => `${JOB_PREFIX}${base}-${Date.now().toString(36)}`;
const TOKEN = 'fp-test-token-7f3a9c1e5b2d4068';
const noSecrets: SecretResolver = async () => undefined;

let root: string;
let repo: FixtureRepository;
let daemon: RunningServer;
let privateServer: AuthHttpServer;
let cacheDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'fp-gitbuild-'));
  cacheDir = join(root, 'build-cache');
  repo = await createFixtureRepository(root);
  daemon = await startGitDaemon(repo.servedDir);
  privateServer = await startAuthenticatedGitHttpServer(repo.servedDir, TOKEN);
});

afterAll(async () => {
  await daemon?.stop();
  await privateServer?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

function project(name: string, raw: Record<string, unknown>): ProjectDefinition {
  const parsed = parseProjectDefinition(name, raw);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

function request(p: ProjectDefinition, extra: Partial<ProjectBuildRequest> = {}): ProjectBuildRequest & { lines: string[] } {
  const lines: string[] = [];
  return { project: p, workspaceRoot: root, trusted: true, resolveSecret: noSecrets, cacheDir, onLine: (l) => lines.push(l), lines, ...extra };
}

function fileUrl(): string {
  return `file://${repo.bareDir}`;
}

function jarJobSpec(name: string, flinkVersion: string): JobSpec {
  return {
    name,
    type: 'jar',
    flinkVersion,
    jar: { args: ['--name', name, '--rate', '20', '--checkpoint-interval', '0'] },
    parallelism: 1,
    config: {},
    dependencies: { maven: [], jars: [] },
    savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 60_000 },
    restore: { from: 'latest-savepoint', allowNonRestoredState: false, claimMode: 'no_claim' },
    variables: {},
  };
}

/** The count of the first `<label> key-N count=C` line printed after `offset` in the TaskManager's stdout. */
async function firstPrintedCount(file: string, offset: number, label: string): Promise<number | undefined> {
  const pattern = new RegExp(`^${label} key-\\d+ count=(\\d+)$`, 'm');
  for (let attempt = 0; attempt < 60; attempt++) {
    if (existsSync(file)) {
      const match = pattern.exec(readFileSync(file).subarray(offset).toString('utf8'));
      if (match) return Number(match[1]);
    }
    await sleep(500);
  }
  return undefined;
}

describe('pull', () => {
  it('fetches a tag over file:// and a branch over git daemon, reporting the commit to build', async () => {
    const overFile = await pullProject({ project: project('pull-file', { url: fileUrl(), ref: 'v1' }), credentials: { kind: 'none' }, cacheDir });
    if (!overFile.ok) throw overFile.error;
    expect(overFile.value.commit).toBe(repo.commits.v1);
    expect(overFile.value.subject).toBe('Stateful counter v1');
    expect(existsSync(join(overFile.value.repoDir, 'pom.xml'))).toBe(true);

    const overDaemon = await pullProject({ project: project('pull-daemon', { url: `${daemon.url}/stateful-job.git`, branch: 'main' }), credentials: { kind: 'none' }, cacheDir });
    if (!overDaemon.ok) throw overDaemon.error;
    expect(overDaemon.value.commit).toBe(repo.commits.v2);
  });

  it('checks out an exact commit id, even one the server does not hand out by itself', async () => {
    const pulled = await pullProject({ project: project('pull-commit', { url: `${daemon.url}/stateful-job.git`, commit: repo.commits.v1 }), credentials: { kind: 'none' }, cacheDir });
    if (!pulled.ok) throw pulled.error;
    expect(pulled.value.commit).toBe(repo.commits.v1);
  });

  it('a wrong ref is a clear error, over file:// and git daemon', async () => {
    for (const url of [fileUrl(), `${daemon.url}/stateful-job.git`]) {
      const pulled = await pullProject({ project: project('wrong-ref', { url, ref: 'release-9.9' }), credentials: { kind: 'none' }, cacheDir });
      expect(pulled.ok).toBe(false);
      if (pulled.ok) continue;
      expect(pulled.error.code).toBe('git-ref-not-found');
      expect(pulled.error.message).toContain('"release-9.9" does not exist');
    }
  });

  it('a private repository without or with a wrong credential fails at once with an authentication error; no token leaks', async () => {
    const url = `${privateServer.url}/stateful-job.git`;
    const started = Date.now();
    const anonymous = await pullProject({ project: project('private-anon', { url }), credentials: { kind: 'none' }, cacheDir });
    expect(anonymous.ok).toBe(false);
    if (!anonymous.ok) {
      expect(anonymous.error.code).toBe('git-auth-failed');
      expect(anonymous.error.hint).toContain('credentials');
    }
    const wrongToken = 'fp-wrong-token-0123456789';
    const lines: string[] = [];
    const wrong = await buildProject(request(project('private-wrong', { url, credentials: { token: { env: 'FP_TEST_WRONG_TOKEN' } } }), {
      resolveSecret: environmentSecretResolver({ FP_TEST_WRONG_TOKEN: wrongToken }),
      onLine: (l) => lines.push(l),
    }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.code, describeError(wrong.error)).toBe('git-auth-failed');
      const everything = [describeError(wrong.error), JSON.stringify(wrong.error), ...lines].join('\n');
      expect(everything).not.toContain(wrongToken);
      expect(everything).not.toContain(Buffer.from(`x-access-token:${wrongToken}`).toString('base64'));
    }
    // Never a prompt that waits: both failures come back quickly.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('an unreachable server (SSH to a closed port on 127.0.0.1) fails at once, never waiting for a prompt', async () => {
    const closedPort = await freePort();
    const started = Date.now();
    const pulled = await pullProject({ project: project('ssh-closed', { url: `ssh://git@127.0.0.1:${closedPort}/stateful-job.git` }), credentials: { kind: 'none' }, cacheDir });
    expect(pulled.ok).toBe(false);
    if (!pulled.ok) expect(pulled.error.code, describeError(pulled.error)).toBe('git-unreachable');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a bearer token reaches the private repository in a header, never in the URL', async () => {
    const pulled = await pullProject({
      project: project('private-bearer', { url: `${privateServer.url}/stateful-job.git`, ref: 'v2', credentials: { token: { secret: 'git-bearer' }, scheme: 'bearer' } }),
      credentials: { kind: 'token', username: 'x-access-token', scheme: 'bearer', token: new (await import('../../client/src/core/flink/httpTransport')).SecretValue(TOKEN) },
      cacheDir,
    });
    if (!pulled.ok) throw pulled.error;
    expect(pulled.value.commit).toBe(repo.commits.v2);
    expect(privateServer.requests.some((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(privateServer.requests.every((r) => !r.path.includes(TOKEN))).toBe(true);
  });
});

describe('build', () => {
  it('builds a commit with Maven, picks the shaded jar and the manifest main class, and reuses it when nothing changed', async () => {
    const p = project('build-v1', { url: fileUrl(), ref: 'v1' });
    const first = request(p);
    const built = await buildProject(first);
    if (!built.ok) throw built.error;
    expect(built.value).toMatchObject({ commit: repo.commits.v1, tool: 'maven', reused: false });
    expect(built.value.artifact.path).toMatch(/stateful-job-1\.0\.0\.jar$/);
    expect(built.value.artifact.path).not.toMatch(/original-/);
    expect(built.value.artifact).toMatchObject({ mainClass: 'dev.flinkpilot.fixture.StatefulCounterJob', mainClassSource: 'manifest' });
    expect(built.value.artifact.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(built.value.command.args.slice(0, 1)).toEqual(['-B']);
    expect(built.value.command.args).toEqual(expect.arrayContaining(['package', '-DskipTests']));
    expect(first.lines.some((l) => l.includes('BUILD SUCCESS'))).toBe(true);

    const again = await buildProject(request(p));
    if (!again.ok) throw again.error;
    expect(again.value).toMatchObject({ reused: true, commit: repo.commits.v1 });
    expect(again.value.artifact.checksum).toBe(built.value.artifact.checksum);
  });

  it('a compile error fails the build with the file and line of the error', async () => {
    const built = await buildProject(request(project('build-broken', { url: fileUrl(), branch: 'broken' })));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error).toBeInstanceOf(BuildFailedError);
    const failure = built.error as BuildFailedError;
    expect(failure.code).toBe('compile-error');
    const error = failure.problems.find((p) => p.severity === 'error');
    expect(error?.file.endsWith(repo.brokenAt.file)).toBe(true);
    expect(error?.line).toBe(repo.brokenAt.line);
    expect(error?.message).toContain('cannot find symbol');
    expect(failure.message).toContain(`StatefulCounterJob.java:${repo.brokenAt.line}`);
  });

  it('cancellation and the timeout end the whole build process tree', async () => {
    const dir = mkdtempSync(join(root, 'hang-'));
    const pidFile = join(dir, 'child.pid');
    // A "build" that starts a child and waits: both must be gone after cancel or timeout.
    const hanging = { tool: 'maven' as const, command: 'sh', args: ['-c', `sleep 300 & echo $! > '${pidFile}'; echo started; wait`], cwd: dir, env: {}, outputDir: dir };
    // Running, not merely a zombie waiting for a parent to reap it (the container's init may never do so).
    const alive = (pid: number) => {
      try {
        return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
      } catch {
        return false;
      }
    };

    const controller = new AbortController();
    const cancelled = runBuild(hanging, { trusted: true, timeoutMs: 120_000, signal: controller.signal, onLine: (l) => { if (l === 'started') controller.abort(); } });
    const cancelResult = await cancelled;
    expect(!cancelResult.ok && cancelResult.error.code).toBe('cancelled');
    const cancelledChild = Number(readFileSync(pidFile, 'utf8'));
    await sleep(200);
    expect(alive(cancelledChild)).toBe(false);

    const timedOut = await runBuild(hanging, { trusted: true, timeoutMs: 1_500 });
    expect(!timedOut.ok && timedOut.error.code).toBe('build-timeout');
    expect(!timedOut.ok && timedOut.error.detail).toContain('started');
    const timedOutChild = Number(readFileSync(pidFile, 'utf8'));
    await sleep(200);
    expect(alive(timedOutChild)).toBe(false);
  });

  it('builds the project a job file names (jar.project), recording the build in the job\'s history', async () => {
    const workspace = mkdtempSync(join(root, 'ws-'));
    mkdirSync(join(workspace, '.flink'));
    const jobFilePath = join(workspace, 'counter.flink.yaml');
    writeFileSync(jobFilePath, [
      'name: fp-gitbuild-jobfile',
      'type: jar',
      'flinkVersion: "2.3"',
      'cluster: local',
      'jar:',
      '  project:',
      `    url: ${fileUrl()}`,
      '    ref: v2',
      '    buildArgs: [-Dflink.version=2.3.0]',
      '  args: [--rate, "5"]',
      '',
    ].join('\n'));
    const loaded = loadJobFile(jobFilePath);
    if (!loaded.ok) throw loaded.error;
    expect(hasProject(loaded.value)).toBe(true);
    const history = new JobHistoryStore({ workspaceRoot: workspace });
    const built = await buildJobFileProject(loaded.value, { trusted: true, resolveSecret: noSecrets, cacheDir, history, cluster: 'dev' });
    if (!built.ok) throw built.error;
    expect(built.value).toMatchObject({ commit: repo.commits.v2, project: 'fp-gitbuild-jobfile' });
    const entries = (await history.read(jobFilePath)).entries;
    expect(entries).toEqual([expect.objectContaining({ kind: 'build', commit: repo.commits.v2, jarChecksum: built.value.artifact.checksum, buildArgs: ['-Dflink.version=2.3.0'], cluster: 'dev' })]);
  });

  it('refuses to build in an untrusted workspace', async () => {
    const built = await buildProject(request(project('untrusted', { url: fileUrl() }), { trusted: false }));
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.code).toBe('untrusted-workspace');
  });

  it('passes shell metacharacters in build arguments literally (nothing executed), with the token of a private repository in no output', async () => {
    const canaryDir = join(root, 'canary');
    mkdirSync(canaryDir, { recursive: true });
    const canary = join(canaryDir, 'still-here.txt');
    writeFileSync(canary, 'canary');
    const pwned = join(root, 'pwned');
    const hostile = [`-Dfp.note=x; rm -rf ${canaryDir}`, `-Dfp.other=$(touch ${pwned})`, `-Dfp.third=\`touch ${pwned}\` && rm -rf ${canaryDir} | cat`];
    const p = project('private-build', { url: `${privateServer.url}/stateful-job.git`, ref: 'v2', credentials: { token: { secret: 'git-token' } }, buildArgs: hostile });
    const req = request(p, { resolveSecret: environmentSecretResolver({ FLINK_PILOT_SECRET_GIT_TOKEN: TOKEN }) });
    const progress: string[] = [];
    req.onProgress = (s) => progress.push(s);
    const built = await buildProject(req);
    if (!built.ok) throw built.error;
    expect(built.value.commit).toBe(repo.commits.v2);
    expect(existsSync(canary)).toBe(true);
    expect(existsSync(pwned)).toBe(false);
    // Each argument reached Maven as one literal argument.
    expect(built.value.command.args).toEqual(expect.arrayContaining(hostile));
    const everything = [...req.lines, ...progress, JSON.stringify(built.value)].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
    // The clone's config holds no credential either.
    const cloneConfig = readFileSync(join(built.value.command.cwd, '.git', 'config'), 'utf8');
    expect(cloneConfig).not.toContain(TOKEN);
  });
});

describe.each(['2.3', '1.20'])('build, submit and upgrade with state on Flink %s', (line) => {
  const cluster = clusters[line]!;
  const rest = new FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl });
  afterAll(async () => {
    await cancelJobsNamed(cluster, JOB_PREFIX);
    await rest.close();
  });

  it('builds v1, submits it, upgrades to v2 from a savepoint, and Flink reports that savepoint restored', async () => {
    const name = jobName(line.replace('.', ''));
    const ctx = jobContext(cluster, jarJobSpec(name, line));
    const buildArgs = [`-Dflink.version=${cluster.version}`];
    const steps: string[] = [];
    ctx.onProgress = (s) => steps.push(s);
    const settings = (ref: string, url: string) => ({ project: project(`stateful-${line}`, { url, ref, buildArgs }), workspaceRoot: root, trusted: true, resolveSecret: noSecrets, cacheDir });

    const submitted = await submitProjectJob(ctx, settings('v1', fileUrl()));
    if (!submitted.ok) throw submitted.error;
    expect(submitted.value.build.commit).toBe(repo.commits.v1);
    expect(submitted.value.submit.state).toBe('RUNNING');

    const taskManagerOut = join(cluster.logDir, 'taskmanager.out');
    const outBefore = existsSync(taskManagerOut) ? statSync(taskManagerOut).size : 0;
    const upgraded = await upgradeProjectJob(ctx, settings('v2', fileUrl()));
    if (!upgraded.ok) throw upgraded.error;
    expect(upgraded.value.build.commit).toBe(repo.commits.v2);
    expect(upgraded.value.stop.finalState).toBe('FINISHED');
    expect(upgraded.value.restore.verification).toMatchObject({ verified: true, flinkRestoredPath: upgraded.value.stop.savepointPath });
    // Asked of Flink directly: the new job's checkpoint statistics name that savepoint as restored.
    const stats = await rest.checkpoints(upgraded.value.restore.jobId);
    if (!stats.ok) throw stats.error;
    expect(stats.value.latest?.restored?.external_path).toBe(upgraded.value.stop.savepointPath);
    expect(upgraded.value.restore.jobId).not.toBe(submitted.value.submit.jobId);
    // The state came along: v2's first count of a key continues from v1's count instead of starting at 1.
    const firstV2Count = await firstPrintedCount(taskManagerOut, outBefore, 'v2');
    expect(firstV2Count).toBeGreaterThan(1);
    // Building came before stopping: the job was never down for a Maven run.
    expect(steps.findIndex((s) => s.startsWith('Building commit'))).toBeLessThan(steps.findIndex((s) => s.startsWith('Stopping job')));

    const history = await ctx.history.read(ctx.jobFilePath);
    const builds = history.entries.filter((e) => e.kind === 'build');
    expect(builds.map((b) => b.kind === 'build' && b.commit)).toEqual([repo.commits.v1, repo.commits.v2]);
    const lastBuild = builds[1];
    const lastSubmission = history.entries.filter((e) => e.kind === 'submission').pop();
    expect(lastBuild?.kind === 'build' && lastSubmission?.kind === 'submission' && lastBuild.jarChecksum === lastSubmission.jarChecksum).toBe(true);
    expect(lastBuild).toMatchObject({ buildArgs, tool: 'maven', reused: false });

    const cancelled = await rest.cancelJob(upgraded.value.restore.jobId);
    expect(cancelled.ok).toBe(true);
  });

  it('an upgrade to a commit that does not compile leaves the running job untouched', async () => {
    const name = jobName(`broken-${line.replace('.', '')}`);
    const ctx = jobContext(cluster, jarJobSpec(name, line));
    const settings = (ref: string) => ({ project: project(`stateful-${line}`, { url: fileUrl(), ref, buildArgs: [`-Dflink.version=${cluster.version}`] }), workspaceRoot: root, trusted: true, resolveSecret: noSecrets, cacheDir });
    const submitted = await submitProjectJob(ctx, settings('v1'));
    if (!submitted.ok) throw submitted.error;
    const upgraded = await upgradeProjectJob(ctx, settings('broken'));
    expect(upgraded.ok).toBe(false);
    if (!upgraded.ok) expect(upgraded.error.code).toBe('compile-error');
    const status = await rest.jobStatus(submitted.value.submit.jobId);
    expect(status.ok && status.value).toBe('RUNNING');
    await rest.cancelJob(submitted.value.submit.jobId);
  });
});

void FlinkPilotError;
