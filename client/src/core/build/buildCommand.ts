// The build command of a checked-out project, as an argument array: `mvn -B package -DskipTests`
// (or the project's Maven/Gradle wrapper) plus the project's own arguments, each one literal. The
// extension runs the same command as a VS Code task (ProcessExecution, no shell), the CLI spawns it.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import type { ProjectDefinition } from './projectDefinition';

export interface BuildCommand {
  tool: 'maven' | 'gradle';
  /** Executable: `mvn`, or the project's `./mvnw` / `./gradlew` (absolute path). */
  command: string;
  args: string[];
  /** Where the command runs: the build directory inside the checked-out repository. */
  cwd: string;
  /** Variables added to the parent environment. */
  env: Record<string, string>;
  /** Where the built jars appear (target/ or build/libs/), absolute. */
  outputDir: string;
}

export interface BuildCommandOptions {
  /** Root of the checked-out repository. */
  repoDir: string;
  /** Workspace root, for a relative `mavenSettings`. */
  workspaceRoot: string;
  /** The Maven executable when the project has no wrapper (default `mvn`). */
  mavenExecutable?: string;
  platform?: NodeJS.Platform;
}

export function buildCommandFor(project: ProjectDefinition, options: BuildCommandOptions): Result<BuildCommand, FlinkPilotError> {
  const windows = (options.platform ?? process.platform) === 'win32';
  const pomInRepo = project.pom ? join(options.repoDir, project.pom) : undefined;
  const cwd = pomInRepo ? resolve(pomInRepo, '..') : project.directory ? join(options.repoDir, project.directory) : options.repoDir;
  if (!existsSync(cwd)) {
    return err(new FlinkPilotError(`The build directory "${project.directory ?? project.pom}" of project "${project.name}" does not exist in the checked-out commit.`, { code: 'build-dir-missing', hint: 'Fix `directory:` or `pom:` in the project definition.' }));
  }
  const gradleWrapper = join(cwd, windows ? 'gradlew.bat' : 'gradlew');
  const mavenWrapper = join(cwd, windows ? 'mvnw.cmd' : 'mvnw');
  const pom = pomInRepo ?? join(cwd, 'pom.xml');
  let tool: 'maven' | 'gradle';
  if (project.buildTool === 'auto') {
    if (existsSync(pom)) tool = 'maven';
    else if (existsSync(gradleWrapper)) tool = 'gradle';
    else return err(new FlinkPilotError(`Project "${project.name}" has neither a pom.xml nor a Gradle wrapper in ${project.directory ?? 'its root directory'}.`, { code: 'no-build-file', hint: 'Set `directory:` (or `pom:`) to the module that builds the job jar.' }));
  } else {
    tool = project.buildTool;
  }

  if (tool === 'gradle') {
    if (!existsSync(gradleWrapper)) {
      return err(new FlinkPilotError(`Project "${project.name}" is set to build with Gradle, but has no Gradle wrapper (gradlew) in ${project.directory ?? 'its root directory'}.`, { code: 'no-gradle-wrapper', hint: 'Commit the Gradle wrapper (`gradle wrapper`), so the build uses the Gradle version the project expects.' }));
    }
    return ok({
      tool,
      command: gradleWrapper,
      args: ['--console=plain', '--no-daemon', 'assemble', '-x', 'test', ...project.buildArgs],
      cwd,
      env: { TERM: 'dumb' },
      outputDir: join(cwd, 'build', 'libs'),
    });
  }

  if (!existsSync(pom)) {
    return err(new FlinkPilotError(`Project "${project.name}" has no ${project.pom ?? 'pom.xml'} in ${project.directory ?? 'its root directory'}.`, { code: 'no-pom', hint: 'Set `directory:` or `pom:` to the module that builds the job jar.' }));
  }
  const args = ['-B', '--no-transfer-progress', '-Dstyle.color=never'];
  if (pomInRepo) args.push('-f', pomInRepo);
  if (project.mavenSettings) {
    const settings = isAbsolute(project.mavenSettings) ? project.mavenSettings : resolve(options.workspaceRoot, project.mavenSettings);
    if (!existsSync(settings)) {
      return err(new FlinkPilotError(`The Maven settings file ${settings} of project "${project.name}" does not exist.`, { code: 'settings-missing', hint: 'Fix `mavenSettings:` (relative paths are resolved from the workspace root).' }));
    }
    args.push('-s', settings);
  }
  args.push('package', '-DskipTests', ...project.buildArgs);
  return ok({
    tool,
    command: existsSync(mavenWrapper) ? mavenWrapper : (options.mavenExecutable ?? 'mvn'),
    args,
    cwd,
    env: { MAVEN_BATCH_MODE: 'true' },
    outputDir: join(cwd, 'target'),
  });
}
