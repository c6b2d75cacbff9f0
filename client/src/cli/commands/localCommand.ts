// `flink-pilot local start|stop|status [--flink VER] [--name NAME]`: the local Flink (JobManager,
// TaskManager, SQL Gateway on 127.0.0.1) that the tests, the demo and `cluster: local` use.
import { LOCAL_FLINK_RELEASES, localClusterStatus, startLocalCluster, stopLocalCluster } from '../../core/local';
import { parseCommandArgs, requirePositionals, stringOption, usageError } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { ExitCode } from '../exitCodes';

export const LOCAL_HELP = `Usage: flink-pilot local start|stop|status [--flink VER] [--name NAME] [--json]

Runs a real Flink on 127.0.0.1 (installed from PyPI into the user cache on first use).
  --flink VER   Flink line: ${LOCAL_FLINK_RELEASES.map((r) => `${r.line} (${r.version})`).join(', ')}; default ${LOCAL_FLINK_RELEASES[LOCAL_FLINK_RELEASES.length - 1].line}
  --name NAME   instance name; default flink-<line>

status exits 0 when the instance is fully up or fully down, 1 when only part of it runs.`;

export async function localCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('local', args, { flink: { type: 'string' }, name: { type: 'string' } });
  if (parsed.values.help) {
    ctx.io.out(LOCAL_HELP);
    return ExitCode.ok;
  }
  const [action] = requirePositionals('local', parsed, ['action']);
  const version = stringOption(parsed, 'flink');
  const name = stringOption(parsed, 'name');
  const stateDir = ctx.env.FLINK_PILOT_STATE_DIR;
  switch (action) {
    case 'start': {
      const info = await startLocalCluster({ version, name, stateDir, onProgress: ctx.io.progress, signal: ctx.signal });
      ctx.io.json(info);
      ctx.io.out(`Flink ${info.version} "${info.name}" is running.`);
      ctx.io.out(`  Web UI / REST  ${info.restUrl}`);
      ctx.io.out(`  SQL Gateway    ${info.gatewayUrl}`);
      ctx.io.out(`  Savepoints     ${info.savepointDir}`);
      if (info.startupMs !== undefined) ctx.io.out(`  Started in     ${(info.startupMs / 1000).toFixed(1)} s`);
      return ExitCode.ok;
    }
    case 'stop': {
      const stopped = await stopLocalCluster({ version, name, stateDir });
      ctx.io.json({ stopped });
      ctx.io.out(stopped.length ? `Stopped ${stopped.join(', ')}.` : 'Nothing was running.');
      return ExitCode.ok;
    }
    case 'status': {
      const status = await localClusterStatus({ version, name, stateDir });
      ctx.io.json(status);
      if (status.running.length === 0) {
        ctx.io.out(`${status.name}: not running${status.staleCleaned ? ' (stale pid records cleaned)' : ''}`);
      } else {
        ctx.io.out(`${status.name}: Flink ${status.info?.version}, running ${status.running.join(', ')}${status.stopped.length ? `; down: ${status.stopped.join(', ')}` : ''}`);
        ctx.io.out(`  Web UI / REST  ${status.info?.restUrl}`);
        ctx.io.out(`  SQL Gateway    ${status.info?.gatewayUrl}`);
      }
      return status.stopped.length === 0 || status.running.length === 0 ? ExitCode.ok : ExitCode.failed;
    }
    default:
      throw usageError(`Unknown action "local ${action}".`, 'Use local start, local stop or local status.');
  }
}
