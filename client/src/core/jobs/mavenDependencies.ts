// Resolves Maven coordinates WITH their transitive dependencies into a local cache, using Maven
// itself: a generated pom that lists the dependencies (and their exclusions), then
// `mvn dependency:copy-dependencies` — so version mediation, exclusions and scopes work exactly as
// in a Maven build (StreamPark resolves only the first level, its issue #2746). The cache key is the
// hash of the dependency list, so a second submission costs nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FlinkPilotError } from '../errors';
import { runCommand } from '../local/commandRunner';
import type { MavenDependency } from './deploymentTypes';

export interface MavenCoordinates {
  groupId: string;
  artifactId: string;
  version: string;
  type?: string;
  classifier?: string;
}

/** Parses `g:a:v`, `g:a:type:v` or `g:a:type:classifier:v` (Maven's own order). */
export function parseCoordinates(text: string): MavenCoordinates | undefined {
  const parts = text.trim().split(':');
  if (parts.some((p) => p === '' || /[\s<>&"']/.test(p))) return undefined;
  if (parts.length === 3) return { groupId: parts[0]!, artifactId: parts[1]!, version: parts[2]! };
  if (parts.length === 4) return { groupId: parts[0]!, artifactId: parts[1]!, type: parts[2]!, version: parts[3]! };
  if (parts.length === 5) return { groupId: parts[0]!, artifactId: parts[1]!, type: parts[2]!, classifier: parts[3]!, version: parts[4]! };
  return undefined;
}

export function defaultMavenCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'flink-pilot', 'maven');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The pom whose runtime classpath is exactly the requested dependencies and what they pull in. */
export function dependencyPom(dependencies: readonly MavenDependency[]): string {
  const entries = dependencies.map((dep) => {
    const c = parseCoordinates(dep.coordinates);
    if (!c) throw new FlinkPilotError(`"${dep.coordinates}" is not a Maven coordinate.`, { code: 'bad-coordinates', hint: 'Write group:artifact:version, e.g. org.apache.flink:flink-connector-kafka:3.3.0-1.20.' });
    const exclusions = (dep.exclusions ?? []).map((e) => {
      const [g = '*', a = '*'] = e.split(':');
      return `        <exclusion><groupId>${xml(g)}</groupId><artifactId>${xml(a)}</artifactId></exclusion>`;
    });
    return [
      '    <dependency>',
      `      <groupId>${xml(c.groupId)}</groupId>`,
      `      <artifactId>${xml(c.artifactId)}</artifactId>`,
      `      <version>${xml(c.version)}</version>`,
      c.type ? `      <type>${xml(c.type)}</type>` : '',
      c.classifier ? `      <classifier>${xml(c.classifier)}</classifier>` : '',
      exclusions.length ? `      <exclusions>\n${exclusions.join('\n')}\n      </exclusions>` : '',
      '    </dependency>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>flink-pilot.resolve</groupId>
  <artifactId>dependencies</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${entries.join('\n')}
  </dependencies>
</project>
`;
}

export interface ResolveOptions {
  cacheDir?: string;
  /** Maven executable; default `mvn` (or FLINK_PILOT_MVN). */
  mvn?: string;
  signal?: AbortSignal;
  onProgress?: (step: string) => void;
  timeoutMs?: number;
}

/** Returns the absolute paths of all jars (requested + transitive), sorted by file name. */
export async function resolveMavenDependencies(dependencies: readonly MavenDependency[], options: ResolveOptions = {}): Promise<string[]> {
  if (dependencies.length === 0) return [];
  const pom = dependencyPom(dependencies);
  const key = createHash('sha256').update(pom).digest('hex').slice(0, 16);
  const root = join(options.cacheDir ?? defaultMavenCacheDir(), key);
  const libDir = join(root, 'lib');
  if (!existsSync(join(root, '.complete'))) {
    options.onProgress?.(`Resolving ${dependencies.length} Maven dependenc${dependencies.length === 1 ? 'y' : 'ies'} with transitive dependencies`);
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'pom.xml'), pom);
    const staging = join(root, `lib.partial-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await runCommand(
      options.mvn ?? process.env.FLINK_PILOT_MVN ?? 'mvn',
      ['-B', '-q', '-f', join(root, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime', '-DexcludeTransitive=false'],
      { purpose: 'Resolving Maven dependencies', signal: options.signal, timeoutMs: options.timeoutMs ?? 600_000 },
    );
    // Publish the finished directory in one rename, so a cancelled run never leaves half a cache.
    await rm(libDir, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    await rename(staging, libDir);
    await writeFile(join(root, '.complete'), new Date().toISOString());
  }
  const files = (await readdir(libDir)).filter((f) => f.endsWith('.jar')).sort();
  return files.map((f) => join(libDir, f));
}
