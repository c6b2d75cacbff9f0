// `flink-pilot demo`: the end-to-end demo (runDemo in client/src/demo.ts) — start a local Flink, submit
// the demo SQL job, savepoint, stop with savepoint, restore, verify, stop. Exit 0 only when Flink
// reports the savepoint as the restore point.
import { listLocalClusters } from '../../core/local';
import { runDemo } from '../../demo';
import { flag, parseCommandArgs, requirePositionals, stringOption } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { ExitCode } from '../exitCodes';

export const DEMO_HELP = `Usage: flink-pilot demo [--flink VER] [--reuse] [--json]

Starts the local Flink (default 2.3), submits the demo SQL job (datagen → keyed aggregation → print),
waits for RUNNING, triggers a savepoint, stops with a savepoint, restores from it, shows that Flink
reports that savepoint as the restore point, and stops again — printing each step and its time.
  --flink VER   1.20 or 2.3
  --reuse       use a local cluster of that version that is already running
Exit 0 when the restore was verified by Flink, 1 otherwise.`;

export async function demoCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('demo', args, { flink: { type: 'string' }, reuse: { type: 'boolean' } });
  if (parsed.values.help) {
    ctx.io.out(DEMO_HELP);
    return ExitCode.ok;
  }
  requirePositionals('demo', parsed, []);
  const flinkVersion = stringOption(parsed, 'flink') ?? '2.3';
  const stateDir = ctx.env.FLINK_PILOT_STATE_DIR;
  let cluster;
  if (flag(parsed, 'reuse')) {
    const running = await listLocalClusters(...(stateDir ? [stateDir] : []));
    cluster = running.find((s) => s.info && s.running.length === 3 && (s.info.line === flinkVersion || s.info.version === flinkVersion))?.info;
    if (cluster) ctx.io.progress(`Reusing the running local cluster "${cluster.name}" (${cluster.restUrl})`);
  }
  const result = await runDemo({ flinkVersion, cluster, workspaceRoot: ctx.workspace, stateDir, out: (line) => ctx.io.out(line), signal: ctx.signal });
  ctx.io.json(result);
  return result.restoreVerified ? ExitCode.ok : ExitCode.failed;
}
