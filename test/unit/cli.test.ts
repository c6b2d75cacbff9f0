// The CLI's argument handling and exit codes, run in-process with captured output (no cluster, no network).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlinkPilotError } from '../../client/src/core/errors';
import { FlinkError } from '../../client/src/core/flink/flinkError';
import { exclusiveFlags, parseCommandArgs } from '../../client/src/cli/cliArgs';
import { errorToJson, renderError } from '../../client/src/cli/cliIo';
import { findCliWorkspace } from '../../client/src/cli/cliWorkspace';
import { ExitCode, exitCodeForError } from '../../client/src/cli/exitCodes';
import { runCli } from '../../client/src/cli/runCli';

let root: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fp-cli-unit-'));
  // An empty state directory: no local clusters, so nothing touches the network.
  env = { FLINK_PILOT_STATE_DIR: join(root, 'state'), PATH: process.env.PATH };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { streams: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, cwd: root, env });
  return { code, stdout, stderr };
}

describe('flink-pilot usage', () => {
  it('prints usage and exits 2 without a command, 0 with --help', async () => {
    const bare = await cli();
    expect(bare.code).toBe(ExitCode.usage);
    expect(bare.stdout).toContain('Usage: flink-pilot <command>');
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['local start|stop|status', 'clusters', 'jobs', 'check FILE', 'demo']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('3    cluster unreachable');
    expect(help.stdout).toContain('FLINK_PILOT_SECRET_<NAME>');
  });

  it('gives per-command help', async () => {
    const local = await cli('local', '--help');
    expect(local.code).toBe(0);
    expect(local.stdout).toContain('Usage: flink-pilot local start|stop|status');
    const viaHelp = await cli('help', 'check');
    expect(viaHelp.stdout).toContain('Usage: flink-pilot check');
  });

  it('prints the version', async () => {
    expect((await cli('--version')).stdout).toMatch(/^flink-pilot \d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with a suggestion', async () => {
    const result = await cli('cluster');
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('Unknown command "cluster". Did you mean "clusters"?');
    expect(result.stdout).toBe('');
    // Typos anywhere in the word, not only after the first three letters.
    expect((await cli('svaepoint')).stderr).toContain('Did you mean "savepoint"?');
    expect((await cli('resotre')).stderr).toContain('Did you mean "restore"?');
  });

  it('rejects unknown options, missing and extra arguments as usage errors', async () => {
    const unknown = await cli('jobs', '--bogus');
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toContain("jobs: Unknown option '--bogus'.");
    expect((await cli('local')).stderr).toContain('local: missing ACTION.');
    expect((await cli('local', 'frobnicate')).stderr).toContain('Unknown action "local frobnicate"');
    expect((await cli('jobs', 'extra')).stderr).toContain('jobs: unexpected argument "extra"');
    expect((await cli('check')).code).toBe(ExitCode.usage);
    expect((await cli('local', 'status', '--flink')).code).toBe(ExitCode.usage);
  });

  it('with --json, a failure is one JSON document on stdout and the human message on stderr', async () => {
    const result = await cli('jobs', '--cluster', 'nowhere', '--json');
    expect(result.code).toBe(ExitCode.invalidConfiguration);
    const document = JSON.parse(result.stdout) as { ok: boolean; exitCode: number; error: { code: string; message: string } };
    expect(document).toMatchObject({ ok: false, exitCode: 5, error: { code: 'cluster-not-found', message: 'Unknown cluster "nowhere".' } });
    expect(result.stderr).toContain('Error: Unknown cluster "nowhere".');
    expect(result.stderr).toContain('What to do:');
  });

  it('lists no clusters when none is defined or running, and exits 0', async () => {
    const text = await cli('clusters');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No clusters');
    const json = await cli('clusters', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ clusters: [] });
  });

  it('`cluster: local` names the running local cluster and says how to start one', async () => {
    const result = await cli('jobs', '--cluster', 'local-2.3');
    expect(result.code).toBe(ExitCode.clusterUnreachable);
    expect(result.stderr).toContain('No local Flink 2.3 cluster is running.');
    expect(result.stderr).toContain('flink-pilot local start --flink 2.3');
  });

  it('installations: lists configured FLINK_HOMEs with the version of their dist jar; exit 5 for an unusable one', async () => {
    const home = join(root, 'flink-1.19.2');
    await mkdir(join(home, 'lib'), { recursive: true });
    await writeFile(join(home, 'lib', 'flink-dist-1.19.2.jar'), 'only the name is read');
    const config = join(root, 'config.yaml');
    await writeFile(config, `flinkHomes:\n  team-1.19: ${home}\n  gone: ${join(root, 'missing')}\n`);
    const saved = env;
    env = { ...env, FLINK_PILOT_CONFIG: config, FLINK_PILOT_CACHE_DIR: join(root, 'cache') };
    try {
      const result = await cli('installations', '--json');
      expect(result.code).toBe(ExitCode.invalidConfiguration);
      const report = JSON.parse(result.stdout) as { installations: unknown[]; problems: { name: string }[] };
      expect(report.installations).toEqual([{ name: 'team-1.19', version: '1.19.2', origin: 'config-file', flinkHome: home, versionSource: 'dist-jar-name' }]);
      expect(report.problems.map((p) => p.name)).toEqual(['gone']);
    } finally {
      env = saved;
    }
  });

  it('reports a file that does not exist for check', async () => {
    const result = await cli('check', 'missing.flink.sql');
    expect(result.code).toBe(ExitCode.invalidConfiguration);
    expect(result.stderr).toContain('Cannot read missing.flink.sql: it does not exist.');
  });
});

describe('argument helpers', () => {
  it('parses command options together with the global ones', () => {
    const parsed = parseCommandArgs('stop', ['job.flink.yaml', '--drain', '--json', '-w', 'ws'], { drain: { type: 'boolean' } });
    expect(parsed.positionals).toEqual(['job.flink.yaml']);
    expect(parsed.values).toMatchObject({ drain: true, json: true, workspace: 'ws' });
  });

  it('refuses two exclusive flags', () => {
    const parsed = parseCommandArgs('stop', ['--drain', '--cancel'], { drain: { type: 'boolean' }, cancel: { type: 'boolean' }, savepoint: { type: 'boolean' } });
    expect(() => exclusiveFlags('stop', parsed, ['savepoint', 'drain', 'cancel'])).toThrow('stop: choose one of --savepoint, --drain, --cancel, not --drain and --cancel.');
  });

  it('finds the workspace by its .flink folder', async () => {
    const workspace = join(root, 'ws');
    await mkdir(join(workspace, '.flink'), { recursive: true });
    await mkdir(join(workspace, 'jobs', 'orders'), { recursive: true });
    expect(findCliWorkspace(join(workspace, 'jobs', 'orders'))).toBe(workspace);
    expect(findCliWorkspace(root, 'ws')).toBe(workspace);
  });
});

describe('exit codes', () => {
  it.each([
    [new FlinkPilotError('x', { code: 'usage' }), ExitCode.usage],
    [new FlinkError({ kind: 'unreachable', cluster: 'prod', call: 'GET /overview' }), ExitCode.clusterUnreachable],
    [new FlinkError({ kind: 'http', cluster: 'prod', call: 'POST /jars/upload', status: 500, flinkMessage: 'boom' }), ExitCode.clusterUnreachable],
    [new FlinkError({ kind: 'timeout', cluster: 'prod', call: 'GET /jobs' }), ExitCode.timeout],
    [new FlinkPilotError('x', { code: 'timeout' }), ExitCode.timeout],
    [new FlinkPilotError('x', { code: 'version-mismatch' }), ExitCode.invalidConfiguration],
    [new FlinkPilotError('x', { code: 'undefined-variable' }), ExitCode.invalidConfiguration],
    [new FlinkPilotError('x', { code: 'savepoint-failed' }), ExitCode.failed],
    [new FlinkPilotError('x', { code: 'job-failed' }), ExitCode.failed],
    [new FlinkPilotError('x', { code: 'aborted' }), ExitCode.interrupted],
    [new Error('plain'), ExitCode.failed],
  ])('%s → %i', (error, code) => {
    expect(exitCodeForError(error)).toBe(code);
  });
});

describe('errors for people', () => {
  it('renders message, detail, cause and hint', () => {
    const error = new FlinkPilotError('Savepoint of job 1 failed.', { code: 'savepoint-failed', detail: 'line one\nline two', hint: 'Check the directory.', cause: new Error('Permission denied') });
    expect(renderError(error)).toBe('Error: Savepoint of job 1 failed.\n  line one\n  line two\nCause: Permission denied\nWhat to do: Check the directory.');
    expect(errorToJson(error)).toEqual({ message: 'Savepoint of job 1 failed.', code: 'savepoint-failed', detail: 'line one\nline two', hint: 'Check the directory.', cause: 'Permission denied' });
  });

  it('keeps Flink call details in JSON', () => {
    const error = new FlinkError({ kind: 'http', cluster: 'prod', call: 'POST /jars/upload', status: 500, flinkMessage: 'java.io.IOException: disk full' });
    expect(errorToJson(error)).toMatchObject({ code: 'flink-http', cluster: 'prod', call: 'POST /jars/upload', status: 500, flinkMessage: 'java.io.IOException: disk full' });
  });
});
