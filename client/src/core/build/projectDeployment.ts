// A job whose artifact is a Git project, deployed through the core's jar submission: `submit` builds
// then submits; `upgrade` moves a running job to a new commit with its state. The upgrade builds
// FIRST, so a commit that does not compile never stops the running job; only then it stops the job
// with a savepoint and restores the new jar from exactly that savepoint (verified with Flink).
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import type { JobContext, JobSpec, RestoreOutcome, StopOutcome, SubmitOutcome } from '../jobs/deploymentTypes';
import { restoreJob, stopJob, submitJob, type SubmitOptions } from '../jobs/jobService';
import { buildProject, type ProjectBuildOutcome, type ProjectBuildRequest } from './projectBuild';

/** The job with the built jar and its class; an ambiguous main class is an error listing the choices. */
export function jobWithBuiltJar(job: JobSpec, build: ProjectBuildOutcome): Result<JobSpec, FlinkPilotError> {
  const entryClass = job.jar?.entryClass ?? build.artifact.mainClass;
  if (!entryClass && build.artifact.mainClassCandidates.length > 1) {
    return err(new FlinkPilotError(`The jar of project "${build.project}" has no Main-Class in its manifest and ${build.artifact.mainClassCandidates.length} classes with a main method.`, {
      code: 'main-class-ambiguous',
      detail: build.artifact.mainClassCandidates.map((c) => `  ${c}`).join('\n'),
      hint: 'Choose one with `entryClass:` in the job file (or `mainClass:` in the project).',
    }));
  }
  if (!entryClass && build.artifact.mainClassCandidates.length === 0) {
    return err(new FlinkPilotError(`The jar of project "${build.project}" has no Main-Class in its manifest and no class with a public static main method.`, {
      code: 'main-class-missing', hint: 'Set `entryClass:` in the job file, or add a Main-Class to the jar manifest (maven-shade-plugin ManifestResourceTransformer).',
    }));
  }
  return ok({ ...job, type: 'jar', jar: { ...job.jar, path: build.artifact.path, maven: undefined, entryClass } });
}

export type ProjectBuildSettings = Omit<ProjectBuildRequest, 'record' | 'signal' | 'onProgress'>;

function buildFor(ctx: JobContext, settings: ProjectBuildSettings): Promise<Result<ProjectBuildOutcome, FlinkPilotError>> {
  return buildProject({
    ...settings,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    record: ctx.history ? { history: ctx.history, jobFilePath: ctx.jobFilePath, cluster: ctx.cluster.name } : undefined,
  });
}

export interface ProjectSubmitOutcome {
  build: ProjectBuildOutcome;
  submit: SubmitOutcome;
}

/** Pull, build (or reuse), then submit the jar. */
export async function submitProjectJob(ctx: JobContext, settings: ProjectBuildSettings, options: SubmitOptions = {}): Promise<Result<ProjectSubmitOutcome, FlinkPilotError>> {
  const build = await buildFor(ctx, settings);
  if (!build.ok) return build;
  return submitBuiltJar(ctx, build.value, options);
}

/** Submits a finished build's jar (ctx.job: the job as the file describes it). */
export async function submitBuiltJar(ctx: JobContext, build: ProjectBuildOutcome, options: SubmitOptions = {}): Promise<Result<ProjectSubmitOutcome, FlinkPilotError>> {
  const job = jobWithBuiltJar(ctx.job, build);
  if (!job.ok) return job;
  const submitted = await submitJob({ ...ctx, job: job.value }, options);
  if (!submitted.ok) return submitted;
  return ok({ build, submit: submitted.value });
}

export interface ProjectUpgradeOutcome {
  build: ProjectBuildOutcome;
  stop: StopOutcome;
  restore: RestoreOutcome;
}

/**
 * Upgrade the running job to the project's ref (e.g. a new commit): build, stop with a savepoint,
 * restore the new jar from that savepoint. When the restore fails, the error says where the
 * savepoint is, so nothing is lost.
 */
export async function upgradeProjectJob(ctx: JobContext, settings: ProjectBuildSettings, options: { jobId?: string; allowNonRestoredState?: boolean } = {}): Promise<Result<ProjectUpgradeOutcome, FlinkPilotError>> {
  ctx.onProgress?.('Building the new version before touching the running job');
  const build = await buildFor(ctx, settings);
  if (!build.ok) return build;
  return upgradeToBuiltJar(ctx, build.value, options);
}

/** Stop the running job with a savepoint and restore a finished build's jar from it. */
export async function upgradeToBuiltJar(ctx: JobContext, built: ProjectBuildOutcome, options: { jobId?: string; allowNonRestoredState?: boolean } = {}): Promise<Result<ProjectUpgradeOutcome, FlinkPilotError>> {
  const job = jobWithBuiltJar(ctx.job, built);
  if (!job.ok) return job;

  const stopped = await stopJob(ctx, { jobId: options.jobId, mode: 'savepoint' });
  if (!stopped.ok) {
    return err(new FlinkPilotError(`Upgrade stopped before it began: ${stopped.error.message}`, { code: stopped.error.code, cause: stopped.error, detail: stopped.error.detail, hint: stopped.error.hint ?? 'The running job was left as it was.' }));
  }
  const savepoint = stopped.value.savepointPath;
  if (!savepoint) return err(new FlinkPilotError('The job stopped without reporting a savepoint path.', { code: 'no-savepoint', hint: 'Restore it by hand with `flink-pilot restore JOBFILE --from PATH`.' }));

  const restored = await restoreJob({ ...ctx, job: job.value }, { from: { kind: 'savepoint', path: savepoint }, allowNonRestoredState: options.allowNonRestoredState });
  if (!restored.ok) {
    return err(new FlinkPilotError(`The job was stopped with savepoint ${savepoint}, but starting commit ${built.commit.slice(0, 12)} from it failed: ${restored.error.message}`, {
      code: restored.error.code, cause: restored.error, detail: restored.error.detail,
      hint: `Nothing is lost: fix the cause, then \`flink-pilot restore JOBFILE --from ${savepoint}\` (or upgrade again).`,
    }));
  }
  return ok({ build: built, stop: stopped.value, restore: restored.value });
}
