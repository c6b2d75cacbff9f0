// What was built before, per project: for a (commit, tool, arguments, layout) key the jar that came
// out, kept as a copy next to the clone (a later checkout cleans target/), with its checksum. A
// build whose key and jar are unchanged is not run again.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SelectedArtifact } from './artifactSelection';
import { sha256File } from './artifactSelection';

export interface BuildRecord {
  key: string;
  commit: string;
  tool: 'maven' | 'gradle';
  buildArgs: string[];
  artifact: SelectedArtifact;
  builtAt: string;
  durationMs: number;
}

export interface BuildKeyInput {
  commit: string;
  tool: 'maven' | 'gradle';
  /** The full argument list of the build command (includes the project's arguments). */
  args: readonly string[];
  directory?: string;
  pom?: string;
  artifact?: string;
  mainClass?: string;
  /** Contents hash of the Maven settings file, when one is used: a changed mirror or profile is a new build. */
  settingsHash?: string;
}

export function buildKey(input: BuildKeyInput): string {
  return createHash('sha256').update(JSON.stringify([input.commit, input.tool, input.args, input.directory ?? '', input.pom ?? '', input.artifact ?? '', input.mainClass ?? '', input.settingsHash ?? ''])).digest('hex');
}

const KEEP_RECORDS = 10;

export class BuildCache {
  readonly #file: string;
  readonly #artifactsDir: string;

  constructor(projectCacheDir: string) {
    this.#file = join(projectCacheDir, 'builds.json');
    this.#artifactsDir = join(projectCacheDir, 'artifacts');
  }

  async #read(): Promise<BuildRecord[]> {
    try {
      const parsed = JSON.parse(await readFile(this.#file, 'utf8')) as { builds?: BuildRecord[] };
      return Array.isArray(parsed.builds) ? parsed.builds : [];
    } catch {
      // Missing or damaged: the cache only saves time, so start over.
      return [];
    }
  }

  /** The earlier build for this key, if its jar is still there and unchanged. */
  async find(key: string): Promise<BuildRecord | undefined> {
    const record = (await this.#read()).find((r) => r.key === key);
    if (!record || !existsSync(record.artifact.path)) return undefined;
    return (await sha256File(record.artifact.path)) === record.artifact.checksum ? record : undefined;
  }

  /** Keeps a copy of the built jar and records it; returns the record pointing at the copy. */
  async store(record: BuildRecord): Promise<BuildRecord> {
    await mkdir(this.#artifactsDir, { recursive: true });
    const fileName = `${record.commit.slice(0, 12)}-${record.key.slice(0, 8)}-${record.artifact.path.split(/[\\/]/).pop()}`;
    const copy = join(this.#artifactsDir, fileName);
    await copyFile(record.artifact.path, `${copy}.tmp`);
    await rename(`${copy}.tmp`, copy);
    const stored: BuildRecord = { ...record, artifact: { ...record.artifact, path: copy } };
    const records = [stored, ...(await this.#read()).filter((r) => r.key !== record.key)];
    for (const old of records.splice(KEEP_RECORDS)) await rm(old.artifact.path, { force: true });
    await writeAtomically(this.#file, `${JSON.stringify({ builds: records }, null, 2)}\n`);
    return stored;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
