import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlinkPilotError } from '../../../../client/src/core/errors';
import { displayCommand, runCommand } from '../../../../client/src/core/local/commandRunner';
import { withDirectoryLock } from '../../../../client/src/core/local/directoryLock';
import { findInstalledFlink } from '../../../../client/src/core/local/flinkInstaller';
import { LOCAL_FLINK_RELEASES, resolveLocalFlinkRelease } from '../../../../client/src/core/local/flinkReleases';
import { freePorts } from '../../../../client/src/core/local/freePort';
import { localClusterConfig, renderConfigYaml } from '../../../../client/src/core/local/localClusterConfig';
import { localClusterStatus } from '../../../../client/src/core/local/localCluster';
import { isOurProcess, processStartTicks } from '../../../../client/src/core/local/processIdentity';

describe('local Flink releases', () => {
  it('resolves lines and exact versions', () => {
    expect(resolveLocalFlinkRelease('1.20').version).toBe('1.20.3');
    expect(resolveLocalFlinkRelease('2.3.0').line).toBe('2.3');
    expect(resolveLocalFlinkRelease().line).toBe('2.3');
  });

  it('names the supported versions for an unknown one', () => {
    let error: unknown;
    try {
      resolveLocalFlinkRelease('1.17');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlinkPilotError);
    expect((error as FlinkPilotError).code).toBe('unknown-version');
    for (const r of LOCAL_FLINK_RELEASES) expect((error as Error).message).toContain(r.version);
  });

  it('finds nothing installed in an empty cache', () => {
    expect(findInstalledFlink('2.3', mkdtempSync(join(tmpdir(), 'fp-cache-')))).toBeUndefined();
  });
});

describe('local cluster configuration', () => {
  const input = {
    instanceDir: '/x/inst',
    checkpointDir: '/x/inst/checkpoints',
    savepointDir: '/x/inst/save points',
    tmpDir: '/x/inst/tmp',
    ports: { jobManagerRpc: 6123, rest: 8081, sqlGateway: 8083 },
    javaOptions: '--add-opens=java.base/java.lang=ALL-UNNAMED',
  };

  it('binds every endpoint to loopback with the chosen ports and 4 slots', () => {
    const config = localClusterConfig(input);
    expect(config['rest.bind-address']).toBe('127.0.0.1');
    expect(config['jobmanager.bind-host']).toBe('127.0.0.1');
    expect(config['taskmanager.bind-host']).toBe('127.0.0.1');
    expect(config['sql-gateway.endpoint.rest.bind-address']).toBe('127.0.0.1');
    expect(config['rest.port']).toBe(8081);
    expect(config['sql-gateway.endpoint.rest.port']).toBe(8083);
    expect(config['taskmanager.numberOfTaskSlots']).toBe(4);
    expect(config['env.java.opts.all']).toBe(input.javaOptions);
    expect(config['execution.checkpointing.savepoint-dir']).toBe('file:///x/inst/save%20points');
  });

  it('lets extra options win and renders YAML that round-trips', async () => {
    const config = localClusterConfig({ ...input, extra: { 'taskmanager.numberOfTaskSlots': 2, 'pipeline.name': 'a: "b"' } });
    const { parse } = await import('yaml');
    const parsed = parse(renderConfigYaml(config)) as Record<string, unknown>;
    expect(parsed['taskmanager.numberOfTaskSlots']).toBe(2);
    expect(parsed['pipeline.name']).toBe('a: "b"');
    expect(parsed['env.java.opts.all']).toBe(input.javaOptions);
  });
});

describe('commandRunner', () => {
  it('quotes arguments for display only', () => {
    expect(displayCommand('mvn', ['-B', 'a b', "it's"])).toBe(`mvn -B 'a b' 'it'\\''s'`);
  });

  it('names the command and shows the tail of its output when it fails', async () => {
    const script = 'for i in $(seq 1 40); do echo line$i; done; echo boom >&2; exit 3';
    const error = await runCommand('bash', ['-c', script], { purpose: 'Testing', tailLines: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlinkPilotError);
    const e = error as FlinkPilotError;
    expect(e.message).toContain('Testing failed');
    expect(e.message).toContain('exited with code 3');
    expect(e.detail?.split('\n')).toEqual(['line37', 'line38', 'line39', 'line40', 'boom']);
  });

  it('passes arguments literally, never through a shell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-lit-'));
    const canary = join(dir, 'canary');
    writeFileSync(canary, 'alive');
    const { output } = await runCommand('echo', [`; rm -rf ${canary}`, '$(touch /tmp/x)'], { purpose: 'Echo' });
    expect(output).toBe(`; rm -rf ${canary} $(touch /tmp/x)`);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(canary, 'utf8')).toBe('alive');
  });

  it('reports a missing executable with a hint', async () => {
    const error = (await runCommand('definitely-not-a-command-xyz', [], { purpose: 'Missing' }).catch((e: unknown) => e)) as FlinkPilotError;
    expect(error.hint).toContain('definitely-not-a-command-xyz');
  });
});

describe('directoryLock', () => {
  it('serialises concurrent holders', async () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'fp-lock-')), 'l.lock');
    const events: string[] = [];
    const holder = (id: string) =>
      withDirectoryLock(lock, async () => {
        events.push(`in ${id}`);
        await new Promise((r) => setTimeout(r, 30));
        events.push(`out ${id}`);
      });
    await Promise.all([holder('a'), holder('b')]);
    expect(events[0].startsWith('in')).toBe(true);
    expect(events[1]).toBe(events[0].replace('in', 'out'));
  });

  it('takes over a lock whose owner died', async () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'fp-lock-')), 'l.lock');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(lock);
    const dead = spawn('true');
    await new Promise((r) => dead.on('close', r));
    writeFileSync(join(lock, 'owner'), String(dead.pid));
    await expect(withDirectoryLock(lock, async () => 'got it', 5000)).resolves.toBe('got it');
  });
});

describe('processIdentity and ports', () => {
  it('recognises a live process and rejects a different start time', () => {
    const ticks = processStartTicks(process.pid);
    expect(isOurProcess(process.pid, ticks)).toBe(true);
    if (ticks !== undefined) expect(isOurProcess(process.pid, ticks + 1)).toBe(false);
  });

  it('hands out distinct free ports', async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const p of ports) expect(p).toBeGreaterThan(0);
  });

  it('cleans a stale record whose processes are gone', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'fp-state-'));
    const { mkdirSync } = await import('node:fs');
    const instanceDir = join(stateDir, 'local', 'stale');
    mkdirSync(instanceDir, { recursive: true });
    const dead = spawn('true');
    await new Promise((r) => dead.on('close', r));
    writeFileSync(join(instanceDir, 'cluster.json'), JSON.stringify({
      name: 'stale', instanceDir, pids: { jobmanager: dead.pid },
      processes: { jobmanager: { pid: dead.pid, startTicks: 1, logFile: '/nonexistent' } },
    }));
    const status = await localClusterStatus({ name: 'stale', stateDir });
    expect(status.running).toEqual([]);
    expect(status.staleCleaned).toBe(true);
    expect(status.info?.pids).toEqual({});
  });
});
