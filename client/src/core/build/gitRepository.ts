// Brings a project's repository to the commit to build, in a per-project cache directory: the first
// pull initialises the clone, later pulls fetch only the ref (shallow, depth 1) and check it out
// detached over a cleaned tree. Git never prompts (see gitCredentials.ts) and every message that
// leaves this module has the project's secrets scrubbed out.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import { openGitAuthSession, type GitAuthSession, type ResolvedCredentials } from './gitCredentials';
import type { ProjectDefinition } from './projectDefinition';

export interface PullOptions {
  project: ProjectDefinition;
  credentials: ResolvedCredentials;
  /** Root of the build caches; the project's clone lives below it. */
  cacheDir: string;
  signal?: AbortSignal;
  /** Git's progress and messages, secrets scrubbed. */
  onLine?: (line: string) => void;
  /** Kills git when it prints nothing for this long (default 120 s). */
  idleTimeoutMs?: number;
  /** Only resolve the commit the ref names; do not check it out. */
  resolveOnly?: boolean;
}

export interface PulledSource {
  /** The work tree, checked out at `commit` (unless `resolveOnly`). */
  repoDir: string;
  /** Full commit id that will be built. */
  commit: string;
  /** The ref that was asked for (`HEAD` = the remote's default branch). */
  ref: string;
  subject: string;
  author: string;
  committedAt: string;
}

/** `<cacheDir>/projects/<name>-<hash of url>`: one directory per project and repository. */
export function projectCacheDir(cacheDir: string, project: Pick<ProjectDefinition, 'name' | 'url'>): string {
  const safeName = project.name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'project';
  return join(cacheDir, 'projects', `${safeName}-${createHash('sha256').update(project.url).digest('hex').slice(0, 10)}`);
}

const COMMIT_ID = /^[0-9a-f]{7,40}$/i;

export type GitFailureKind = 'ref-not-found' | 'auth-failed' | 'unreachable' | 'not-a-repository' | 'cancelled' | 'git-failed';

/** Sorts git's stderr into what went wrong, for a message a person can act on. */
export function classifyGitFailure(message: string): GitFailureKind {
  const text = message.toLowerCase();
  if (/couldn't find remote ref|could not find remote ref|no such ref|not our ref|unknown revision|invalid object name|reference is not a tree|did not match any|needed a single revision|bad revision/.test(text)) return 'ref-not-found';
  if (/authentication failed|could not read username|could not read password|terminal prompts disabled|permission denied \(publickey|access denied|http basic|returned error: 40[13]|invalid credentials|401 unauthorized|403 forbidden|host key verification failed/.test(text)) return 'auth-failed';
  if (/could not resolve host|connection refused|connection timed out|failed to connect|network is unreachable|no route to host|could not resolve hostname/.test(text)) return 'unreachable';
  if (/does not appear to be a git repository|repository '.*' not found|returned error: 404|no such repository/.test(text)) return 'not-a-repository';
  if (/unable to access|could not read from remote repository/.test(text)) return 'unreachable';
  if (/abort|killed|timed? ?out/.test(text)) return 'cancelled';
  return 'git-failed';
}

function gitError(kind: GitFailureKind, project: ProjectDefinition, ref: string, stderr: string, cause: unknown): FlinkPilotError {
  const detail = stderr.trim().split('\n').slice(-8).join('\n');
  switch (kind) {
    case 'ref-not-found':
      return new FlinkPilotError(`The ref "${ref}" does not exist in the repository of project "${project.name}" (${project.url}).`, {
        code: 'git-ref-not-found', cause, detail, hint: 'Check the branch, tag or commit in the project definition; `git ls-remote <url>` lists branches and tags.',
      });
    case 'auth-failed':
      return new FlinkPilotError(`Git could not authenticate to ${project.url} for project "${project.name}".`, {
        code: 'git-auth-failed', cause, detail,
        hint: project.credentials
          ? 'The configured credential was rejected: check that the token or password is current and may read this repository.'
          : 'The repository needs credentials: add `credentials:` (a token or username/password by secret reference, or an SSH key) to the project.',
      });
    case 'not-a-repository':
      return new FlinkPilotError(`${project.url} is not a Git repository that can be read (project "${project.name}").`, { code: 'git-not-found', cause, detail, hint: 'Check the URL; a private repository may also answer "not found" without credentials.' });
    case 'unreachable':
      return new FlinkPilotError(`The Git server of project "${project.name}" (${project.url}) cannot be reached.`, { code: 'git-unreachable', cause, detail, hint: 'Check the URL, the network and any proxy settings.' });
    case 'cancelled':
      return new FlinkPilotError(`Pulling project "${project.name}" was cancelled or timed out.`, { code: 'cancelled', cause, detail });
    default:
      return new FlinkPilotError(`Git failed for project "${project.name}" (${project.url}).`, { code: 'git-failed', cause, detail });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function gitFor(repoDir: string, auth: GitAuthSession, options: PullOptions): SimpleGit {
  // One line per stage (and its end), not one per percent.
  let lastStage = '';
  const onProgress = (stage: string, progress: number) => {
    if (stage === lastStage && progress < 100) return;
    lastStage = stage;
    options.onLine?.(`git: ${stage} ${progress}%`);
  };
  return simpleGit({
    baseDir: repoDir,
    config: auth.config,
    abort: options.signal,
    timeout: { block: options.idleTimeoutMs ?? 120_000 },
    // We set these variables ourselves, to fixed values, precisely to keep git non-interactive.
    unsafe: { allowUnsafeAskPass: true, allowUnsafeSshCommand: true, allowUnsafeConfigEnvCount: true, allowUnsafeCredentialHelper: true },
    progress: options.onLine ? ({ stage, progress }) => onProgress(stage, progress) : undefined,
  }).env(auth.env);
}

/**
 * Clones or fetches the project's repository and checks out the commit its ref names. Returns the
 * commit that will be built; a wrong ref, rejected credentials or an unreachable server are errors
 * that say so (never a prompt that waits).
 */
export async function pullProject(options: PullOptions): Promise<Result<PulledSource, FlinkPilotError>> {
  const { project } = options;
  const ref = project.ref ?? 'HEAD';
  const repoDir = join(projectCacheDir(options.cacheDir, project), 'repo');
  const auth = await openGitAuthSession(options.credentials);
  const scrub = (text: string) => auth.scrubber.scrub(text);
  const say = (line: string) => options.onLine?.(scrub(line));
  try {
    await mkdir(repoDir, { recursive: true });
    const git = gitFor(repoDir, auth, { ...options, onLine: options.onLine ? say : undefined });
    if (!existsSync(join(repoDir, '.git'))) {
      say(`git: initialising the cache for ${project.url} in ${repoDir}`);
      await git.init();
      await git.addRemote('origin', project.url);
    } else {
      await git.remote(['set-url', 'origin', project.url]);
    }

    say(`git: fetching ${ref} from ${project.url}`);
    let fetchError: unknown;
    try {
      // Shallow fetch of exactly the ref: a branch, a tag, HEAD, or (where the server allows it) a commit id.
      await git.raw(['fetch', '--depth=1', '--no-tags', '--force', 'origin', ref]);
    } catch (error) {
      fetchError = error;
    }
    let target = 'FETCH_HEAD';
    if (fetchError !== undefined) {
      const kind = classifyGitFailure(messageOf(fetchError));
      if (kind !== 'ref-not-found' || !COMMIT_ID.test(ref)) return err(gitError(kind, project, ref, scrub(messageOf(fetchError)), undefined));
      // A commit id the server will not hand out directly: fetch the history of all branches and tags, then find it.
      say(`git: ${ref} is not fetchable by itself; fetching all branches and tags`);
      const unshallow = existsSync(join(repoDir, '.git', 'shallow')) ? ['--unshallow'] : [];
      try {
        await git.raw(['fetch', ...unshallow, '--force', '--tags', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
      } catch (error) {
        return err(gitError(classifyGitFailure(messageOf(error)), project, ref, scrub(messageOf(error)), undefined));
      }
      target = ref;
    }
    let commit: string;
    try {
      commit = (await git.raw(['rev-parse', '--verify', '--end-of-options', `${target}^{commit}`])).trim();
    } catch (error) {
      return err(gitError('ref-not-found', project, ref, scrub(messageOf(error)), undefined));
    }
    if (COMMIT_ID.test(ref) && !commit.toLowerCase().startsWith(ref.toLowerCase())) {
      return err(gitError('ref-not-found', project, ref, `the fetched ref resolved to ${commit}, not to the commit ${ref}`, undefined));
    }
    if (!options.resolveOnly) {
      await git.raw(['checkout', '--force', '--detach', commit]);
      // A clean tree: what is built is exactly the commit, never a leftover of an earlier build.
      await git.raw(['clean', '-ffdxq']);
    }
    const log = (await git.raw(['log', '-1', '--format=%s%x00%an%x00%cI', commit])).trim().split('\0');
    say(`git: ${ref} is commit ${commit.slice(0, 12)} "${log[0] ?? ''}"`);
    return ok({ repoDir, commit, ref, subject: log[0] ?? '', author: log[1] ?? '', committedAt: log[2] ?? '' });
  } catch (error) {
    const message = scrub(messageOf(error));
    const kind = options.signal?.aborted ? 'cancelled' : classifyGitFailure(message);
    return err(gitError(kind, project, ref, message, undefined));
  } finally {
    await auth.dispose();
  }
}
