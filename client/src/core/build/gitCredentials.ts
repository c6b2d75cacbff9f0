// Credentials for Git, resolved from their references and handed to git without ever touching the
// command line, the URL or a log: a fixed askpass script reads them from environment variables of
// the git process only; a bearer token goes in as an environment-only config entry. Every prompt
// that could wait for a person is switched off, so a wrong or missing credential fails at once.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlinkPilotError } from '../errors';
import { SecretValue } from '../flink/httpTransport';
import { err, ok, type Result } from '../result';
import type { ProjectCredentials, SecretSource } from './projectDefinition';
import { secretEnvName } from '../jobs/clusterDefinitions';

/** Looks a secret up: SecretStorage in the extension, the environment in the CLI. Undefined when unset. */
export type SecretResolver = (source: SecretSource) => Promise<string | undefined>;

export type ResolvedCredentials =
  | { kind: 'none' }
  | { kind: 'token'; username: string; token: SecretValue; scheme: 'basic' | 'bearer' }
  | { kind: 'basic'; username: string; password: SecretValue }
  /** `keyPath`: a key file; `key`: the key itself (from a secret), written to a private temporary file per git run. */
  | { kind: 'ssh'; keyPath?: string; key?: SecretValue };


/** The CLI's resolver: `{ secret: NAME }` from `FLINK_PILOT_SECRET_NAME`, `{ env: VAR }` from `VAR`. */
export function environmentSecretResolver(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (source) => {
    const value = 'secret' in source ? env[secretEnvName(source.secret)] : env[source.env];
    return value === undefined || value === '' ? undefined : value;
  };
}

function expandHome(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.replace(/^~(?=\/|$)/, env.HOME ?? homedir());
}

function describeSource(source: SecretSource): string {
  return 'secret' in source ? `secret "${source.secret}"` : `environment variable ${source.env}`;
}

export async function resolveCredentials(project: string, credentials: ProjectCredentials | undefined, resolve: SecretResolver): Promise<Result<ResolvedCredentials, FlinkPilotError>> {
  if (!credentials) return ok({ kind: 'none' });
  if (credentials.kind === 'ssh' && !credentials.key) {
    const keyPath = credentials.keyPath ? expandHome(credentials.keyPath) : undefined;
    if (keyPath && !existsSync(keyPath)) {
      return err(new FlinkPilotError(`The SSH key ${keyPath} of project "${project}" does not exist.`, { code: 'ssh-key-missing', hint: 'Fix `credentials.sshKey`, or keep the key in a secret: `credentials: { type: ssh, secret: NAME }`.' }));
    }
    return ok({ kind: 'ssh', keyPath });
  }
  const source = credentials.kind === 'token' ? credentials.token : credentials.kind === 'basic' ? credentials.password : credentials.key!;
  const value = await resolve(source);
  if (value === undefined) {
    const hint = 'secret' in source
      ? `Store it with "Flink: Set Secret" in VS Code, or for the CLI set ${secretEnvName(source.secret)}.`
      : `Set the environment variable ${source.env}.`;
    return err(new FlinkPilotError(`The credential of project "${project}" (${describeSource(source)}) is not set.`, { code: 'secret-missing', hint }));
  }
  if (credentials.kind === 'ssh') return ok({ kind: 'ssh', key: new SecretValue(value) });
  if (credentials.kind === 'token') {
    return ok({ kind: 'token', username: credentials.username ?? 'x-access-token', token: new SecretValue(value), scheme: credentials.scheme });
  }
  return ok({ kind: 'basic', username: credentials.username, password: new SecretValue(value) });
}

/** Every form in which a secret could appear in git's output (raw, URL-encoded, inside a Basic header). */
export function secretForms(credentials: ResolvedCredentials): string[] {
  const forms: string[] = [];
  const add = (user: string, secret: string) => {
    forms.push(secret, encodeURIComponent(secret), Buffer.from(`${user}:${secret}`).toString('base64'));
  };
  if (credentials.kind === 'token') add(credentials.username, credentials.token.reveal());
  if (credentials.kind === 'basic') add(credentials.username, credentials.password.reveal());
  if (credentials.kind === 'ssh' && credentials.key) forms.push(...credentials.key.reveal().split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 16 && !l.startsWith('-----')));
  return [...new Set(forms.filter((f) => f.length >= 4))].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret in a text by ***: applied to each log line and error message. */
export class SecretScrubber {
  readonly #secrets: string[];
  constructor(secrets: readonly string[]) {
    this.#secrets = [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }
  scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    // Credentials some tool put into a URL anyway (https://user:pass@host) never show either.
    return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(:[^\s/@]*)?@/gi, '$1***@');
  }
}

const ASKPASS_SCRIPT = `#!/bin/sh
# Flink Pilot: answers git's credential prompts from this process's environment, never from a person.
case "$1" in
  Username*|username*) if [ -n "$FLINK_PILOT_GIT_USERNAME" ]; then printf '%s\\n' "$FLINK_PILOT_GIT_USERNAME"; exit 0; fi ;;
  Password*|password*) if [ -n "$FLINK_PILOT_GIT_PASSWORD" ]; then printf '%s\\n' "$FLINK_PILOT_GIT_PASSWORD"; exit 0; fi ;;
esac
exit 1
`;

/** Quotes one word for the shell git runs GIT_SSH_COMMAND with. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface GitAuthSession {
  /** Environment for git: the non-interactive switches and the credential variables. */
  env: Record<string, string>;
  /** `-c` entries for every git call. */
  config: string[];
  scrubber: SecretScrubber;
  dispose(): Promise<void>;
}

/** Variables of the parent environment git needs (and nothing that could redirect or prompt). */
const INHERITED = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GIT_SSL_CAINFO', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'SSH_AUTH_SOCK'];

export async function openGitAuthSession(credentials: ResolvedCredentials, baseEnv: NodeJS.ProcessEnv = process.env): Promise<GitAuthSession> {
  const dir = await mkdtemp(join(tmpdir(), 'flink-pilot-git-'));
  const askpass = join(dir, 'askpass.sh');
  await writeFile(askpass, ASKPASS_SCRIPT, { mode: 0o700 });
  await chmod(askpass, 0o700);

  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = baseEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_ASKPASS: askpass,
    SSH_ASKPASS: askpass,
    SSH_ASKPASS_REQUIRE: 'never',
    // Messages in English, so failures can be recognised and explained.
    LC_ALL: 'C',
    LANGUAGE: 'C',
  });
  const ssh = ['ssh', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=accept-new'];
  if (credentials.kind === 'ssh') {
    let keyFile = credentials.keyPath ? expandHome(credentials.keyPath, baseEnv) : undefined;
    if (credentials.key) {
      keyFile = join(dir, 'id_key');
      const key = credentials.key.reveal();
      await writeFile(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
    }
    if (keyFile) ssh.push('-o', 'IdentitiesOnly=yes', '-i', keyFile);
  }
  env.GIT_SSH_COMMAND = ssh.map((w) => (/^[\w=.,/-]+$/.test(w) ? w : shellQuote(w))).join(' ');

  if (credentials.kind === 'token' && credentials.scheme === 'bearer') {
    // Environment-only config (git ≥ 2.31): not visible on the command line of the process.
    Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Bearer ${credentials.token.reveal()}` });
  } else if (credentials.kind === 'token') {
    Object.assign(env, { FLINK_PILOT_GIT_USERNAME: credentials.username, FLINK_PILOT_GIT_PASSWORD: credentials.token.reveal() });
  } else if (credentials.kind === 'basic') {
    Object.assign(env, { FLINK_PILOT_GIT_USERNAME: credentials.username, FLINK_PILOT_GIT_PASSWORD: credentials.password.reveal() });
  }
  return {
    env,
    // An empty helper clears the user's helpers: no keychain pop-up, no stored credential reused by accident.
    config: ['credential.helper=', 'credential.interactive=never'],
    scrubber: new SecretScrubber(secretForms(credentials)),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
