// Installs a real Flink distribution per version into the cache:
//   python3 -m pip install --no-deps --target <tmp> apache-flink==V apache-flink-libraries==V
//   mvn dependency:copy org.apache.flink:flink-sql-gateway:V  → <tmp>/pyflink/opt
// then renames <tmp> to <cache>/flink-V, so a half-finished install is never mistaken for a good one.
// A lock directory keeps concurrent installers (test workers, two windows) from racing.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FlinkPilotError } from '../errors';
import { runCommand } from './commandRunner';
import { type LocalFlinkRelease, resolveLocalFlinkRelease } from './flinkReleases';
import { defaultCacheDir } from './localPaths';
import { withDirectoryLock } from './directoryLock';

export interface FlinkInstallation {
  release: LocalFlinkRelease;
  /** The FLINK_HOME: `<cache>/flink-<version>/pyflink`. */
  flinkHome: string;
  /** True when this call downloaded it, false when it came from the cache. */
  downloaded: boolean;
}

export interface InstallOptions {
  cacheDir?: string;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  /** Python interpreter running pip. */
  python?: string;
  /** Maven executable. */
  maven?: string;
}

const MARKER = '.flink-pilot-installed.json';
const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export function installationDir(release: LocalFlinkRelease, cacheDir = defaultCacheDir()): string {
  return join(cacheDir, `flink-${release.version}`);
}

/** Returns the FLINK_HOME of an installed release without installing anything, or undefined. */
export function findInstalledFlink(versionOrLine: string, cacheDir = defaultCacheDir()): string | undefined {
  const release = resolveLocalFlinkRelease(versionOrLine);
  const dir = installationDir(release, cacheDir);
  return existsSync(join(dir, MARKER)) ? join(dir, 'pyflink') : undefined;
}

export async function ensureFlinkInstalled(versionOrLine: string, options: InstallOptions = {}): Promise<FlinkInstallation> {
  const release = resolveLocalFlinkRelease(versionOrLine);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const dir = installationDir(release, cacheDir);
  const flinkHome = join(dir, 'pyflink');
  if (existsSync(join(dir, MARKER))) return { release, flinkHome, downloaded: false };

  await mkdir(cacheDir, { recursive: true });
  return withDirectoryLock(join(cacheDir, `flink-${release.version}.lock`), async () => {
    // Another process may have finished the install while this one waited for the lock.
    if (existsSync(join(dir, MARKER))) return { release, flinkHome, downloaded: false };
    const progress = options.onProgress ?? (() => undefined);
    const tmp = `${dir}.partial-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });

    progress(`Downloading Flink ${release.version} (apache-flink + apache-flink-libraries, about 300 MB) into ${cacheDir}`);
    const python = options.python ?? process.env.FLINK_PILOT_PYTHON ?? 'python3';
    await runCommand(
      python,
      ['-m', 'pip', 'install', '--no-deps', '--no-compile', '--disable-pip-version-check', '--no-input',
        '--target', tmp, `apache-flink==${release.version}`, `apache-flink-libraries==${release.version}`],
      { purpose: `Installing Flink ${release.version} from PyPI`, signal: options.signal, timeoutMs: 30 * 60_000 },
    );
    const tmpHome = join(tmp, 'pyflink');
    if (!existsSync(join(tmpHome, 'bin', 'jobmanager.sh'))) {
      throw new FlinkPilotError(`The PyPI packages of Flink ${release.version} contain no pyflink/bin/jobmanager.sh.`, {
        code: 'bad-distribution',
        hint: `Remove ${tmp} and try again; if it persists, the package layout changed.`,
      });
    }

    progress(`Fetching the SQL Gateway jar org.apache.flink:flink-sql-gateway:${release.gatewayVersion} with Maven`);
    await runCommand(
      options.maven ?? 'mvn',
      ['-B', '-q', `${MAVEN_DEPENDENCY_PLUGIN}:copy`,
        `-Dartifact=org.apache.flink:flink-sql-gateway:${release.gatewayVersion}`,
        `-DoutputDirectory=${join(tmpHome, 'opt')}`],
      { purpose: `Fetching the Flink SQL Gateway ${release.gatewayVersion}`, cwd: tmp, signal: options.signal, timeoutMs: 10 * 60_000 },
    );

    // pip may drop the executable bit of the scripts.
    const binDir = join(tmpHome, 'bin');
    for (const entry of await readdir(binDir)) {
      if (entry.endsWith('.sh') || entry === 'flink') await chmod(join(binDir, entry), 0o755);
    }
    await writeFile(join(tmp, MARKER), JSON.stringify({ version: release.version, gatewayVersion: release.gatewayVersion, installedAt: new Date().toISOString() }));
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    progress(`Flink ${release.version} installed at ${flinkHome}`);
    return { release, flinkHome, downloaded: true };
  });
}

/** Reads the Java options the distribution ships for Java 17 (`env.java.opts.all` in conf/config.yaml). */
export async function distributionJavaOptions(flinkHome: string): Promise<string | undefined> {
  const text = await readFile(join(flinkHome, 'conf', 'config.yaml'), 'utf8');
  const { parse } = await import('yaml');
  const conf = parse(text) as Record<string, unknown> | null;
  const nested = (conf?.env as { java?: { opts?: { all?: unknown } } } | undefined)?.java?.opts?.all;
  const flat = conf?.['env.java.opts.all'];
  const value = typeof nested === 'string' ? nested : typeof flat === 'string' ? flat : undefined;
  return value?.trim() || undefined;
}
