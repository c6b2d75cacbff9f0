// A project is a Git repository that builds a job's jar: where it lives, which ref to build, how to
// authenticate, where the build runs inside it and with which arguments. Projects are written in a
// job file's `project` artifact or in the `projects` section of the workspace's `.flink/projects.yaml`;
// this module turns that plain YAML value into a checked definition. Secrets are only ever named
// (a SecretStorage key or an environment variable), never written in the file or in the URL.
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';

/** Where a secret comes from: VS Code's SecretStorage (CLI: `FLINK_PILOT_SECRET_<NAME>`) or an environment variable. */
export type SecretSource = { secret: string } | { env: string };

export type ProjectCredentials =
  /** An access token. `basic` sends it as the password of `username` (default `x-access-token`), `bearer` as an Authorization header. */
  | { kind: 'token'; token: SecretSource; username?: string; scheme: 'basic' | 'bearer' }
  | { kind: 'basic'; username: string; password: SecretSource }
  /** A private key for `ssh://` and `git@host:path` URLs: a key file, or the key itself kept as a secret. */
  | { kind: 'ssh'; keyPath?: string; key?: SecretSource };

export type BuildTool = 'maven' | 'gradle' | 'auto';

export interface ProjectDefinition {
  name: string;
  url: string;
  /** Branch, tag or commit; default: the remote's default branch. */
  ref?: string;
  credentials?: ProjectCredentials;
  /** Directory of the build inside the repository (where pom.xml / gradlew is). */
  directory?: string;
  /** pom.xml path inside the repository, when it is not `<directory>/pom.xml`. */
  pom?: string;
  buildTool: BuildTool;
  /** Extra build arguments, each passed to the build tool as one literal argument. */
  buildArgs: string[];
  /** Maven settings.xml (absolute, or relative to the workspace). */
  mavenSettings?: string;
  /** The jar to submit, relative to the build directory (may hold one `*`); default: the shaded jar in target/ or build/libs/. */
  artifact?: string;
  mainClass?: string;
  timeoutMs: number;
}

export const DEFAULT_BUILD_TIMEOUT_MS = 30 * 60_000;

const KNOWN_KEYS = new Set(['url', 'ref', 'branch', 'tag', 'commit', 'credentials', 'directory', 'pom', 'buildTool', 'buildArgs', 'mavenSettings', 'artifact', 'jar', 'mainClass', 'timeoutMinutes', 'name']);
const CREDENTIAL_KEYS = new Set(['token', 'username', 'password', 'scheme', 'sshKey', 'type', 'secret', 'env']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(where: string, message: string, hint?: string): Result<never, FlinkPilotError> {
  return err(new FlinkPilotError(`${where}: ${message}`, { code: 'invalid-project', hint }));
}

/**
 * Checks a Git URL and refuses one that carries credentials (`https://user:token@host/…`):
 * they would end up in the clone's config, in logs and in process listings.
 */
export function checkGitUrl(url: string, where = 'url'): Result<string, FlinkPilotError> {
  const trimmed = url.trim();
  if (trimmed === '') return invalid(where, 'the Git URL is empty.');
  if (/\s/.test(trimmed)) return invalid(where, 'the Git URL contains white space.');
  if (trimmed.startsWith('-')) return invalid(where, 'a Git URL cannot start with "-".');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme) {
    if (!['https', 'http', 'ssh', 'git', 'file'].includes(scheme)) {
      return invalid(where, `the URL scheme "${scheme}" is not supported.`, 'Use https://, ssh://, git://, file:// or git@host:path.');
    }
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return invalid(where, 'the Git URL is malformed.');
    }
    const hasPassword = parsed.password !== '';
    const hasUser = parsed.username !== '';
    if (hasPassword || (hasUser && (scheme === 'https' || scheme === 'http'))) {
      return invalid(
        where,
        'the Git URL contains credentials (user:token@host). They would be stored in the clone, shown in logs and visible to other processes, so Flink Pilot refuses such a URL.',
        'Remove them from the URL and set `credentials:` instead, e.g. `credentials: { token: { secret: git-token } }` (the token then lives in SecretStorage or the environment).',
      );
    }
    return ok(trimmed);
  }
  // scp-like syntax: [user@]host:path — a user name is normal there (git@github.com:org/repo.git).
  if (/^(?:[\w.-]+@)?[\w.-]+:(?!\/\/)/.test(trimmed)) {
    if (/^[^@]*:[^@]*@/.test(trimmed)) return invalid(where, 'the Git URL contains a password.', 'Use an SSH key (`credentials: { sshKey: … }`) instead.');
    return ok(trimmed);
  }
  if (trimmed.startsWith('/')) return ok(trimmed);
  return invalid(where, `"${trimmed}" is not a Git URL.`, 'Use https://host/org/repo.git, ssh://git@host/org/repo.git, git@host:org/repo.git or file:///path/to/repo.git.');
}

function secretSource(value: unknown, where: string): Result<SecretSource, FlinkPilotError> {
  if (typeof value === 'string') {
    return invalid(
      where,
      'a secret written into the file is refused (files are committed and shared).',
      `Name the secret instead: \`{ secret: NAME }\` (SecretStorage; the CLI reads FLINK_PILOT_SECRET_NAME) or \`{ env: VARIABLE }\`.`,
    );
  }
  if (isRecord(value)) {
    if (typeof value.secret === 'string' && value.secret.trim() !== '') return ok({ secret: value.secret.trim() });
    if (typeof value.env === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.env)) return ok({ env: value.env });
  }
  return invalid(where, 'expected `{ secret: NAME }` or `{ env: VARIABLE }`.');
}

function credentials(value: unknown, where: string): Result<ProjectCredentials | undefined, FlinkPilotError> {
  if (value === undefined || value === null) return ok(undefined);
  if (!isRecord(value)) return invalid(where, 'expected a mapping with `token`, `username`/`password` or `sshKey`.');
  for (const key of Object.keys(value)) {
    if (!CREDENTIAL_KEYS.has(key)) return invalid(`${where}.${key}`, `unknown key; expected one of ${[...CREDENTIAL_KEYS].join(', ')}.`);
  }
  if (value.type !== undefined) return typedCredentials(value, where);
  const username = value.username;
  if (username !== undefined && (typeof username !== 'string' || username.trim() === '')) return invalid(`${where}.username`, 'expected a non-empty string.');
  const kinds = ['token', 'password', 'sshKey'].filter((k) => value[k] !== undefined);
  if (kinds.length > 1) return invalid(where, `give only one of token, password or sshKey (found ${kinds.join(', ')}).`);
  if (value.token !== undefined) {
    const token = secretSource(value.token, `${where}.token`);
    if (!token.ok) return token;
    const scheme = value.scheme ?? 'basic';
    if (scheme !== 'basic' && scheme !== 'bearer') return invalid(`${where}.scheme`, `"${String(scheme)}" is not a token scheme; expected basic or bearer.`);
    return ok({ kind: 'token', token: token.value, username: username as string | undefined, scheme });
  }
  if (value.password !== undefined) {
    if (username === undefined) return invalid(`${where}.username`, 'a password needs a username.');
    const password = secretSource(value.password, `${where}.password`);
    if (!password.ok) return password;
    return ok({ kind: 'basic', username: username as string, password: password.value });
  }
  if (value.sshKey !== undefined) {
    if (typeof value.sshKey !== 'string' || value.sshKey.trim() === '') return invalid(`${where}.sshKey`, 'expected the path of a private key file.');
    return ok({ kind: 'ssh', keyPath: value.sshKey.trim() });
  }
  return invalid(where, 'no credential given; expected `token`, `username` + `password`, or `sshKey`.');
}

/** The job file's form: `{ type: token | basic | ssh, secret: NAME (or env: VAR), username? }`. */
function typedCredentials(value: Record<string, unknown>, where: string): Result<ProjectCredentials, FlinkPilotError> {
  const extra = Object.keys(value).filter((k) => !['type', 'secret', 'env', 'username', 'scheme'].includes(k));
  if (extra.length) return invalid(`${where}.${extra[0]}`, 'unknown key next to `type`; expected secret (or env), username, scheme.');
  const source = secretSource(value.secret !== undefined ? { secret: value.secret } : value.env !== undefined ? { env: value.env } : undefined, `${where}.secret`);
  if (!source.ok) return invalid(`${where}.secret`, 'name the secret that holds the credential: `secret: NAME` (or `env: VARIABLE`).');
  const username = typeof value.username === 'string' && value.username.trim() !== '' ? value.username.trim() : undefined;
  switch (value.type) {
    case 'token': {
      const scheme = value.scheme ?? 'basic';
      if (scheme !== 'basic' && scheme !== 'bearer') return invalid(`${where}.scheme`, `"${String(scheme)}" is not a token scheme; expected basic or bearer.`);
      return ok({ kind: 'token', token: source.value, username, scheme });
    }
    case 'basic':
      if (!username) return invalid(`${where}.username`, 'basic credentials need a username.');
      return ok({ kind: 'basic', username, password: source.value });
    case 'ssh':
      return ok({ kind: 'ssh', key: source.value });
    default:
      return invalid(`${where}.type`, `"${String(value.type)}" is not a credential type; expected token, basic or ssh.`);
  }
}

function relativePath(value: unknown, where: string): Result<string | undefined, FlinkPilotError> {
  if (value === undefined || value === null) return ok(undefined);
  if (typeof value !== 'string' || value.trim() === '') return invalid(where, 'expected a non-empty path.');
  const path = value.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
    return invalid(where, `"${value}" must be a path inside the repository (relative, without "..").`);
  }
  return ok(path === '' || path === '.' ? undefined : path);
}

/**
 * Checks one project definition (a YAML mapping) and applies defaults. `where` names it in
 * errors, e.g. `.flink/projects.yaml: projects.orders`.
 */
export function parseProjectDefinition(name: string, input: unknown, where = `project "${name}"`): Result<ProjectDefinition, FlinkPilotError> {
  const given = typeof input === 'string' ? { url: input } : input;
  if (!isRecord(given)) return invalid(where, 'expected a mapping with at least `url`.');
  let raw: Record<string, unknown> = given;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) return invalid(`${where}.${key}`, `unknown key; expected one of ${[...KNOWN_KEYS].filter((k) => k !== 'name').join(', ')}.`);
  }
  if (typeof raw.url !== 'string') return invalid(`${where}.url`, 'the Git URL is missing.');
  // The job file calls the artifact glob `jar`.
  if (raw.jar !== undefined && raw.artifact === undefined) raw = { ...raw, artifact: raw.jar };
  const url = checkGitUrl(String(raw.url), `${where}.url`);
  if (!url.ok) return url;

  const refKeys = ['ref', 'branch', 'tag', 'commit'].filter((k) => raw[k] !== undefined);
  if (refKeys.length > 1) return invalid(where, `give only one of ref, branch, tag or commit (found ${refKeys.join(', ')}).`);
  const refValue = refKeys.length ? raw[refKeys[0]!] : undefined;
  if (refValue !== undefined && (typeof refValue !== 'string' || !isSafeRef(refValue))) {
    return invalid(`${where}.${refKeys[0]}`, `"${String(refValue)}" is not a valid branch, tag or commit name.`);
  }

  const creds = credentials(raw.credentials, `${where}.credentials`);
  if (!creds.ok) return creds;
  if (creds.value?.kind === 'ssh' && /^(https?|file):/i.test(url.value)) {
    return invalid(`${where}.credentials.sshKey`, 'an SSH key only works with ssh:// or git@host:path URLs.');
  }
  if (creds.value && creds.value.kind !== 'ssh' && !/^https?:/i.test(url.value)) {
    return invalid(`${where}.credentials`, 'a token or password only works with https:// URLs.', 'Use an SSH key for ssh URLs.');
  }

  const directory = relativePath(raw.directory, `${where}.directory`);
  if (!directory.ok) return directory;
  const pom = relativePath(raw.pom, `${where}.pom`);
  if (!pom.ok) return pom;
  if (pom.value && !pom.value.endsWith('.xml')) return invalid(`${where}.pom`, 'expected the path of a pom.xml file.');
  const artifact = relativePath(raw.artifact, `${where}.artifact`);
  if (!artifact.ok) return artifact;
  if (artifact.value && !artifact.value.endsWith('.jar')) return invalid(`${where}.artifact`, 'expected the path of a .jar file (one `*` allowed).');

  // `maven-wrapper` (job file form) is Maven; the wrapper is used whenever the project has one.
  const buildTool = raw.buildTool === 'maven-wrapper' ? 'maven' : (raw.buildTool ?? 'auto');
  if (buildTool !== 'maven' && buildTool !== 'gradle' && buildTool !== 'auto') return invalid(`${where}.buildTool`, `"${String(buildTool)}" is not a build tool; expected maven, maven-wrapper, gradle or auto.`);

  let buildArgs: string[] = [];
  if (raw.buildArgs !== undefined) {
    if (typeof raw.buildArgs === 'string') return invalid(`${where}.buildArgs`, 'expected a list of arguments, one per item (they are passed literally, never through a shell).', 'Write `buildArgs: [-Pprod, -Dflink.version=2.3.0]`.');
    if (!Array.isArray(raw.buildArgs) || raw.buildArgs.some((a) => typeof a !== 'string' && typeof a !== 'number')) return invalid(`${where}.buildArgs`, 'expected a list of strings.');
    buildArgs = raw.buildArgs.map(String);
  }

  let mavenSettings: string | undefined;
  if (raw.mavenSettings !== undefined) {
    if (typeof raw.mavenSettings !== 'string' || raw.mavenSettings.trim() === '') return invalid(`${where}.mavenSettings`, 'expected the path of a settings.xml file.');
    mavenSettings = raw.mavenSettings.trim();
  }

  let mainClass: string | undefined;
  if (raw.mainClass !== undefined) {
    if (typeof raw.mainClass !== 'string' || !/^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u.test(raw.mainClass)) return invalid(`${where}.mainClass`, `"${String(raw.mainClass)}" is not a Java class name.`);
    mainClass = raw.mainClass;
  }

  let timeoutMs = DEFAULT_BUILD_TIMEOUT_MS;
  if (raw.timeoutMinutes !== undefined) {
    if (typeof raw.timeoutMinutes !== 'number' || !(raw.timeoutMinutes > 0)) return invalid(`${where}.timeoutMinutes`, 'expected a positive number of minutes.');
    timeoutMs = raw.timeoutMinutes * 60_000;
  }

  return ok({
    name,
    url: url.value,
    ref: refValue as string | undefined,
    credentials: creds.value,
    directory: directory.value,
    pom: pom.value,
    buildTool,
    buildArgs,
    mavenSettings,
    artifact: artifact.value,
    mainClass,
    timeoutMs,
  });
}

/** What `git check-ref-format` would accept, plus a hex commit id; never an option (`-…`). */
export function isSafeRef(ref: string): boolean {
  if (ref === '' || ref.startsWith('-') || ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock')) return false;
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//')) return false;
  return /^[A-Za-z0-9._\/+-]+$/.test(ref);
}

/** The `projects` section of `.flink/projects.yaml` (a mapping name → definition, or a list with `name`). */
export function parseProjectsSection(raw: unknown, where = 'projects'): Result<Map<string, ProjectDefinition>, FlinkPilotError> {
  const projects = new Map<string, ProjectDefinition>();
  if (raw === undefined || raw === null) return ok(projects);
  const entries: [string, unknown, string][] = [];
  if (Array.isArray(raw)) {
    for (const [index, item] of raw.entries()) {
      if (!isRecord(item) || typeof item.name !== 'string' || item.name.trim() === '') return invalid(`${where}[${index}]`, 'each project needs a `name`.');
      entries.push([item.name.trim(), item, `${where}[${index}]`]);
    }
  } else if (isRecord(raw)) {
    for (const [name, value] of Object.entries(raw)) entries.push([name, value, `${where}.${name}`]);
  } else {
    return invalid(where, 'expected a mapping of project names to definitions.');
  }
  for (const [name, value, at] of entries) {
    if (projects.has(name)) return invalid(at, `the project "${name}" is defined twice.`);
    const parsed = parseProjectDefinition(name, value, at);
    if (!parsed.ok) return parsed;
    projects.set(name, parsed.value);
  }
  return ok(projects);
}
