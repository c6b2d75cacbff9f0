// `flink-pilot jobs [--cluster C] [--all]`: the jobs of one or every known cluster, newest first.
import type { JobOverview } from '../../core/flink/flinkRestTypes';
import { listJobs } from '../../core/jobs/jobService';
import { parseCommandArgs, requirePositionals, stringOption, flag } from '../cliArgs';
import { knownClusters, resolveCluster, type KnownCluster } from '../cliClusters';
import type { CliContext } from '../cliContext';
import { ExitCode } from '../exitCodes';

export const JOBS_HELP = `Usage: flink-pilot jobs [--cluster NAME] [--all] [--json]

Lists the jobs of one cluster (--cluster) or of every known cluster. Without --all only jobs that
have not ended (RUNNING, RESTARTING, …) are shown. Exits 3 when a cluster is unreachable.`;

const ENDED = new Set(['FINISHED', 'CANCELED', 'FAILED']);

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

export async function jobsCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('jobs', args, { cluster: { type: 'string', short: 'c' }, all: { type: 'boolean', short: 'a' } });
  if (parsed.values.help) {
    ctx.io.out(JOBS_HELP);
    return ExitCode.ok;
  }
  requirePositionals('jobs', parsed, []);
  const name = stringOption(parsed, 'cluster');
  const every = name ? [await resolveCluster(ctx, name)] : await knownClusters(ctx);
  const clusters: KnownCluster[] = every.filter((c) => !c.problem);
  const all = flag(parsed, 'all');
  const results = await Promise.all(clusters.map(async (cluster) => ({ cluster, jobs: await listJobs(cluster.connection, { signal: ctx.signal }) })));
  const report: { cluster: string; restUrl: string; jobs?: JobOverview[]; error?: string }[] = [];
  let exit: number = ExitCode.ok;
  for (const unusable of every.filter((c) => c.problem)) {
    exit = ExitCode.clusterUnreachable;
    report.push({ cluster: unusable.connection.name, restUrl: unusable.connection.restUrl, error: unusable.problem });
    ctx.io.out(`${unusable.connection.name}: cannot be used: ${unusable.problem}`);
  }
  for (const { cluster, jobs } of results) {
    if (!jobs.ok) {
      if (name) throw jobs.error;
      exit = ExitCode.clusterUnreachable;
      report.push({ cluster: cluster.connection.name, restUrl: cluster.connection.restUrl, error: jobs.error.message });
      ctx.io.out(`${cluster.connection.name}: ${jobs.error.message}`);
      continue;
    }
    const shown = jobs.value.filter((job) => all || !ENDED.has(job.state)).sort((a, b) => b['start-time'] - a['start-time']);
    report.push({ cluster: cluster.connection.name, restUrl: cluster.connection.restUrl, jobs: shown });
    ctx.io.out(`${cluster.connection.name} (${cluster.connection.restUrl}): ${shown.length} job(s)${all ? '' : ' not ended'}`);
    for (const job of shown) {
      ctx.io.out(`  ${job.jid}  ${job.state.padEnd(11)} ${formatDuration(job.duration).padStart(7)}  ${job.name}`);
    }
  }
  ctx.io.json({ clusters: report });
  if (clusters.length === 0) ctx.io.out('No clusters: define them in .flink/clusters.yaml or start a local one with `flink-pilot local start`.');
  return exit;
}
