// Benchmark entry (`npm run bench`): runs every test/bench/*.bench.mjs in turn, each in its own
// Node process (so one benchmark's JIT state and heap never colour another's), and fails when any
// of them reports a missed target (non-zero exit).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const failed = [];
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(`${file} (exit ${result.status ?? result.signal})`);
}
console.log(failed.length ? `\nbenchmarks with missed targets or errors: ${failed.join(', ')}` : `\nall ${benches.length} benchmark file(s) met their targets`);
process.exit(failed.length ? 1 : 0);
