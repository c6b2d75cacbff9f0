// Git credentials: resolved from their references, handed to git only through its environment,
// every prompt off, and scrubbed from whatever text could show them.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environmentSecretResolver, openGitAuthSession, resolveCredentials, SecretScrubber, secretForms } from '../../../client/src/core/build/gitCredentials';
import { secretEnvName } from '../../../client/src/core/jobs/clusterDefinitions';
import { classifyGitFailure } from '../../../client/src/core/build/gitRepository';
import { SecretValue } from '../../../client/src/core/flink/httpTransport';

const TOKEN = 'glpat-Zx81-secret-token';

describe('secret resolution', () => {
  it('reads named secrets from FLINK_PILOT_SECRET_<NAME> and env references from the variable', async () => {
    expect(secretEnvName('gitlab-ci.token')).toBe('FLINK_PILOT_SECRET_GITLAB_CI_TOKEN');
    const resolve = environmentSecretResolver({ FLINK_PILOT_SECRET_GIT_TOKEN: TOKEN, MY_TOKEN: 'other', EMPTY: '' });
    expect(await resolve({ secret: 'git-token' })).toBe(TOKEN);
    expect(await resolve({ env: 'MY_TOKEN' })).toBe('other');
    expect(await resolve({ env: 'EMPTY' })).toBeUndefined();
  });

  it('a missing secret is an error that names where to put it, never a prompt', async () => {
    const result = await resolveCredentials('orders', { kind: 'token', token: { secret: 'git-token' }, scheme: 'basic' }, environmentSecretResolver({}));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('secret-missing');
    expect(result.error.hint).toContain('FLINK_PILOT_SECRET_GIT_TOKEN');
  });

  it('a missing SSH key file is an error before git runs', async () => {
    const result = await resolveCredentials('orders', { kind: 'ssh', keyPath: '/nonexistent/id_ed25519' }, environmentSecretResolver({}));
    expect(!result.ok && result.error.code).toBe('ssh-key-missing');
  });

  it('wraps the value so it renders as *** in JSON and strings', async () => {
    const result = await resolveCredentials('orders', { kind: 'basic', username: 'ci', password: { env: 'PW' } }, environmentSecretResolver({ PW: TOKEN }));
    expect(result.ok && JSON.stringify(result.value)).toBe('{"kind":"basic","username":"ci","password":"***"}');
  });
});

describe('scrubbing', () => {
  it('removes the raw, URL-encoded and Basic-header forms of a secret and any URL user info', () => {
    const credentials = { kind: 'token' as const, username: 'x-access-token', token: new SecretValue('a/b+c=d'), scheme: 'basic' as const };
    const scrubber = new SecretScrubber(secretForms(credentials));
    const basic = Buffer.from('x-access-token:a/b+c=d').toString('base64');
    const text = `token a/b+c=d encoded ${encodeURIComponent('a/b+c=d')} header Basic ${basic} url https://me:pw@host/r.git`;
    const clean = scrubber.scrub(text);
    expect(clean).toBe('token *** encoded *** header Basic *** url https://***@host/r.git');
  });
});

describe('the git environment', () => {
  it('switches every prompt off and passes a basic/token credential only through variables the askpass script reads', async () => {
    const session = await openGitAuthSession({ kind: 'token', username: 'x-access-token', token: new SecretValue(TOKEN), scheme: 'basic' }, { PATH: '/usr/bin', HOME: '/home/u', EDITOR: 'vim', GIT_DIR: '/evil' });
    try {
      expect(session.env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', SSH_ASKPASS_REQUIRE: 'never', FLINK_PILOT_GIT_USERNAME: 'x-access-token', FLINK_PILOT_GIT_PASSWORD: TOKEN, PATH: '/usr/bin' });
      // Nothing from the parent that could redirect git or open an editor.
      expect(session.env.EDITOR).toBeUndefined();
      expect(session.env.GIT_DIR).toBeUndefined();
      expect(session.config).toContain('credential.helper=');
      expect(session.config.join(' ')).not.toContain(TOKEN);
      expect(session.env.GIT_SSH_COMMAND).toContain('BatchMode=yes');
      const askpass = session.env.GIT_ASKPASS!;
      expect(statSync(askpass).mode & 0o777).toBe(0o700);
      // The script holds no secret: it reads the variables at run time.
      expect(readFileSync(askpass, 'utf8')).not.toContain(TOKEN);
    } finally {
      await session.dispose();
    }
  });

  it('sends a bearer token as an environment-only http.extraHeader', async () => {
    const session = await openGitAuthSession({ kind: 'token', username: 'x', token: new SecretValue(TOKEN), scheme: 'bearer' }, {});
    try {
      expect(session.env).toMatchObject({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Bearer ${TOKEN}` });
      expect(session.env.FLINK_PILOT_GIT_PASSWORD).toBeUndefined();
    } finally {
      await session.dispose();
    }
  });

  it('quotes an SSH key path for the shell git runs GIT_SSH_COMMAND with, and writes a key from a secret to a private file', async () => {
    const withPath = await openGitAuthSession({ kind: 'ssh', keyPath: "/keys/it's mine; rm -rf ~" }, {});
    try {
      expect(withPath.env.GIT_SSH_COMMAND).toBe(`ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o IdentitiesOnly=yes -i '/keys/it'\\''s mine; rm -rf ~'`);
    } finally {
      await withPath.dispose();
    }
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    const withKey = await openGitAuthSession({ kind: 'ssh', key: new SecretValue(key) }, {});
    try {
      const keyFile = /-i (\S+)$/.exec(withKey.env.GIT_SSH_COMMAND!)?.[1];
      expect(keyFile).toBeDefined();
      expect(statSync(keyFile!).mode & 0o777).toBe(0o600);
      expect(readFileSync(keyFile!, 'utf8')).toBe(`${key}\n`);
      expect(withKey.scrubber.scrub('line b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ')).toBe('line ***');
    } finally {
      await withKey.dispose();
    }
  });
});

describe('git failures', () => {
  it.each([
    ["fatal: couldn't find remote ref release-9.9", 'ref-not-found'],
    ["fatal: could not read Username for 'https://h': terminal prompts disabled", 'auth-failed'],
    ["remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://h/r.git/'", 'auth-failed'],
    ['git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'auth-failed'],
    ["fatal: repository 'https://h/nope.git/' not found", 'not-a-repository'],
    ["fatal: unable to access 'https://h/r.git/': Could not resolve host: h", 'unreachable'],
    ['fatal: the remote end hung up unexpectedly', 'git-failed'],
  ])('%s → %s', (message, kind) => {
    expect(classifyGitFailure(message)).toBe(kind);
  });
});
