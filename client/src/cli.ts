// `flink-pilot` — the command-line tool over the deployment core (bundled to dist/cli.js).
// Ctrl-C aborts the running operation (the job and its history stay as they are) and exits 130.
import { runCli } from './cli/runCli';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write('\nInterrupted: stopping the current step (press Ctrl-C again to quit at once).\n');
  controller.abort(new Error('Interrupted by the user'));
});

runCli(process.argv.slice(2), { signal: controller.signal }).then(
  (code) => process.exit(interrupted && code !== 0 ? 130 : code),
  (error: unknown) => {
    process.stderr.write(`flink-pilot: unexpected failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
