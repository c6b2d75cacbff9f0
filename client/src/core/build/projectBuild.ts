// One build of a project: pull the ref, build it (unless the same commit was already built with the
// same arguments), pick the jar and its main class, and record the build in the job's history.
// Used by `flink-pilot build`, by `submit` for a job whose artifact is a project, and by the
// extension's build task.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { FlinkPilotError } from '../errors';
import type { JobHistoryStore } from '../history/jobHistory';
import { defaultCacheDir } from '../local/localPaths';
import { withDirectoryLock } from '../local/directoryLock';
import { err, ok, type Result } from '../result';
import { describeArtifact, selectJar, type SelectedArtifact } from './artifactSelection';
import { buildCommandFor, type BuildCommand } from './buildCommand';
import { BuildCache, buildKey } from './buildCache';
import type { BuildProblem } from './buildProblems';
import { resolveCredentials, SecretScrubber, secretForms, type SecretResolver } from './gitCredentials';
import { projectCacheDir, pullProject } from './gitRepository';
import { runBuild, untrustedWorkspaceError } from './mavenBuild';
import type { ProjectDefinition } from './projectDefinition';

export interface ProjectBuildRequest {
  project: ProjectDefinition;
  /** For relative paths (Maven settings) and the default history location. */
  workspaceRoot: string;
  /** Workspace Trust: builds run repository code, so they only run when true. */
  trusted: boolean;
  resolveSecret: SecretResolver;
  /** Default `<user cache>/flink-pilot/builds`. */
  cacheDir?: string;
  signal?: AbortSignal;
  /** Every line of git's and the build's output, secrets removed. */
  onLine?: (line: string) => void;
  onProgress?: (step: string) => void;
  /** Build even when this commit was built with the same arguments before. */
  force?: boolean;
  mavenExecutable?: string;
  /** When given, the build is written into this job's history. */
  record?: { history: JobHistoryStore; jobFilePath: string; cluster: string };
  /**
   * A local checkout of the same repository (typically the workspace folder): compile problems
   * point at its files, where they exist, instead of at the build cache's clone — so the Problems
   * view opens the user's own sources. (Line numbers are those of the built commit.)
   */
  sourceRoot?: string;
}

/** Maps `<repoDir>/<path>` to `<sourceRoot>/<path>` when that file exists there. */
export function problemPathMapper(repoDir: string, sourceRoot: string | undefined): ((file: string) => string) | undefined {
  if (!sourceRoot) return undefined;
  const prefix = repoDir.endsWith(sep) ? repoDir : `${repoDir}${sep}`;
  return (file) => {
    if (!file.startsWith(prefix)) return file;
    const local = join(sourceRoot, file.slice(prefix.length));
    return existsSync(local) ? local : file;
  };
}

export interface ProjectBuildOutcome {
  project: string;
  url: string;
  ref: string;
  commit: string;
  subject: string;
  tool: 'maven' | 'gradle';
  buildArgs: string[];
  /** The command that ran (or would have run, when reused). */
  command: Pick<BuildCommand, 'command' | 'args' | 'cwd'>;
  /** True when an earlier build of the same commit and arguments was reused. */
  reused: boolean;
  artifact: SelectedArtifact;
  durationMs: number;
  /** Warnings of the compiler (errors fail the build). */
  problems: BuildProblem[];
}

export function defaultBuildCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultCacheDir(env), 'builds');
}

async function fileHash(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

export async function buildProject(request: ProjectBuildRequest): Promise<Result<ProjectBuildOutcome, FlinkPilotError>> {
  const { project } = request;
  if (!request.trusted) return err(untrustedWorkspaceError(`Building project "${project.name}"`));
  const started = performance.now();
  const progress = request.onProgress ?? (() => undefined);
  const cacheDir = request.cacheDir ?? defaultBuildCacheDir();
  const projectDir = projectCacheDir(cacheDir, project);

  const credentials = await resolveCredentials(project.name, project.credentials, request.resolveSecret);
  if (!credentials.ok) return credentials;
  const scrubber = new SecretScrubber(secretForms(credentials.value));
  const onLine = request.onLine ? (line: string) => request.onLine!(scrubber.scrub(line)) : undefined;

  try {
    await mkdir(projectDir, { recursive: true });
    // One build per project at a time: two would check out into the same clone.
    return await withDirectoryLock(join(projectDir, 'lock'), async () => {
      progress(`Pulling ${project.ref ?? 'the default branch'} of ${project.name}`);
      const pulled = await pullProject({ project, credentials: credentials.value, cacheDir, signal: request.signal, onLine });
      if (!pulled.ok) return pulled;
      const { repoDir, commit } = pulled.value;
      progress(`Building commit ${commit.slice(0, 12)} "${pulled.value.subject}"`);

      const command = buildCommandFor(project, { repoDir, workspaceRoot: request.workspaceRoot, mavenExecutable: request.mavenExecutable });
      if (!command.ok) return command;
      const settings = project.mavenSettings ? (isAbsolute(project.mavenSettings) ? project.mavenSettings : resolve(request.workspaceRoot, project.mavenSettings)) : undefined;
      const key = buildKey({
        commit,
        tool: command.value.tool,
        args: command.value.args.map((a) => a.split(repoDir).join('<repo>')),
        directory: project.directory,
        pom: project.pom,
        artifact: project.artifact,
        mainClass: project.mainClass,
        settingsHash: settings ? await fileHash(settings) : undefined,
      });
      const cache = new BuildCache(projectDir);
      const shownCommand = { command: command.value.command, args: command.value.args, cwd: command.value.cwd };
      const base = { project: project.name, url: project.url, ref: pulled.value.ref, commit, subject: pulled.value.subject, tool: command.value.tool, buildArgs: project.buildArgs, command: shownCommand };

      const previous = request.force ? undefined : await cache.find(key);
      let outcome: ProjectBuildOutcome;
      if (previous) {
        onLine?.(`Commit ${commit.slice(0, 12)} was already built with these arguments (${previous.builtAt}); reusing ${previous.artifact.path}`);
        outcome = { ...base, reused: true, artifact: previous.artifact, durationMs: performance.now() - started, problems: [] };
      } else {
        const ran = await runBuild(command.value, { trusted: request.trusted, signal: request.signal, timeoutMs: project.timeoutMs, onLine, onProgress: progress, scrub: (t) => scrubber.scrub(t), mapProblemFile: problemPathMapper(repoDir, request.sourceRoot) });
        if (!ran.ok) return ran;
        progress('Selecting the job jar');
        const jar = await selectJar({ buildDir: command.value.cwd, outputDir: command.value.outputDir, configured: project.artifact, project: project.name });
        if (!jar.ok) return jar;
        const artifact = await describeArtifact(jar.value, project.mainClass);
        const stored = await cache.store({ key, commit, tool: command.value.tool, buildArgs: project.buildArgs, artifact, builtAt: new Date().toISOString(), durationMs: Math.round(ran.value.durationMs) });
        outcome = { ...base, reused: false, artifact: stored.artifact, durationMs: performance.now() - started, problems: ran.value.problems };
      }

      if (request.record) {
        await request.record.history.append(request.record.jobFilePath, {
          kind: 'build',
          at: new Date().toISOString(),
          cluster: request.record.cluster,
          project: project.name,
          url: project.url,
          ref: outcome.ref,
          commit,
          tool: outcome.tool,
          buildArgs: project.buildArgs,
          jarPath: outcome.artifact.path,
          jarChecksum: outcome.artifact.checksum,
          mainClass: outcome.artifact.mainClass,
          reused: outcome.reused,
          durationMs: Math.round(outcome.durationMs),
        });
      }
      progress(`Built ${outcome.artifact.path}${outcome.reused ? ' (reused)' : ''}`);
      return ok(outcome);
    });
  } catch (error) {
    if (error instanceof FlinkPilotError) return err(error);
    return err(new FlinkPilotError(`Building project "${project.name}" failed: ${scrubber.scrub(error instanceof Error ? error.message : String(error))}`, { code: 'build-failed' }));
  }
}
