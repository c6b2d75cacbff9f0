// Runs one real VS Code (code-server) for a test file: a fresh HOME, user-data and extensions
// directory, the built extension installed as a folder, the server bound to 127.0.0.1 on a free
// port. Stopping kills the whole process group, or code-server's file watcher child lingers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installExtensionFolder } from '../setupCodeServer.mjs';
import type { E2eHost } from './e2eHost';

export interface CodeServerOptions {
  host: E2eHost;
  /** Folder opened as the workspace. */
  workspace: string;
  /** User settings (settings.json of the fresh user-data-dir). */
  userSettings?: Record<string, unknown>;
  /** Extra environment of the server and so of the extension host (e.g. cluster secrets). */
  env?: Record<string, string>;
  /** false: Workspace Trust is on and the workspace opens in Restricted Mode. Default true. */
  trusted?: boolean;
}

export interface RunningCodeServer {
  url: string;
  /** URL that opens the workspace folder. */
  workspaceUrl: string;
  runDir: string;
  logFile: string;
  /** The server's log so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode} during start-up:\n${tail(readFileSync(logFile, 'utf8'))}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms:\n${tail(readFileSync(logFile, 'utf8'))}`);
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const runDir = mkdtempSync(join(tmpdir(), 'flink-pilot-e2e-'));
  const home = join(runDir, 'home');
  const userDataDir = join(runDir, 'udd');
  const extensionsDir = join(runDir, 'exts');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': options.trusted === false,
        // Restricted Mode without the modal question: the workspace simply is not trusted.
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'git.enabled': false,
        // A clean workbench for screenshots: no chat side bar, no welcome pages.
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        ...options.userSettings,
      },
      null,
      2,
    ),
  );
  installExtensionFolder(extensionsDir);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    options.host.node24,
    [
      options.host.codeServerEntry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.trusted === false ? [] : ['--disable-workspace-trust']),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      options.workspace,
    ],
    {
      detached: true, // own process group, so stop() reaches the watcher and extension host too
      stdio: ['ignore', out, out],
      env: { ...process.env, ...options.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  };
  try {
    await waitForHealth(url, child, logFile, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    workspaceUrl: `${url}/?folder=${encodeURIComponent(options.workspace)}`,
    runDir,
    logFile,
    log: () => readFileSync(logFile, 'utf8'),
    stop,
  };
}
