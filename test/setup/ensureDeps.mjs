// First step of `npm test` and `npm run demo` on a fresh clone: installs the npm packages when
// node_modules is missing or older than package-lock.json. Plain Node, no dependencies.
// (Flink, the SQL Gateway jar and the VS Code test host install themselves on first use.)
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  console.log('setup: installing npm packages (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
for (const tool of [['java', '-version'], ['mvn', '-v'], ['python3', '--version']]) {
  try {
    execFileSync(tool[0], [tool[1]], { stdio: 'ignore' });
  } catch {
    console.error(`setup: \`${tool[0]}\` is not available. Flink Pilot's local Flink needs JDK 17, Maven and Python 3 with pip.`);
    process.exit(1);
  }
}
