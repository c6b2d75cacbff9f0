// `flink-pilot build JOBFILE [--force]`: pull the job's Git project, build it with Maven (argument
// array, live log on stderr, compiler problems as file:line:column), pick the jar and its main class,
// and record the build in the job's history. Nothing is rebuilt when commit and arguments are unchanged.
import { resolve } from 'node:path';
import { loadJobFile } from '../../core/jobs/jobFile';
import { flag, parseCommandArgs, requirePositionals, stringOption } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { buildJobProject, notAProject } from '../cliProjectBuild';
import { ExitCode } from '../exitCodes';
import { formatProblem } from '../../core/build/buildProblems';

export const BUILD_HELP = `Usage: flink-pilot build JOBFILE [--ref REF] [--force] [--json]

Pulls the job's Git project (jar.project), builds it (mvn -B package -DskipTests + the project's
arguments), selects the shaded jar and its main class, and records the build in the job's history.
Secrets for private repositories come from FLINK_PILOT_SECRET_<NAME>.
  --ref REF   build this branch, tag or commit instead of the project's ref
  --force     build even when this commit was built with the same arguments before`;

export async function buildCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('build', args, { force: { type: 'boolean', short: 'f' }, ref: { type: 'string' } });
  if (parsed.values.help) {
    ctx.io.out(BUILD_HELP);
    return ExitCode.ok;
  }
  const [jobFile] = requirePositionals('build', parsed, ['jobfile']);
  const loaded = loadJobFile(resolve(ctx.cwd, jobFile));
  if (!loaded.ok) throw loaded.error;
  const outcome = await buildJobProject(ctx, loaded.value, { force: flag(parsed, 'force'), refOverride: stringOption(parsed, 'ref') });
  if (!outcome) throw notAProject(jobFile);
  ctx.io.json(outcome);
  ctx.io.out(`${outcome.reused ? 'Reused the build of' : 'Built'} ${outcome.project} at ${outcome.commit.slice(0, 12)} (${outcome.ref}: ${outcome.subject}) in ${(outcome.durationMs / 1000).toFixed(1)} s`);
  ctx.io.out(`  Jar         ${outcome.artifact.path} (${outcome.artifact.sizeBytes} bytes, sha256 ${outcome.artifact.checksum.slice(0, 16)}…)`);
  if (outcome.artifact.mainClass) ctx.io.out(`  Main class  ${outcome.artifact.mainClass} (${outcome.artifact.mainClassSource})`);
  else if (outcome.artifact.mainClassCandidates.length) ctx.io.out(`  Main class  not in the manifest; candidates: ${outcome.artifact.mainClassCandidates.join(', ')} (set entryClass in the job file)`);
  for (const problem of outcome.problems) ctx.io.err(formatProblem(problem));
  return ExitCode.ok;
}
