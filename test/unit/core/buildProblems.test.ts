// Compile problems from real-shaped build logs: Maven's compiler plugin (with javac's detail lines
// and its repeated summary), javac under Gradle, and Kotlin.
import { describe, expect, it } from 'vitest';
import { BuildProblemCollector, formatProblem, JAVAC_PROBLEM_PATTERN, MAVEN_PROBLEM_PATTERN, parseBuildProblems } from '../../../client/src/core/build/buildProblems';

const MAVEN_LOG = `[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ stateful-job ---
[INFO] Compiling 1 source file with javac [debug release 17] to target/classes
[INFO] -------------------------------------------------------------
[ERROR] COMPILATION ERROR :
[INFO] -------------------------------------------------------------
[ERROR] /cache/repo/src/main/java/dev/flinkpilot/fixture/StatefulCounterJob.java:[129,20] cannot find symbol
  symbol:   variable nextValueThatDoesNotExist
  location: class dev.flinkpilot.fixture.StatefulCounterJob.CountPerKey
[WARNING] /cache/repo/src/main/java/dev/flinkpilot/fixture/Other.java:[3,1] [deprecation] Foo in bar has been deprecated
[INFO] 1 error
[INFO] -------------------------------------------------------------
[INFO] BUILD FAILURE
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project stateful-job: Compilation failure
[ERROR] /cache/repo/src/main/java/dev/flinkpilot/fixture/StatefulCounterJob.java:[129,20] cannot find symbol
[ERROR]   symbol:   variable nextValueThatDoesNotExist
[ERROR]   location: class dev.flinkpilot.fixture.StatefulCounterJob.CountPerKey
[ERROR] -> [Help 1]`;

describe('build problems', () => {
  it('reads Maven compile errors with file, line, column and javac detail, once each', () => {
    const problems = parseBuildProblems(MAVEN_LOG);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: '/cache/repo/src/main/java/dev/flinkpilot/fixture/StatefulCounterJob.java',
        line: 129,
        column: 20,
        message: 'cannot find symbol\nsymbol: variable nextValueThatDoesNotExist\nlocation: class dev.flinkpilot.fixture.StatefulCounterJob.CountPerKey',
      },
      { severity: 'warning', file: '/cache/repo/src/main/java/dev/flinkpilot/fixture/Other.java', line: 3, column: 1, message: '[deprecation] Foo in bar has been deprecated' },
    ]);
  });

  it('reads javac as Gradle prints it and Kotlin errors', () => {
    const problems = parseBuildProblems([
      '> Task :compileJava FAILED',
      '/w/src/main/java/com/acme/Job.java:42: error: incompatible types: String cannot be converted to int',
      '        int x = "a";',
      'e: file:///w/src/main/kotlin/com/acme/Job.kt:7:13 Unresolved reference: foo',
    ].join('\n'));
    expect(problems.map((p) => [p.severity, p.file, p.line, p.column])).toEqual([
      ['error', '/w/src/main/java/com/acme/Job.java', 42, 1],
      ['error', '/w/src/main/kotlin/com/acme/Job.kt', 7, 13],
    ]);
  });

  it('ignores colour codes and lines that only look similar', () => {
    const collector = new BuildProblemCollector();
    expect(collector.add('\u001b[1;31m[ERROR]\u001b[m /w/A.java:[1,2] boom')).toMatchObject({ file: '/w/A.java', line: 1, column: 2, message: 'boom' });
    expect(collector.add('[ERROR] Failed to execute goal x: Compilation failure')).toBeUndefined();
    expect(collector.add('[INFO] /w/A.java:[1,2] not a problem')).toBeUndefined();
    expect(collector.errors).toHaveLength(1);
  });

  it('formats a problem as path:line:column: severity: message (what terminals and problem matchers link)', () => {
    expect(formatProblem({ severity: 'error', file: '/w/A.java', line: 3, column: 9, message: 'cannot find symbol\nsymbol: variable x' })).toBe('/w/A.java:3:9: error: cannot find symbol\n    symbol: variable x');
  });

  it('exports the patterns the VS Code problem matcher uses', () => {
    expect(MAVEN_PROBLEM_PATTERN.exec('[ERROR] /w/A.java:[12,8] x')?.slice(1)).toEqual(['ERROR', '/w/A.java', '12', '8', 'x']);
    expect(JAVAC_PROBLEM_PATTERN.exec('/w/A.java:12: warning: y')?.slice(1)).toEqual(['/w/A.java', '12', 'warning', 'y']);
  });
});

describe('the build task for VS Code', () => {
  it('runs the CLI build with an argument array and secrets only in the environment', async () => {
    const { buildTaskInvocation } = await import('../../../client/src/core/build/buildTask');
    const invocation = buildTaskInvocation({ jobFilePath: '/w/jobs/a b;c.flink.yaml', workspaceRoot: '/w', cliScript: '/ext/dist/cli.js', nodeExecutable: '/usr/bin/code', electronRunAsNode: true, force: true, secretEnv: { FLINK_PILOT_SECRET_GIT: 'tok-123' } });
    expect(invocation).toEqual({
      command: '/usr/bin/code',
      args: ['/ext/dist/cli.js', 'build', '/w/jobs/a b;c.flink.yaml', '--force'],
      cwd: '/w',
      env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1', FLINK_PILOT_SECRET_GIT: 'tok-123' },
    });
    expect(invocation.args.join(' ')).not.toContain('tok-123');
  });

  it('its problem matcher reads the summary lines, also behind the CLI progress prefix, and not the error detail', async () => {
    const { BUILD_PROBLEM_MATCHER } = await import('../../../client/src/core/build/buildTask');
    const { describeProblem } = await import('../../../client/src/core/build/buildProblems');
    const pattern = new RegExp(BUILD_PROBLEM_MATCHER.pattern.regexp);
    const problem = { severity: 'error' as const, file: '/c/repo/src/A.java', line: 129, column: 20, message: 'cannot find symbol' };
    for (const line of [formatProblem(problem), `[ 21.8 s] ${formatProblem(problem)}`, `  ${formatProblem(problem)}`]) {
      expect(pattern.exec(line)?.slice(1), line).toEqual(['/c/repo/src/A.java', '129', '20', 'error', 'cannot find symbol']);
    }
    expect(pattern.test(`  ${describeProblem(problem)}`)).toBe(false);
    expect(pattern.test('[ERROR] /c/repo/src/A.java:[129,20] cannot find symbol')).toBe(false);
  });
});

describe('problem paths', () => {
  it('point at the user\'s checkout when it has the file, else stay in the build cache', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { problemPathMapper } = await import('../../../client/src/core/build/projectBuild');
    const checkout = mkdtempSync(join(tmpdir(), 'fp-checkout-'));
    mkdirSync(join(checkout, 'src'), { recursive: true });
    writeFileSync(join(checkout, 'src', 'A.java'), 'class A {}');
    const collector = new BuildProblemCollector(problemPathMapper('/cache/repo', checkout));
    collector.add('[ERROR] /cache/repo/src/A.java:[1,2] boom');
    collector.add('[ERROR] /cache/repo/src/Gone.java:[3,4] gone');
    collector.add('[ERROR] /elsewhere/B.java:[5,6] other');
    expect(collector.problems.map((p) => p.file)).toEqual([join(checkout, 'src', 'A.java'), '/cache/repo/src/Gone.java', '/elsewhere/B.java']);
    expect(problemPathMapper('/cache/repo', undefined)).toBeUndefined();
  });
});
