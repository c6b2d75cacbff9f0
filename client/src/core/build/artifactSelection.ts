// Which jar a build produced for submission, and which class it runs. The jar: the configured one,
// else the largest jar in target/ (build/libs/ for Gradle) that is not `original-*` (the unshaded
// jar the shade plugin keeps), `-sources`, `-javadoc` or `-tests` — the shaded fat jar. The class:
// the configured one, else the manifest's Main-Class, else the classes with a main method, offered
// for choice.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { FlinkPilotError } from '../errors';
import { parseManifest, readZipEntry } from '../installations/zipEntryReader';
import { err, ok, type Result } from '../result';
import { findMainClasses } from './mainClassScan';

export interface JarCandidate {
  path: string;
  sizeBytes: number;
}

export interface SelectedArtifact {
  path: string;
  sizeBytes: number;
  /** sha256 of the jar, hex. */
  checksum: string;
  /** The class to run, when it is clear (configured, or the manifest's Main-Class, or the only candidate). */
  mainClass?: string;
  mainClassSource?: 'configured' | 'manifest' | 'only-candidate';
  /** Classes with a main method, when the manifest names none: the user picks one. */
  mainClassCandidates: string[];
}

/** Names of jars that are never the job jar. */
export function isSecondaryJar(fileName: string): boolean {
  return fileName.startsWith('original-') || /-(sources|javadoc|tests|test-sources)\.jar$/.test(fileName);
}

/** The shaded jar among candidates: the largest that is not secondary (ties: the shorter name). */
export function chooseShadedJar(candidates: readonly JarCandidate[]): JarCandidate | undefined {
  return candidates
    .filter((c) => c.path.endsWith('.jar') && !isSecondaryJar(basename(c.path)))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || basename(a.path).length - basename(b.path).length)[0];
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
}

async function jarsIn(dir: string): Promise<JarCandidate[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jar'));
  return Promise.all(names.map(async (n) => ({ path: join(dir, n), sizeBytes: (await stat(join(dir, n))).size })));
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('error', reject).on('data', (chunk) => hash.update(chunk)).on('end', () => resolvePromise(hash.digest('hex')));
  });
}

/** The jar to submit from a build's output directory (or the configured `artifact`, relative to the build directory). */
export async function selectJar(options: { buildDir: string; outputDir: string; configured?: string; project: string }): Promise<Result<JarCandidate, FlinkPilotError>> {
  if (options.configured) {
    const full = join(options.buildDir, options.configured);
    const dir = dirname(full);
    const pattern = globToRegExp(basename(full));
    const matches = (await jarsIn(dir)).filter((c) => pattern.test(basename(c.path)));
    if (matches.length === 1) return ok(matches[0]!);
    const found = (await jarsIn(dir)).map((c) => basename(c.path));
    return err(new FlinkPilotError(
      matches.length === 0
        ? `The build of project "${options.project}" produced no jar matching "${options.configured}".`
        : `"${options.configured}" matches ${matches.length} jars of project "${options.project}": ${matches.map((m) => basename(m.path)).join(', ')}.`,
      { code: 'artifact-not-found', detail: found.length ? `Jars in ${relative(options.buildDir, dir) || '.'}: ${found.join(', ')}` : `${dir} holds no jar.`, hint: 'Fix `artifact:` in the project definition.' },
    ));
  }
  const candidates = await jarsIn(options.outputDir);
  const chosen = chooseShadedJar(candidates);
  if (chosen) return ok(chosen);
  return err(new FlinkPilotError(`The build of project "${options.project}" left no job jar in ${options.outputDir}.`, {
    code: 'artifact-not-found',
    detail: candidates.length ? `Only: ${candidates.map((c) => basename(c.path)).join(', ')}` : undefined,
    hint: 'Check that the build packages a jar (e.g. the maven-shade-plugin), or set `artifact:` to the jar to submit.',
  }));
}

/** Main class of a jar: configured, else the manifest's Main-Class, else the candidates found by scanning its classes. */
export async function selectMainClass(jarPath: string, configured?: string): Promise<Pick<SelectedArtifact, 'mainClass' | 'mainClassSource' | 'mainClassCandidates'>> {
  if (configured) {
    const entry = await readZipEntry(jarPath, `${configured.replace(/\./g, '/')}.class`);
    if (!entry) {
      throw new FlinkPilotError(`The class ${configured} is not in ${basename(jarPath)}.`, { code: 'main-class-missing', hint: 'Fix `mainClass` (or `entryClass`), or check that the class is packaged into the jar.' });
    }
    return { mainClass: configured, mainClassSource: 'configured', mainClassCandidates: [] };
  }
  const manifest = await readZipEntry(jarPath, 'META-INF/MANIFEST.MF');
  const fromManifest = manifest ? parseManifest(manifest.toString('utf8')).get('Main-Class') : undefined;
  if (fromManifest) return { mainClass: fromManifest, mainClassSource: 'manifest', mainClassCandidates: [] };
  const candidates = await findMainClasses(jarPath);
  if (candidates.length === 1) return { mainClass: candidates[0], mainClassSource: 'only-candidate', mainClassCandidates: candidates };
  return { mainClassCandidates: candidates };
}

export async function describeArtifact(jar: JarCandidate, configuredMainClass?: string): Promise<SelectedArtifact> {
  const [checksum, main] = await Promise.all([sha256File(jar.path), selectMainClass(jar.path, configuredMainClass)]);
  return { path: jar.path, sizeBytes: jar.sizeBytes, checksum, ...main };
}
