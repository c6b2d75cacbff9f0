// The installations room on the real Flink distributions the local installer made, and the version
// check on the real clusters' /config.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import {
  candidatesFromLocalInstaller,
  checkClusterVersion,
  detectInstallationVersion,
  formatFlinkVersion,
  readZipEntry,
  parseManifest,
  scanInstallations,
  selectInstallation,
  versionFromCliOutput,
} from '../../client/src/core/installations';

const clusters = inject('flinkClusters');
const run = promisify(execFile);

describe('real Flink installations', () => {
  it('finds the installer\'s distributions side by side and picks one per job version', async () => {
    const cacheDir = resolve(clusters['2.3'].flinkHome, '..', '..');
    const candidates = candidatesFromLocalInstaller(cacheDir);
    const scan = await scanInstallations(candidates, { allowCli: false });
    for (const line of ['1.20', '2.3']) {
      const chosen = selectInstallation(scan, line);
      expect(chosen.origin).toBe('local-installer');
      expect(formatFlinkVersion(chosen.version)).toBe(clusters[line].version);
      expect(chosen.flinkHome).toBe(clusters[line].flinkHome);
    }
  });

  it('the flink-dist jar name, its manifest and `bin/flink --version` agree', async () => {
    for (const line of ['1.20', '2.3']) {
      const detected = await detectInstallationVersion(clusters[line].flinkHome);
      expect(detected.source).toBe('dist-jar-name');
      const manifest = await readZipEntry(detected.distJar!, 'META-INF/MANIFEST.MF');
      expect(parseManifest(manifest!.toString('utf8')).get('Implementation-Version')).toBe(clusters[line].version);
      const { stdout } = await run(join(clusters[line].flinkHome, 'bin', 'flink'), ['--version']);
      expect(versionFromCliOutput(stdout)?.text).toBe(clusters[line].version);
    }
  });

  it('reports a job/cluster version mismatch from the real /config', async () => {
    const config = await (await fetch(`${clusters['2.3'].restUrl}/config`)).json() as { 'flink-version': string };
    expect(checkClusterVersion('2.3', config, { clusterName: clusters['2.3'].name })).toEqual({ ok: true, clusterVersion: clusters['2.3'].version });
    const mismatch = checkClusterVersion('1.20', config, { clusterName: clusters['2.3'].name, restUrl: clusters['2.3'].restUrl });
    expect(mismatch.ok).toBe(false);
    if (!mismatch.ok) {
      expect(mismatch.error.message).toBe(`Version mismatch: the job needs Flink 1.20, but the cluster "${clusters['2.3'].name}" (${clusters['2.3'].restUrl}) runs Flink ${clusters['2.3'].version}.`);
    }
  });
});
