// Starts, stops and reports on a local Flink cluster instance: JobManager, TaskManager and SQL Gateway
// as foreground processes of the installed distribution, each in its own process group, with
// `<stateDir>/local/<name>/` holding the generated conf, logs, pids, checkpoints and savepoints.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FlinkPilotError } from '../errors';
import { ensureFlinkInstalled, distributionJavaOptions, type InstallOptions } from './flinkInstaller';
import { DEFAULT_LOCAL_FLINK_LINE, resolveLocalFlinkRelease } from './flinkReleases';
import { freePorts } from './freePort';
import { localClusterConfig, renderConfigYaml, type LocalClusterPorts } from './localClusterConfig';
import { defaultStateDir } from './localPaths';
import { isOurProcess, processStartTicks } from './processIdentity';

export type LocalComponent = 'jobmanager' | 'taskmanager' | 'sqlGateway';
export const LOCAL_COMPONENTS: readonly LocalComponent[] = ['jobmanager', 'taskmanager', 'sqlGateway'];

const SCRIPTS: Record<LocalComponent, string> = {
  jobmanager: 'jobmanager.sh',
  taskmanager: 'taskmanager.sh',
  sqlGateway: 'sql-gateway.sh',
};

export interface ProcessRecord {
  pid: number;
  /** Start time in clock ticks (Linux), so a recycled pid is never mistaken for ours. */
  startTicks?: number;
  logFile: string;
}

export interface LocalClusterInfo {
  name: string;
  /** Exact Flink version, e.g. `2.3.0`. */
  version: string;
  /** Version line, e.g. `2.3`. */
  line: string;
  flinkHome: string;
  restUrl: string;
  gatewayUrl: string;
  instanceDir: string;
  confDir: string;
  logDir: string;
  checkpointDir: string;
  savepointDir: string;
  ports: LocalClusterPorts;
  pids: Partial<Record<LocalComponent, number>>;
  processes: Partial<Record<LocalComponent, ProcessRecord>>;
  startedAt: string;
  /** How long the start took, until slots were free and the gateway answered. */
  startupMs?: number;
}

export interface StartLocalClusterOptions extends InstallOptions {
  version?: string;
  /** Instance name; default `flink-<line>`. */
  name?: string;
  stateDir?: string;
  taskSlots?: number;
  /** Extra Flink options for the generated config. */
  config?: Record<string, string | number | boolean>;
  /** How long to wait for the cluster to become ready. */
  readyTimeoutMs?: number;
}

export interface LocalClusterStatus {
  name: string;
  info?: LocalClusterInfo;
  running: LocalComponent[];
  stopped: LocalComponent[];
  /** True when a record existed but none of its processes was alive (the record was cleaned). */
  staleCleaned: boolean;
}

function instanceDirOf(name: string, stateDir: string): string {
  if (!/^[\w.-]+$/.test(name)) {
    throw new FlinkPilotError(`Invalid local cluster name "${name}".`, { code: 'bad-name', hint: 'Use letters, digits, ".", "-" and "_".' });
  }
  return join(stateDir, 'local', name);
}

function defaultName(line: string): string {
  return `flink-${line}`;
}

async function readInfo(instanceDir: string): Promise<LocalClusterInfo | undefined> {
  try {
    return JSON.parse(await readFile(join(instanceDir, 'cluster.json'), 'utf8')) as LocalClusterInfo;
  } catch {
    return undefined;
  }
}

async function writeInfo(info: LocalClusterInfo): Promise<void> {
  const file = join(info.instanceDir, 'cluster.json');
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(info, null, 2)}\n`);
  await rename(tmp, file);
}

function componentAlive(record: ProcessRecord | undefined): boolean {
  return record !== undefined && isOurProcess(record.pid, record.startTicks);
}

function logTail(file: string, lines = 30): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

function spawnComponent(info: LocalClusterInfo, component: LocalComponent): ProcessRecord {
  const logFile = join(info.logDir, `${component}.out`);
  const out = openSync(logFile, 'a');
  try {
    const child = spawn(join(info.flinkHome, 'bin', SCRIPTS[component]), ['start-foreground'], {
      cwd: info.instanceDir,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        FLINK_CONF_DIR: info.confDir,
        FLINK_LOG_DIR: info.logDir,
        FLINK_PID_DIR: info.instanceDir,
      },
    });
    child.unref();
    if (child.pid === undefined) {
      throw new FlinkPilotError(`Could not start the ${component} of local cluster ${info.name}.`, { code: 'spawn-failed' });
    }
    return { pid: child.pid, startTicks: processStartTicks(child.pid), logFile };
  } finally {
    closeSync(out);
  }
}

async function httpJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function waitUntilReady(info: LocalClusterInfo, timeoutMs: number, progress: (m: string) => void, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let restReady = false;
  let gatewayReady = false;
  let announced = false;
  while (!(restReady && gatewayReady)) {
    signal?.throwIfAborted();
    for (const component of LOCAL_COMPONENTS) {
      const record = info.processes[component];
      if (!componentAlive(record)) {
        throw new FlinkPilotError(`The ${component} of local Flink ${info.version} (${info.name}) died during start-up.`, {
          code: 'process-died',
          detail: `Last lines of ${record?.logFile}:\n${record ? logTail(record.logFile) : ''}`,
          hint: `Read the whole log in ${info.logDir}; then run "flink-pilot local stop --flink ${info.line}" and start again.`,
        });
      }
    }
    if (!restReady) {
      try {
        const overview = (await httpJson(`${info.restUrl}/overview`)) as { 'slots-available'?: number; taskmanagers?: number };
        restReady = (overview['slots-available'] ?? 0) > 0;
        if (!announced && overview.taskmanagers !== undefined) {
          progress(`JobManager answers at ${info.restUrl}; waiting for TaskManager slots`);
          announced = true;
        }
      } catch {
        /* not up yet */
      }
    }
    if (!gatewayReady) {
      try {
        await httpJson(`${info.gatewayUrl}/v1/info`);
        gatewayReady = true;
      } catch {
        /* not up yet */
      }
    }
    if (restReady && gatewayReady) break;
    if (Date.now() > deadline) {
      const waiting = [!restReady && 'free task slots on /overview', !gatewayReady && 'the SQL Gateway on /v1/info'].filter(Boolean).join(' and ');
      throw new FlinkPilotError(`Local Flink ${info.version} (${info.name}) was not ready after ${Math.round(timeoutMs / 1000)} s: no answer for ${waiting}.`, {
        code: 'start-timeout',
        detail: LOCAL_COMPONENTS.map((c) => `--- ${c}\n${logTail(join(info.logDir, `${c}.out`), 10)}`).join('\n'),
        hint: `The machine may be overloaded; read the logs in ${info.logDir}.`,
      });
    }
    await sleep(500);
  }
}

async function prepareConfDir(flinkHome: string, confDir: string, config: Record<string, string | number | boolean>): Promise<void> {
  await mkdir(confDir, { recursive: true });
  const distConf = join(flinkHome, 'conf');
  for (const entry of await readdir(distConf)) {
    if (entry.startsWith('log4j') || entry.startsWith('logback')) await copyFile(join(distConf, entry), join(confDir, entry));
  }
  await writeFile(join(confDir, 'config.yaml'), renderConfigYaml(config));
}

/**
 * Installs (if needed) and starts a local cluster, waiting until task slots are free and the SQL
 * Gateway answers. When the instance is already running, returns it unchanged.
 */
export async function startLocalCluster(options: StartLocalClusterOptions = {}): Promise<LocalClusterInfo> {
  const progress = options.onProgress ?? (() => undefined);
  const release = resolveLocalFlinkRelease(options.version ?? DEFAULT_LOCAL_FLINK_LINE);
  const name = options.name ?? defaultName(release.line);
  const stateDir = options.stateDir ?? defaultStateDir();
  const instanceDir = instanceDirOf(name, stateDir);

  const status = await localClusterStatus({ name, stateDir });
  if (status.info && status.stopped.length === 0) {
    if (status.info.version !== release.version) {
      throw new FlinkPilotError(`Local cluster ${name} is already running Flink ${status.info.version}, not ${release.version}.`, {
        code: 'version-conflict',
        hint: `Stop it first ("flink-pilot local stop --name ${name}") or choose another name.`,
      });
    }
    progress(`Local Flink ${release.version} (${name}) is already running at ${status.info.restUrl}`);
    return status.info;
  }
  if (status.running.length > 0) await stopLocalCluster({ name, stateDir });

  const installation = await ensureFlinkInstalled(release.version, options);
  const started = Date.now();
  const [jobManagerRpc, rest, sqlGateway] = await freePorts(3);
  const ports: LocalClusterPorts = { jobManagerRpc, rest, sqlGateway };
  const info: LocalClusterInfo = {
    name,
    version: release.version,
    line: release.line,
    flinkHome: installation.flinkHome,
    restUrl: `http://127.0.0.1:${rest}`,
    gatewayUrl: `http://127.0.0.1:${sqlGateway}`,
    instanceDir,
    confDir: join(instanceDir, 'conf'),
    logDir: join(instanceDir, 'log'),
    checkpointDir: join(instanceDir, 'checkpoints'),
    savepointDir: join(instanceDir, 'savepoints'),
    ports,
    pids: {},
    processes: {},
    startedAt: new Date(started).toISOString(),
  };
  const tmpDir = join(instanceDir, 'tmp');
  for (const dir of [info.logDir, info.checkpointDir, info.savepointDir, tmpDir]) await mkdir(dir, { recursive: true });
  // Old logs would make "the tail of the log" of a failed start misleading.
  for (const entry of await readdir(info.logDir)) await rm(join(info.logDir, entry), { force: true, recursive: true });
  const config = localClusterConfig({
    instanceDir,
    checkpointDir: info.checkpointDir,
    savepointDir: info.savepointDir,
    tmpDir,
    ports,
    javaOptions: await distributionJavaOptions(installation.flinkHome),
    taskSlots: options.taskSlots,
    extra: options.config,
  });
  await prepareConfDir(installation.flinkHome, info.confDir, config);

  progress(`Starting local Flink ${release.version} (${name}): JobManager, TaskManager, SQL Gateway on 127.0.0.1`);
  try {
    for (const component of LOCAL_COMPONENTS) {
      const record = spawnComponent(info, component);
      info.processes[component] = record;
      info.pids[component] = record.pid;
      await writeInfo(info);
    }
    await waitUntilReady(info, options.readyTimeoutMs ?? 240_000, progress, options.signal);
  } catch (error) {
    await stopLocalCluster({ name, stateDir }).catch(() => undefined);
    throw error;
  }
  info.startupMs = Date.now() - started;
  await writeInfo(info);
  progress(`Local Flink ${release.version} is ready in ${(info.startupMs / 1000).toFixed(1)} s: Web UI ${info.restUrl}, SQL Gateway ${info.gatewayUrl}`);
  return info;
}

async function stopComponentProcess(record: ProcessRecord, graceMs: number): Promise<void> {
  if (!componentAlive(record)) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-record.pid, signal); // the whole process group: the JVM and anything it forked
    } catch {
      try {
        process.kill(record.pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (componentAlive(record) && Date.now() < deadline) await sleep(200);
  if (componentAlive(record)) signalGroup('SIGKILL');
  while (componentAlive(record)) await sleep(100);
}

export interface StopLocalClusterOptions {
  name?: string;
  version?: string;
  stateDir?: string;
  graceMs?: number;
}

function nameFrom(options: { name?: string; version?: string }): string {
  return options.name ?? defaultName(resolveLocalFlinkRelease(options.version ?? DEFAULT_LOCAL_FLINK_LINE).line);
}

/** Stops every process of the instance (gateway first, JobManager last). Returns what it stopped. */
export async function stopLocalCluster(options: StopLocalClusterOptions = {}): Promise<LocalComponent[]> {
  const name = nameFrom(options);
  const instanceDir = instanceDirOf(name, options.stateDir ?? defaultStateDir());
  const info = await readInfo(instanceDir);
  if (!info) return [];
  const stopped: LocalComponent[] = [];
  for (const component of [...LOCAL_COMPONENTS].reverse()) {
    const record = info.processes[component];
    if (record && componentAlive(record)) {
      await stopComponentProcess(record, options.graceMs ?? 15_000);
      stopped.push(component);
    }
    delete info.processes[component];
    delete info.pids[component];
  }
  await writeInfo(info);
  return stopped;
}

/** Stops and starts one component, e.g. the TaskManager to simulate a lost worker. */
export async function restartLocalComponent(info: LocalClusterInfo, component: LocalComponent, action: 'stop' | 'start' | 'restart' = 'restart'): Promise<LocalClusterInfo> {
  const current = (await readInfo(info.instanceDir)) ?? info;
  const record = current.processes[component];
  if (action !== 'start' && record) {
    await stopComponentProcess(record, 15_000);
    delete current.processes[component];
    delete current.pids[component];
  }
  if (action !== 'stop') {
    const started = spawnComponent(current, component);
    current.processes[component] = started;
    current.pids[component] = started.pid;
  }
  await writeInfo(current);
  return current;
}

/** What of the instance is running; a record whose processes are all gone is cleaned (stale pids). */
export async function localClusterStatus(options: { name?: string; version?: string; stateDir?: string } = {}): Promise<LocalClusterStatus> {
  const name = nameFrom(options);
  const instanceDir = instanceDirOf(name, options.stateDir ?? defaultStateDir());
  const info = await readInfo(instanceDir);
  if (!info) return { name, running: [], stopped: [...LOCAL_COMPONENTS], staleCleaned: false };
  const running = LOCAL_COMPONENTS.filter((c) => componentAlive(info.processes[c]));
  const stopped = LOCAL_COMPONENTS.filter((c) => !running.includes(c));
  let staleCleaned = false;
  const stale = stopped.filter((c) => info.processes[c] !== undefined);
  if (stale.length > 0) {
    for (const c of stale) {
      delete info.processes[c];
      delete info.pids[c];
    }
    await writeInfo(info);
    staleCleaned = running.length === 0;
  }
  return { name, info, running, stopped, staleCleaned };
}

/** Every local instance under the state directory, with its status. */
export async function listLocalClusters(stateDir = defaultStateDir()): Promise<LocalClusterStatus[]> {
  const root = join(stateDir, 'local');
  if (!existsSync(root)) return [];
  const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  return Promise.all(names.map((name) => localClusterStatus({ name, stateDir })));
}
