// Jar jobs built from a Git project: `build` runs the core's pull + Maven build for the job file (the
// CLI runs in the user's own terminal, so it is trusted; secrets come from FLINK_PILOT_SECRET_<NAME>),
// and `submit` / `restore` build first (reusing an earlier build of the same commit and arguments).
import { environmentSecretResolver } from '../core/build/gitCredentials';
import { buildJobFileProject, hasProject, type JobFileBuildOptions } from '../core/build/jobFileProject';
import type { ProjectBuildOutcome } from '../core/build/projectBuild';
import { FlinkPilotError } from '../core/errors';
import { findWorkspaceRoot, JobHistoryStore } from '../core/history/jobHistory';
import type { LoadedJobFile } from '../core/jobs/jobFile';
import type { CliContext } from './cliContext';

/** How the CLI builds: trusted, secrets from the environment, log lines as progress on stderr. */
export function cliBuildOptions(ctx: CliContext, loaded: LoadedJobFile, extra: Partial<JobFileBuildOptions> = {}): JobFileBuildOptions {
  return {
    trusted: true,
    resolveSecret: environmentSecretResolver(ctx.env),
    signal: ctx.signal,
    onProgress: ctx.io.progress,
    onLine: (line) => ctx.io.progress(`  ${line}`),
    history: new JobHistoryStore({ workspaceRoot: findWorkspaceRoot(loaded.path) }),
    ...extra,
  };
}

/** Builds the job file's project; undefined when its jar is not built from one. */
export async function buildJobProject(ctx: CliContext, loaded: LoadedJobFile, extra: Partial<JobFileBuildOptions> = {}): Promise<ProjectBuildOutcome | undefined> {
  if (!hasProject(loaded)) return undefined;
  const built = await buildJobFileProject(loaded, cliBuildOptions(ctx, loaded, extra));
  if (!built.ok) throw built.error;
  return built.value;
}

/** The jar of the latest recorded build, for commands that only need the job's identity (stop, savepoint, history). */
export async function latestBuiltJar(jobFilePath: string): Promise<string | undefined> {
  const history = new JobHistoryStore({ workspaceRoot: findWorkspaceRoot(jobFilePath) });
  const { entries } = await history.read(jobFilePath);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.kind === 'build') return entry.jarPath;
  }
  return undefined;
}

export function notAProject(jobFile: string): FlinkPilotError {
  return new FlinkPilotError(`${jobFile} does not build its jar from a Git project (jar.project), so there is nothing to build.`, {
    code: 'usage',
    hint: 'Jobs with jar.path or jar.maven are submitted as they are: use `flink-pilot submit`.',
  });
}
