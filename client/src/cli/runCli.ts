// The CLI's dispatcher: global options, the command table, help, and the mapping of every failure to
// a human-readable message (what happened, cause, what to do) and a documented exit code.
import { version as packageVersion } from '../../../package.json';
import { closestMatch } from '../../../server/src/languageService/catalog/closestMatch';
import { FlinkPilotError } from '../core/errors';
import { GLOBAL_OPTIONS, usageError } from './cliArgs';
import type { CliContext } from './cliContext';
import { createCliIo, errorToJson, renderError, type CliStreams } from './cliIo';
import { findCliWorkspace } from './cliWorkspace';
import { EXIT_CODES_HELP, ExitCode, exitCodeForError } from './exitCodes';

type CommandHandler = (ctx: CliContext, args: readonly string[]) => Promise<number>;

// Commands load their modules on first use: `--help` or `clusters` should not pay for the SQL parser,
// the job-file schemas or the build machinery.
const lazy = <K extends string>(load: () => Promise<Record<K, CommandHandler>>, name: K): CommandHandler =>
  async (ctx, args) => (await load())[name](ctx, args);
const jobCommands = () => import('./commands/jobCommands');

interface CommandEntry {
  synopsis: string;
  summary: string;
  run: CommandHandler;
}

export const COMMANDS: Record<string, CommandEntry> = {
  local: { synopsis: 'local start|stop|status [--flink VER]', summary: 'run a real Flink on 127.0.0.1 (1.20 or 2.3)', run: lazy(() => import('./commands/localCommand'), 'localCommand') },
  clusters: { synopsis: 'clusters', summary: 'known clusters with version, slots and running jobs', run: lazy(() => import('./commands/clustersCommand'), 'clustersCommand') },
  installations: { synopsis: 'installations', summary: 'Flink distributions (FLINK_HOMEs) and their versions', run: lazy(() => import('./commands/installationsCommand'), 'installationsCommand') },
  jobs: { synopsis: 'jobs [--cluster C] [--all]', summary: 'jobs on one or every cluster', run: lazy(() => import('./commands/jobsCommand'), 'jobsCommand') },
  submit: { synopsis: 'submit JOBFILE [--cluster C]', summary: 'submit the job (SQL via the SQL Gateway, jar via REST or bin/flink)', run: lazy(jobCommands, 'submitCommand') },
  savepoint: { synopsis: 'savepoint JOBFILE', summary: 'trigger a savepoint of the running job', run: lazy(jobCommands, 'savepointCommand') },
  stop: { synopsis: 'stop JOBFILE [--savepoint|--drain|--cancel]', summary: 'stop the job (with a savepoint by default)', run: lazy(jobCommands, 'stopCommand') },
  restore: { synopsis: 'restore JOBFILE [--from latest|checkpoint|PATH]', summary: 'start from state; verified with Flink', run: lazy(jobCommands, 'restoreCommand') },
  history: { synopsis: 'history JOBFILE', summary: 'submissions, savepoints, stops and restores of the job', run: lazy(jobCommands, 'historyCommand') },
  build: { synopsis: 'build JOBFILE [--force]', summary: 'pull and build the job\'s Git project (Maven), record it in history', run: lazy(() => import('./commands/buildCommand'), 'buildCommand') },
  upgrade: { synopsis: 'upgrade JOBFILE [--ref REF]', summary: 'build the project\'s new commit, stop with savepoint, restore it (verified)', run: lazy(() => import('./commands/upgradeCommand'), 'upgradeCommand') },
  check: { synopsis: 'check FILE|DIR...', summary: 'language server diagnostics offline; exit 1 on errors', run: lazy(() => import('./commands/checkCommand'), 'checkCommand') },
  demo: { synopsis: 'demo [--flink VER] [--reuse]', summary: 'submit → savepoint → stop → restore (verified) on a local Flink', run: lazy(() => import('./commands/demoCommand'), 'demoCommand') },
};

export function usageText(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.synopsis.length));
  return `Usage: flink-pilot <command> [options]

Commands:
${Object.values(COMMANDS).map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`).join('\n')}

Options for every command:
  --json             one JSON document on stdout (progress and errors stay on stderr)
  -q, --quiet        no progress lines on stderr
  -w, --workspace D  workspace folder (default: nearest folder with .flink/ or .git)
  -h, --help         help for the command

Secrets: a cluster definition's secret reference NAME is read from the environment variable
FLINK_PILOT_SECRET_<NAME> (upper case, other characters as _).

${EXIT_CODES_HELP}`;
}

export interface RunCliOptions {
  streams?: CliStreams;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const streams = options.streams ?? { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  const json = argv.includes('--json');
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  const io = createCliIo(streams, { json, quiet });
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      if (topic && COMMANDS[topic]) return await COMMANDS[topic].run(makeContext(io, [], options), ['--help']);
      streams.stdout(`${usageText()}\n`);
      return command ? ExitCode.ok : ExitCode.usage;
    }
    if (command === '--version') {
      streams.stdout(`flink-pilot ${packageVersion}\n`);
      return ExitCode.ok;
    }
    const entry = COMMANDS[command];
    if (!entry) {
      const near = closestMatch(command, Object.keys(COMMANDS)) ?? Object.keys(COMMANDS).find((name) => name.startsWith(command.slice(0, 3)));
      throw usageError(`Unknown command "${command}".${near ? ` Did you mean "${near}"?` : ''}`, 'Run `flink-pilot --help` for the commands.');
    }
    return await entry.run(makeContext(io, rest, options), rest);
  } catch (error) {
    const code = exitCodeForError(error);
    if (json) streams.stdout(`${JSON.stringify({ ok: false, exitCode: code, error: errorToJson(error) }, null, 2)}\n`);
    io.err(renderError(error));
    if (code === ExitCode.usage && !(error instanceof FlinkPilotError && error.hint)) io.err('Run `flink-pilot --help` for usage.');
    if (!(error instanceof FlinkPilotError) && error instanceof Error && error.stack && options.env?.FLINK_PILOT_DEBUG) io.err(error.stack);
    return code;
  }
}

function makeContext(io: CliContext['io'], args: readonly string[], options: RunCliOptions): CliContext {
  const cwd = options.cwd ?? process.cwd();
  const workspaceIndex = args.findIndex((a) => a === '--workspace' || a === '-w');
  const explicit = workspaceIndex >= 0 ? args[workspaceIndex + 1] : args.find((a) => a.startsWith('--workspace='))?.slice('--workspace='.length);
  return {
    io,
    cwd,
    workspace: findCliWorkspace(cwd, explicit),
    env: options.env ?? process.env,
    signal: options.signal ?? new AbortController().signal,
  };
}

export { GLOBAL_OPTIONS };
