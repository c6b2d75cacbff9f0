// Finds the Flink version of a FLINK_HOME: from the name of `lib/flink-dist*.jar`, else from that jar's
// manifest (`Implementation-Version`), else by asking `bin/flink --version` (slow: starts a JVM).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FlinkPilotError } from '../errors';
import { type FlinkVersion, tryParseFlinkVersion } from './flinkVersion';
import { parseManifest, readZipEntry } from './zipEntryReader';

export type VersionSource = 'dist-jar-name' | 'dist-jar-manifest' | 'flink-cli';

export interface DetectedVersion {
  version: FlinkVersion;
  source: VersionSource;
  /** The flink-dist jar, when one was found. */
  distJar?: string;
}

// flink-dist-1.20.3.jar, flink-dist_2.12-1.14.6.jar, flink-dist-2.3-SNAPSHOT.jar
const DIST_JAR_NAME = /^flink-dist(?:_\d+\.\d+)?-(\d+\.\d+(?:\.\d+)?(?:-[A-Za-z0-9.]+)?)\.jar$/;

/** Version in a flink-dist jar's file name, or undefined. */
export function versionFromDistJarName(fileName: string): FlinkVersion | undefined {
  const match = DIST_JAR_NAME.exec(fileName);
  return match ? tryParseFlinkVersion(match[1]) : undefined;
}

/** Version in `bin/flink --version` output: `Version: 1.20.3, Commit ID: 01e3a6d`. */
export function versionFromCliOutput(output: string): FlinkVersion | undefined {
  const match = /Version:\s*([0-9][^,\s]*)/.exec(output);
  return match ? tryParseFlinkVersion(match[1]) : undefined;
}

async function findDistJar(flinkHome: string): Promise<string | undefined> {
  const lib = join(flinkHome, 'lib');
  if (!existsSync(lib)) return undefined;
  const jar = (await readdir(lib)).filter((name) => name.startsWith('flink-dist') && name.endsWith('.jar')).sort()[0];
  return jar ? join(lib, jar) : undefined;
}

function askFlinkCli(flinkHome: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(join(flinkHome, 'bin', 'flink'), ['--version'], { timeout: timeoutMs, env: { ...process.env, FLINK_HOME: flinkHome } },
      (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}\n${stderr}`)));
  });
}

export interface DetectVersionOptions {
  /** Ask `bin/flink --version` when the jar tells nothing (default true). */
  allowCli?: boolean;
  cliTimeoutMs?: number;
}

export async function detectInstallationVersion(flinkHome: string, options: DetectVersionOptions = {}): Promise<DetectedVersion> {
  if (!existsSync(flinkHome)) {
    throw new FlinkPilotError(`The Flink installation ${flinkHome} does not exist.`, {
      code: 'installation-missing',
      hint: 'Fix the path in flinkPilot.flinkHomes, the CLI config file or FLINK_HOME.',
    });
  }
  const distJar = await findDistJar(flinkHome);
  const causes: string[] = [];
  if (distJar) {
    const fromName = versionFromDistJarName(distJar.slice(distJar.lastIndexOf('/') + 1));
    if (fromName) return { version: fromName, source: 'dist-jar-name', distJar };
    try {
      const manifest = await readZipEntry(distJar, 'META-INF/MANIFEST.MF');
      const declared = manifest && parseManifest(manifest.toString('utf8')).get('Implementation-Version');
      const fromManifest = declared ? tryParseFlinkVersion(declared) : undefined;
      if (fromManifest) return { version: fromManifest, source: 'dist-jar-manifest', distJar };
      causes.push(`${distJar} names no Implementation-Version`);
    } catch (error) {
      causes.push(error instanceof Error ? error.message : String(error));
    }
  } else {
    causes.push(`no lib/flink-dist*.jar in ${flinkHome}`);
  }
  if (options.allowCli !== false && existsSync(join(flinkHome, 'bin', 'flink'))) {
    try {
      const fromCli = versionFromCliOutput(await askFlinkCli(flinkHome, options.cliTimeoutMs ?? 30_000));
      if (fromCli) return { version: fromCli, source: 'flink-cli', distJar };
      causes.push('`bin/flink --version` printed no version');
    } catch (error) {
      causes.push(`\`bin/flink --version\` failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new FlinkPilotError(`Could not tell which Flink version is installed at ${flinkHome}.`, {
    code: 'installation-version-unknown',
    detail: causes.join('\n'),
    hint: 'Point the setting at a Flink distribution directory (the one with bin/ and lib/).',
  });
}
