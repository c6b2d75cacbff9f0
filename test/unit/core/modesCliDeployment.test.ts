// submitWithFlinkCli's checks before anything runs: each failure is a value naming the problem.
import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../../../client/src/core/jobs/deploymentTypes';
import { parseFlinkVersion } from '../../../client/src/core/installations';
import { newJobId, submitWithFlinkCli } from '../../../client/src/core/modes/cliModeDeployment';

const job: JobSpec = {
  name: 'orders',
  type: 'jar',
  flinkVersion: '2.3',
  jar: { path: '/build/orders.jar', entryClass: 'com.example.Orders', args: ['--topic', '${topic}'] },
  config: {},
  dependencies: { maven: [], jars: [] },
  savepoints: { stopMode: 'savepoint', format: 'canonical', timeoutMs: 60_000 },
  restore: { from: 'none', allowNonRestoredState: false, claimMode: 'no_claim' },
  variables: { topic: 'orders' },
};
const installations = {
  installations: [{ name: 'prod-1.20', flinkHome: '/opt/flink-1.20', origin: 'settings' as const, version: parseFlinkVersion('1.20.3'), versionSource: 'dist-jar-name' as const }],
  problems: [],
};
const base = { jobFilePath: '/ws/orders.flink.yaml', clusterName: 'yarn-prod', installations };

describe('submitting through bin/flink', () => {
  it('refuses SQL jobs: bin/flink runs jars', async () => {
    const result = await submitWithFlinkCli({ ...base, mode: 'yarn-application', job: { ...job, type: 'sql', jar: undefined, sql: { text: 'SELECT 1;' } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid-deployment', message: expect.stringContaining('"orders" is a SQL job') });
  });

  it('needs a jar', async () => {
    const result = await submitWithFlinkCli({ ...base, mode: 'yarn-session', job: { ...job, jar: { entryClass: 'x' } } });
    expect(!result.ok && result.error.code).toBe('no-jar');
  });

  it('names an undefined variable in the program arguments', async () => {
    const result = await submitWithFlinkCli({ ...base, mode: 'yarn-session', job: { ...job, variables: {} } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'undefined-variable', message: 'undefined variable ${topic} in args[1] ("${topic}")' });
  });

  it('says which installations exist when none has the job version', async () => {
    const result = await submitWithFlinkCli({ ...base, mode: 'yarn-application', job });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('installation-not-found');
    expect(result.error.message).toBe('No Flink 2.3 installation found.');
    expect(result.error.detail).toContain('prod-1.20 (1.20.3, settings: /opt/flink-1.20)');
    expect(result.error.hint).toContain('flink-pilot local start --flink <line>');
  });

  it('refuses YARN per-job mode on Flink 2 before running anything', async () => {
    const scan = { installations: [{ ...installations.installations[0], name: 'two', version: parseFlinkVersion('2.3.0') }], problems: [] };
    const result = await submitWithFlinkCli({ ...base, installations: scan, mode: 'yarn-per-job', job });
    expect(!result.ok && result.error.message).toMatch(/YARN per-job mode was removed in Flink 2.0/);
  });

  it('makes random 32-hex job ids', () => {
    const a = newJobId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newJobId()).not.toBe(a);
  });
});
