// Real Git servers for the build tests, all on 127.0.0.1: a bare repository holding the stateful
// fixture job in several commits, served by `git daemon` (git://) and by `git http-backend` behind
// a small Node HTTP server that demands a token (a private repository, Basic or Bearer).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../../../client/src/core/local/freePort';

const run = promisify(execFile);
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'stateful-job');
const JOB_SOURCE = 'src/main/java/dev/flinkpilot/fixture/StatefulCounterJob.java';

export interface FixtureRepository {
  /** Directory holding `stateful-job.git` (the base path the servers export). */
  servedDir: string;
  bareDir: string;
  commits: { v1: string; v2: string; broken: string };
  /** Where the `broken` branch's compile error is (1-based line, path inside the repository). */
  brokenAt: { file: string; line: number };
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'user.name=Flink Pilot Test', '-c', 'user.email=test@flink-pilot.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd });
  return stdout.trim();
}

/** v1 (tag v1, OUTPUT_LABEL "v1"), v2 on main (tag v2, label "v2", same uids and state), branch `broken` (does not compile). */
export async function createFixtureRepository(root: string): Promise<FixtureRepository> {
  const work = join(root, 'work');
  const servedDir = join(root, 'served');
  mkdirSync(work, { recursive: true });
  mkdirSync(servedDir, { recursive: true });
  cpSync(FIXTURE, work, { recursive: true, filter: (src) => !src.startsWith(join(FIXTURE, 'target')) });
  await git(work, 'init', '-q');
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '-m', 'Stateful counter v1');
  await git(work, 'tag', 'v1');
  const sourcePath = join(work, JOB_SOURCE);
  const v1Source = readFileSync(sourcePath, 'utf8');
  writeFileSync(sourcePath, v1Source.replace('OUTPUT_LABEL = "v1"', 'OUTPUT_LABEL = "v2"'));
  await git(work, 'commit', '-q', '-am', 'Stateful counter v2: new output label, same state');
  await git(work, 'tag', 'v2');
  await git(work, 'checkout', '-q', '-b', 'broken');
  const v2Lines = readFileSync(sourcePath, 'utf8').split('\n');
  const line = v2Lines.findIndex((l) => l.includes('count.update(next);'));
  v2Lines[line] = v2Lines[line]!.replace('count.update(next);', 'count.update(nextValueThatDoesNotExist);');
  writeFileSync(sourcePath, v2Lines.join('\n'));
  await git(work, 'commit', '-q', '-am', 'Broken: refers to an undefined variable');
  await git(work, 'checkout', '-q', 'main');
  const bareDir = join(servedDir, 'stateful-job.git');
  await git(root, 'clone', '-q', '--bare', work, bareDir);
  return {
    servedDir,
    bareDir,
    commits: { v1: await git(work, 'rev-parse', 'v1^{commit}'), v2: await git(work, 'rev-parse', 'v2^{commit}'), broken: await git(work, 'rev-parse', 'broken') },
    brokenAt: { file: JOB_SOURCE, line: line + 1 },
  };
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** `git daemon` on 127.0.0.1 exporting every repository under `servedDir` (read-only, no auth). */
export async function startGitDaemon(servedDir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn('git', ['daemon', '--reuseaddr', '--export-all', `--base-path=${servedDir}`, '--listen=127.0.0.1', `--port=${port}`, '--informative-errors', servedDir], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `git://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export interface AuthHttpServer extends RunningServer {
  /** Every Authorization header the server saw (to prove credentials travelled in headers, not URLs). */
  requests: { path: string; authorization?: string }[];
}

/**
 * A private Git HTTP server: `git http-backend` (CGI) behind a Node server that answers 401 unless
 * the request carries `token` as Basic password (any user) or as a Bearer token.
 */
export async function startAuthenticatedGitHttpServer(servedDir: string, token: string): Promise<AuthHttpServer> {
  const requests: AuthHttpServer['requests'] = [];
  const authorized = (header: string | undefined): boolean => {
    if (!header) return false;
    if (header === `Bearer ${token}`) return true;
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) === token;
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, authorization: request.headers.authorization });
    if (!authorized(request.headers.authorization)) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="flink-pilot-test"', 'Content-Type': 'text/plain' });
      response.end('Authentication required\n');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '',
        GIT_PROJECT_ROOT: servedDir,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method ?? 'GET',
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: String(request.headers['content-encoding'] ?? ''),
        HTTP_GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'test',
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    request.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersSent = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n') >= 0 ? head.indexOf('\r\n\r\n') : head.indexOf('\n\n');
      if (end < 0) return;
      const separator = head.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else headers[name] = value;
      }
      response.writeHead(status, headers);
      headersSent = true;
      response.write(head.subarray(end + separator));
    });
    cgi.stdout.on('end', () => response.end());
    cgi.on('error', () => {
      if (!headersSent) response.writeHead(500);
      response.end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
