// Project definitions: URLs with credentials are refused, secrets are only named, refs and paths
// cannot smuggle options or leave the repository, and both the job file's and the projects file's
// forms are understood.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGitUrl, isSafeRef, parseProjectDefinition, parseProjectsSection } from '../../../client/src/core/build/projectDefinition';
import { resolveProjectReference } from '../../../client/src/core/build/workspaceProjects';

function parsed(raw: unknown) {
  const result = parseProjectDefinition('orders', raw);
  if (!result.ok) throw result.error;
  return result.value;
}

function failure(raw: unknown) {
  const result = parseProjectDefinition('orders', raw);
  if (result.ok) throw new Error(`expected a failure for ${JSON.stringify(raw)}`);
  return result.error;
}

describe('Git URLs', () => {
  it.each([
    'https://git.example.com/data/orders.git',
    'ssh://git@git.example.com:2222/data/orders.git',
    'git@github.com:acme/orders.git',
    'git://127.0.0.1:9418/orders.git',
    'file:///srv/git/orders.git',
    '/srv/git/orders.git',
  ])('accepts %s', (url) => {
    expect(checkGitUrl(url).ok).toBe(true);
  });

  it.each([
    ['https://ci:s3cret@git.example.com/orders.git'],
    ['https://ghp_abcdef0123456789@github.com/acme/orders.git'],
    ['http://user@git.example.com/orders.git'],
    ['ssh://git:pw@git.example.com/orders.git'],
  ])('refuses %s because it carries credentials, and says what to do instead', (url) => {
    const result = checkGitUrl(url);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('contains credentials');
    expect(result.error.hint).toContain('credentials:');
    // The refusal itself never repeats the secret.
    expect(result.error.message).not.toContain('s3cret');
  });

  it('refuses option-like, unsupported and malformed URLs', () => {
    expect(checkGitUrl('--upload-pack=touch /tmp/x').ok).toBe(false);
    expect(checkGitUrl('ftp://example.com/repo.git').ok).toBe(false);
    expect(checkGitUrl('not a url').ok).toBe(false);
    expect(checkGitUrl('').ok).toBe(false);
  });
});

describe('project definitions', () => {
  it('applies defaults', () => {
    expect(parsed({ url: 'https://git.example.com/orders.git' })).toMatchObject({ name: 'orders', buildTool: 'auto', buildArgs: [], timeoutMs: 30 * 60_000 });
  });

  it('reads every field', () => {
    const project = parsed({
      url: 'https://git.example.com/orders.git', tag: 'v2.4.1', directory: 'jobs/orders/', buildTool: 'maven',
      buildArgs: ['-Pprod', '-Dflink.version=2.3.0', 17], mavenSettings: '.flink/settings.xml', artifact: 'target/orders-*.jar',
      mainClass: 'com.acme.OrdersJob', timeoutMinutes: 5, credentials: { token: { secret: 'gitlab-token' }, scheme: 'bearer' },
    });
    expect(project).toMatchObject({
      ref: 'v2.4.1', directory: 'jobs/orders', buildArgs: ['-Pprod', '-Dflink.version=2.3.0', '17'], artifact: 'target/orders-*.jar',
      mainClass: 'com.acme.OrdersJob', timeoutMs: 300_000, credentials: { kind: 'token', token: { secret: 'gitlab-token' }, scheme: 'bearer' },
    });
  });

  it('understands the job file form of credentials, build tool and jar glob', () => {
    expect(parsed({ url: 'https://h/r.git', buildTool: 'maven-wrapper', jar: 'target/*.jar', credentials: { type: 'basic', username: 'ci', secret: 'git-pw' } })).toMatchObject({
      buildTool: 'maven', artifact: 'target/*.jar', credentials: { kind: 'basic', username: 'ci', password: { secret: 'git-pw' } },
    });
    expect(parsed({ url: 'git@h:r.git', credentials: { type: 'ssh', secret: 'deploy-key' } }).credentials).toEqual({ kind: 'ssh', key: { secret: 'deploy-key' } });
    expect(failure({ url: 'https://h/r.git', credentials: { type: 'basic', secret: 'x' } }).message).toContain('username');
  });

  it('refuses a secret written into the file, naming the field and the way to reference it', () => {
    const error = failure({ url: 'https://h/r.git', credentials: { token: 'glpat-123456' } });
    expect(error.message).toContain('project "orders".credentials.token');
    expect(error.message).toContain('refused');
    expect(error.hint).toContain('{ secret: NAME }');
    expect(error.message).not.toContain('glpat-123456');
    expect(failure({ url: 'https://h/r.git', credentials: { username: 'ci', password: 'hunter22' } }).message).toContain('credentials.password');
  });

  it('refuses credentials that cannot work with the URL', () => {
    expect(failure({ url: 'https://h/r.git', credentials: { sshKey: '~/.ssh/id_ed25519' } }).message).toContain('SSH key only works');
    expect(failure({ url: 'git@h:r.git', credentials: { token: { env: 'T' } } }).message).toContain('https://');
  });

  it('refuses refs that are options or not ref names, and more than one ref', () => {
    for (const ref of ['--upload-pack=x', 'a..b', 'main@{1}', 'has space', '/abs', 'x.lock']) {
      expect(isSafeRef(ref), ref).toBe(false);
      expect(failure({ url: 'https://h/r.git', ref }).message).toContain('not a valid branch');
    }
    expect(isSafeRef('release/2.4')).toBe(true);
    expect(isSafeRef('0123abcd')).toBe(true);
    expect(failure({ url: 'https://h/r.git', branch: 'main', tag: 'v1' }).message).toContain('only one of');
  });

  it('keeps paths inside the repository and build arguments as a list', () => {
    expect(failure({ url: 'https://h/r.git', directory: '../outside' }).message).toContain('inside the repository');
    expect(failure({ url: 'https://h/r.git', pom: '/etc/pom.xml' }).message).toContain('inside the repository');
    expect(failure({ url: 'https://h/r.git', pom: 'build.gradle' }).message).toContain('pom.xml');
    const args = failure({ url: 'https://h/r.git', buildArgs: '-Pprod -DskipTests' });
    expect(args.message).toContain('list of arguments');
    expect(failure({ url: 'https://h/r.git', colour: 'blue' }).message).toContain('project "orders".colour: unknown key');
    expect(failure({ url: 'https://h/r.git', mainClass: 'not a class' }).message).toContain('not a Java class name');
  });
});

describe('the projects section', () => {
  it('reads a mapping and a list, and refuses duplicates', () => {
    const map = parseProjectsSection({ a: { url: 'https://h/a.git' }, b: 'https://h/b.git' });
    expect(map.ok && [...map.value.keys()]).toEqual(['a', 'b']);
    const list = parseProjectsSection([{ name: 'a', url: 'https://h/a.git' }]);
    expect(list.ok && list.value.get('a')?.url).toBe('https://h/a.git');
    const twice = parseProjectsSection([{ name: 'a', url: 'https://h/a.git' }, { name: 'a', url: 'https://h/b.git' }]);
    expect(!twice.ok && twice.error.message).toContain('defined twice');
  });

  it('resolves a job file reference by name, with overrides, and reports unknown names with the known ones', async () => {
    const workspaceRoot = mkdtempSync(join(tmpdir(), 'fp-projects-'));
    mkdirSync(join(workspaceRoot, '.flink'));
    writeFileSync(join(workspaceRoot, '.flink', 'projects.yaml'), 'projects:\n  orders:\n    url: https://h/orders.git\n    branch: main\n    buildArgs: [-Pprod]\n');
    const byName = await resolveProjectReference('orders', { workspaceRoot, jobName: 'job' });
    expect(byName.ok && byName.value).toMatchObject({ name: 'orders', ref: 'main', buildArgs: ['-Pprod'] });
    const overridden = await resolveProjectReference({ use: 'orders', tag: 'v2' }, { workspaceRoot, jobName: 'job' });
    expect(overridden.ok && overridden.value).toMatchObject({ ref: 'v2', buildArgs: ['-Pprod'] });
    const unknown = await resolveProjectReference('payments', { workspaceRoot, jobName: 'job' });
    expect(!unknown.ok && unknown.error.hint).toContain('Known projects: orders');
    const inline = await resolveProjectReference({ url: 'https://h/x.git' }, { workspaceRoot, jobName: 'job' });
    expect(inline.ok && inline.value.name).toBe('job');
  });

  it('reports a YAML syntax error in the projects file with its position', async () => {
    const workspaceRoot = mkdtempSync(join(tmpdir(), 'fp-projects-'));
    mkdirSync(join(workspaceRoot, '.flink'));
    writeFileSync(join(workspaceRoot, '.flink', 'projects.yaml'), 'projects:\n  a:\n    url: [unclosed\n');
    const result = await resolveProjectReference('a', { workspaceRoot, jobName: 'job' });
    expect(!result.ok && result.error.message).toMatch(/projects\.yaml:\d+:\d+/);
  });
});
