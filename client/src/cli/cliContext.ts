// What every CLI command gets: its output, the workspace it works in, the environment (for secrets)
// and a cancellation signal wired to Ctrl-C.
import type { CliIo } from './cliIo';

export interface CliContext {
  io: CliIo;
  /** The workspace folder: `--workspace`, else the nearest folder up from cwd with a `.flink/` directory, else cwd. */
  workspace: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}
