// `flink-pilot` — the command-line tool over the deployment core (bundled to dist/cli.js).
import { parseArgs } from 'node:util';
import { describeError, FlinkPilotError } from './core/errors';
import { localClusterStatus, startLocalCluster, stopLocalCluster, LOCAL_FLINK_RELEASES } from './core/local';

const USAGE = `Usage: flink-pilot <command> [options]

Commands:
  local start|stop|status [--flink VER] [--name NAME]   run a local Flink (${LOCAL_FLINK_RELEASES.map((r) => r.line).join(', ')})
  demo                                                  the end-to-end demo on a local Flink

Options:
  --json   machine-readable output
  --help   this text

Exit codes: 0 ok, 1 failure, 2 usage error.`;

async function local(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { flink: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  });
  const action = positionals[0];
  const progress = (m: string) => process.stderr.write(`${m}\n`);
  if (action === 'start') {
    const info = await startLocalCluster({ version: values.flink, name: values.name, onProgress: progress });
    console.log(json ? JSON.stringify(info, null, 2) : `Flink ${info.version} running: Web UI ${info.restUrl}, SQL Gateway ${info.gatewayUrl}`);
    return 0;
  }
  if (action === 'stop') {
    const stopped = await stopLocalCluster({ version: values.flink, name: values.name });
    console.log(json ? JSON.stringify({ stopped }) : stopped.length ? `Stopped ${stopped.join(', ')}` : 'Nothing was running.');
    return 0;
  }
  if (action === 'status') {
    const status = await localClusterStatus({ version: values.flink, name: values.name });
    if (json) console.log(JSON.stringify(status, null, 2));
    else if (status.running.length === 0) console.log(`${status.name}: not running${status.staleCleaned ? ' (stale pid records cleaned)' : ''}`);
    else console.log(`${status.name}: Flink ${status.info?.version} — running ${status.running.join(', ')}${status.stopped.length ? `; down: ${status.stopped.join(', ')}` : ''}; Web UI ${status.info?.restUrl}`);
    return status.running.length === 3 || status.running.length === 0 ? 0 : 1;
  }
  throw new FlinkPilotError(`Unknown action "local ${action ?? ''}".`, { code: 'usage', hint: 'Use local start, local stop or local status.' });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'local':
      return local(rest, json);
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`flink-pilot: ${describeError(error)}`);
    process.exit(error instanceof FlinkPilotError && error.code === 'usage' ? 2 : 1);
  },
);
