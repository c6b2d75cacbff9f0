// `flink-pilot upgrade JOBFILE [--ref REF]`: moves the running job of a Git-project job file to a new
// commit with its state. The new commit is built FIRST (a commit that does not compile never stops
// the running job); then the job is stopped with a savepoint and the new jar is restored from it,
// and Flink is asked whether it really restored from that savepoint.
import { environmentSecretResolver } from '../../core/build/gitCredentials';
import { hasProject, upgradeJobFileProject } from '../../core/build/jobFileProject';
import { loadJobFile } from '../../core/jobs/jobFile';
import { flag, parseCommandArgs, requirePositionals, stringOption, usageError } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { clusterForJob, jobContextFor, loadCliJob } from '../cliJobs';
import { notAProject } from '../cliProjectBuild';
import { ExitCode } from '../exitCodes';

export const UPGRADE_HELP = `Usage: flink-pilot upgrade JOBFILE [--ref REF] [--job-id ID] [--allow-non-restored-state] [--force] [--cluster NAME] [--json]

Upgrades the running job of a job file whose jar is built from a Git project (jar.project): pulls and
builds the project's ref (or --ref), and only when that build succeeded stops the job with a savepoint
and starts the new jar from it. Exit 1 when Flink does not report that savepoint as the restore point.
  --ref REF                    build this branch, tag or commit instead of the job file's ref
  --job-id ID                  the running job to upgrade (default: the job file's running job)
  --allow-non-restored-state   allow state of removed operators to be dropped
  --force                      rebuild even when this commit was built with the same arguments`;

export async function upgradeCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('upgrade', args, {
    cluster: { type: 'string', short: 'c' }, ref: { type: 'string' }, 'job-id': { type: 'string' },
    'allow-non-restored-state': { type: 'boolean', short: 'n' }, force: { type: 'boolean', short: 'f' },
  });
  if (parsed.values.help) {
    ctx.io.out(UPGRADE_HELP);
    return ExitCode.ok;
  }
  const [jobFile] = requirePositionals('upgrade', parsed, ['jobfile']);
  const cliJob = await loadCliJob(ctx, jobFile);
  const loaded = loadJobFile(cliJob.jobFilePath);
  if (!loaded.ok) throw loaded.error;
  if (!hasProject(loaded.value)) throw notAProject(jobFile);
  if (cliJob.mode !== 'remote') {
    throw usageError(`upgrade works through the cluster's REST API (mode remote); this job runs in mode ${cliJob.mode}.`, 'Use `flink-pilot build`, `stop --savepoint` and `restore --from PATH`.');
  }
  const cluster = await clusterForJob(ctx, cliJob, stringOption(parsed, 'cluster'));
  const { job: _job, ...context } = jobContextFor(ctx, cliJob, cluster);
  const outcome = await upgradeJobFileProject(
    loaded.value,
    context,
    {
      trusted: true,
      resolveSecret: environmentSecretResolver(ctx.env),
      force: flag(parsed, 'force'),
      refOverride: stringOption(parsed, 'ref'),
      onLine: (line) => ctx.io.progress(`  ${line}`),
    },
    { jobId: stringOption(parsed, 'job-id'), allowNonRestoredState: flag(parsed, 'allow-non-restored-state') || undefined },
  );
  if (!outcome.ok) throw outcome.error;
  const { build, stop, restore } = outcome.value;
  ctx.io.json(outcome.value);
  ctx.io.out(`Upgraded "${restore.jobName}" to ${build.project} ${build.commit.slice(0, 12)} (${build.ref}: ${build.subject})`);
  ctx.io.out(`  Stopped     job ${stop.jobId} with savepoint ${stop.savepointPath}`);
  ctx.io.out(`  Started     job ${restore.jobId} ${restore.state} from that savepoint`);
  ctx.io.out(`  Jar         ${build.artifact.path} (sha256 ${build.artifact.checksum.slice(0, 16)}…${build.reused ? ', reused build' : ''})`);
  if (restore.verification.verified) {
    ctx.io.out(`  Verified: Flink reports the job restored from ${restore.verification.flinkRestoredPath}.`);
    ctx.io.out(`  Web UI      ${restore.webUrl}`);
    return ExitCode.ok;
  }
  ctx.io.err(`NOT VERIFIED: ${restore.verification.explanation ?? 'Flink does not report the savepoint as the restore point.'}`);
  return ExitCode.failed;
}
