// The Git project of a loaded job file (`jar.project`), as a checked ProjectDefinition with the
// job file's paths resolved, and the one-call flows the CLI and the extension use: build the job
// file's project; submit it (build first); upgrade it to the project's current ref with its state.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { FlinkPilotError } from '../errors';
import { findWorkspaceRoot, type JobHistoryStore } from '../history/jobHistory';
import type { JobContext } from '../jobs/deploymentTypes';
import type { LoadedJobFile } from '../jobs/jobFile';
import type { SubmitOptions } from '../jobs/jobService';
import { jobSpecFromJobFile } from '../jobs/jobSpec';
import { err, ok, type Result } from '../result';
import { buildProject, type ProjectBuildOutcome, type ProjectBuildRequest } from './projectBuild';
import { submitBuiltJar, upgradeToBuiltJar, type ProjectSubmitOutcome, type ProjectUpgradeOutcome } from './projectDeployment';
import { isSafeRef, type ProjectDefinition } from './projectDefinition';
import { resolveProjectReference } from './workspaceProjects';

/** Whether the job file's jar is built from a Git project. */
export function hasProject(loaded: LoadedJobFile): boolean {
  return loaded.job.type === 'jar' && loaded.job.jar?.project !== undefined;
}

function isUrlLike(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^(?:[\w.-]+@)?[\w.-]+:(?!\/\/)/.test(url);
}

/**
 * The job file's project: `jar.project` of the file (paths relative to the job file: a local
 * repository, `mavenSettings`; `pom` relative to `directory`), or a project of `.flink/projects.yaml`
 * named with `use:`.
 */
export async function projectOfJobFile(loaded: LoadedJobFile, workspaceRoot = findWorkspaceRoot(loaded.path)): Promise<Result<ProjectDefinition, FlinkPilotError>> {
  const raw = loaded.job.type === 'jar' ? (loaded.job.jar?.project as unknown) : undefined;
  if (raw === undefined || raw === null) {
    return err(new FlinkPilotError(`${loaded.path}: job "${loaded.job.name}" is not built from a Git project (no jar.project).`, { code: 'no-project', hint: 'Add `jar: { project: { url: …, ref: … } }` to the job file.' }));
  }
  const written = { ...(raw as Record<string, unknown>) };
  const baseDir = dirname(loaded.path);
  if (typeof written.url === 'string' && !isUrlLike(written.url)) written.url = isAbsolute(written.url) ? written.url : resolve(baseDir, written.url);
  // The job file writes `pom` relative to `directory`; a project definition relative to the repository.
  if (typeof written.pom === 'string' && typeof written.directory === 'string') written.pom = join(written.directory, written.pom);
  if (typeof written.mavenSettings === 'string' && !isAbsolute(written.mavenSettings)) written.mavenSettings = resolve(baseDir, written.mavenSettings);
  const entryClass = loaded.job.type === 'jar' ? loaded.job.jar?.entryClass : undefined;
  if (entryClass && written.mainClass === undefined && written.use === undefined) written.mainClass = entryClass;
  return resolveProjectReference(written, { workspaceRoot, jobName: loaded.job.name, where: `${loaded.path}: jar.project` });
}

/** How to build a job file's project: the build request's own options, plus history and overrides. */
export type JobFileBuildOptions = Pick<ProjectBuildRequest, 'trusted' | 'resolveSecret' | 'cacheDir' | 'signal' | 'onLine' | 'onProgress' | 'force'> & {
  /** Records the build in this history (default: the job file's workspace history). */
  history?: JobHistoryStore;
  /** Cluster name for the history entry. */
  cluster?: string;
  /** Build this branch, tag or commit instead of the project's ref (e.g. `upgrade --ref v2.4.1`). */
  refOverride?: string;
  /** A local checkout of the project (e.g. the workspace folder) for problem paths; see ProjectBuildRequest.sourceRoot. */
  sourceRoot?: string;
};

/** `flink-pilot build JOBFILE`: pull, build (or reuse), select the jar; recorded in the job's history. */
export async function buildJobFileProject(loaded: LoadedJobFile, options: JobFileBuildOptions): Promise<Result<ProjectBuildOutcome, FlinkPilotError>> {
  const workspaceRoot = findWorkspaceRoot(loaded.path);
  const project = await projectOfJobFile(loaded, workspaceRoot);
  if (!project.ok) return project;
  if (options.refOverride !== undefined && !isSafeRef(options.refOverride)) {
    return err(new FlinkPilotError(`"${options.refOverride}" is not a valid branch, tag or commit name.`, { code: 'invalid-project' }));
  }
  return buildProject({
    project: options.refOverride ? { ...project.value, ref: options.refOverride } : project.value,
    workspaceRoot,
    trusted: options.trusted,
    resolveSecret: options.resolveSecret,
    cacheDir: options.cacheDir,
    signal: options.signal,
    onLine: options.onLine,
    onProgress: options.onProgress,
    force: options.force,
    sourceRoot: options.sourceRoot,
    record: options.history ? { history: options.history, jobFilePath: loaded.path, cluster: options.cluster ?? loaded.job.cluster ?? 'local' } : undefined,
  });
}

/** The job's deployment spec with the built jar in place of the project. */
function contextWithBuild(loaded: LoadedJobFile, ctx: Omit<JobContext, 'job'>, build: ProjectBuildOutcome): Result<JobContext, FlinkPilotError> {
  const spec = jobSpecFromJobFile(loaded, { builtJarPath: build.artifact.path });
  if (!spec.ok) return spec;
  return ok({ ...ctx, job: spec.value });
}

function buildOptionsFor(ctx: Omit<JobContext, 'job'>, options: JobFileBuildOptions): JobFileBuildOptions {
  return { ...options, signal: options.signal ?? ctx.signal, onProgress: options.onProgress ?? ctx.onProgress, history: options.history ?? ctx.history, cluster: options.cluster ?? ctx.cluster.name };
}

/** `flink-pilot submit JOBFILE` for a project job: build first, then submit the jar. */
export async function submitJobFileProject(loaded: LoadedJobFile, ctx: Omit<JobContext, 'job'>, options: JobFileBuildOptions, submit: SubmitOptions = {}): Promise<Result<ProjectSubmitOutcome, FlinkPilotError>> {
  const build = await buildJobFileProject(loaded, buildOptionsFor(ctx, options));
  if (!build.ok) return build;
  const context = contextWithBuild(loaded, ctx, build.value);
  if (!context.ok) return context;
  return submitBuiltJar(context.value, build.value, submit);
}

/** `flink-pilot upgrade JOBFILE`: build the project's ref, then stop with savepoint and restore the new jar from it. */
export async function upgradeJobFileProject(loaded: LoadedJobFile, ctx: Omit<JobContext, 'job'>, options: JobFileBuildOptions, upgrade: { jobId?: string; allowNonRestoredState?: boolean } = {}): Promise<Result<ProjectUpgradeOutcome, FlinkPilotError>> {
  ctx.onProgress?.('Building the new version before touching the running job');
  const build = await buildJobFileProject(loaded, buildOptionsFor(ctx, options));
  if (!build.ok) return build;
  const context = contextWithBuild(loaded, ctx, build.value);
  if (!context.ok) return context;
  return upgradeToBuiltJar(context.value, build.value, upgrade);
}
