// Compile errors and warnings in a build's log, as {file, line, column, message}: Maven's compiler
// plugin (`[ERROR] /src/A.java:[12,8] cannot find symbol` + indented detail lines) and plain
// javac/Gradle (`/src/A.java:12: error: cannot find symbol`). The same patterns are exported for
// the VS Code problem matcher, so the Problems view and the CLI agree.

export interface BuildProblem {
  severity: 'error' | 'warning';
  /** Absolute path of the source file, as the compiler reported it. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based; 1 when the compiler gave none. */
  column: number;
  message: string;
}

/** `[ERROR] /abs/File.java:[12,8] message` — Maven (maven-compiler-plugin, also Kotlin/Scala plugins). */
export const MAVEN_PROBLEM_PATTERN = /^\[(ERROR|WARNING)\] (.+?\.(?:java|kt|scala|groovy)):\[(\d+),(\d+)\] (.*)$/;
/** `/abs/File.java:12: error: message` — javac, as Gradle prints it. */
export const JAVAC_PROBLEM_PATTERN = /^(.+?\.(?:java|kt|scala|groovy)):(\d+): (error|warning): (.*)$/;
/**
 * `/abs/File.java:12:8: error: message` (optionally indented, or after the CLI's `[ 12.3 s]` progress
 * prefix) — the one-line form printed for every problem after a build (formatProblem); the VS Code
 * problem matcher uses this pattern.
 */
export const FLINK_PILOT_PROBLEM_PATTERN = /^(?:\[\s*\d+(?:\.\d+)? s\])?\s*([^\s[].*?\.(?:java|kt|kts|scala|groovy)):(\d+):(\d+): (error|warning): (.*)$/;
/** `e: file:///abs/File.kt:12:8 message` — the Kotlin compiler under Gradle. */
const KOTLIN_PROBLEM_PATTERN = /^([ew]): (?:file:\/\/)?(.+?\.kts?):(\d+):(\d+) (.*)$/;

/** The `[ERROR]`/`[INFO]` prefix and ANSI colours some Maven setups add, removed. */
export function plainLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u001b\[[0-9;]*m/g, '').replace(/\r$/, '');
}

/** Collects problems line by line while a build runs (detail lines are added to the last problem). */
export class BuildProblemCollector {
  readonly problems: BuildProblem[] = [];
  #last: BuildProblem | undefined;
  #seen = new Set<string>();
  readonly #mapFile: (file: string) => string;

  /** `mapFile` rewrites each problem's path, e.g. from the build cache's clone to the user's checkout. */
  constructor(mapFile: (file: string) => string = (file) => file) {
    this.#mapFile = mapFile;
  }

  add(rawLine: string): BuildProblem | undefined {
    const line = plainLine(rawLine);
    const maven = MAVEN_PROBLEM_PATTERN.exec(line);
    if (maven) return this.#push({ severity: maven[1] === 'ERROR' ? 'error' : 'warning', file: maven[2]!, line: Number(maven[3]), column: Number(maven[4]), message: maven[5]!.trim() });
    const javac = JAVAC_PROBLEM_PATTERN.exec(line);
    if (javac) return this.#push({ severity: javac[3] === 'error' ? 'error' : 'warning', file: javac[1]!, line: Number(javac[2]), column: 1, message: javac[4]!.trim() });
    const kotlin = KOTLIN_PROBLEM_PATTERN.exec(line);
    if (kotlin) return this.#push({ severity: kotlin[1] === 'e' ? 'error' : 'warning', file: kotlin[2]!, line: Number(kotlin[3]), column: Number(kotlin[4]), message: kotlin[5]!.trim() });
    // javac's detail lines ("  symbol:   variable x", "  location: class A") belong to the problem above.
    const detail = /^(?:\[ERROR\]|\[WARNING\])?\s{2,}(symbol|location|required|found|reason)\b:?\s*(.*)$/.exec(line);
    if (detail && this.#last) {
      this.#last.message += `\n${detail[1]}: ${detail[2]!.trim()}`;
      return undefined;
    }
    if (!/^\s/.test(line)) this.#last = undefined;
    return undefined;
  }

  #push(found: BuildProblem): BuildProblem | undefined {
    const problem = { ...found, file: this.#mapFile(found.file) };
    // Maven prints each compile error twice (once while compiling, once in the failure summary).
    const key = `${problem.severity}|${problem.file}|${problem.line}|${problem.column}|${problem.message}`;
    if (this.#seen.has(key)) {
      this.#last = undefined;
      return undefined;
    }
    this.#seen.add(key);
    this.problems.push(problem);
    this.#last = problem;
    return problem;
  }

  get errors(): BuildProblem[] {
    return this.problems.filter((p) => p.severity === 'error');
  }
}

/** `path:line:column  message`: the problems in an error's detail, linkable in terminals but not matched twice by the problem matcher. */
export function describeProblem(problem: BuildProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.message.split('\n').join('; ')}`;
}

export function parseBuildProblems(log: string): BuildProblem[] {
  const collector = new BuildProblemCollector();
  for (const line of log.split(/\r?\n/)) collector.add(line);
  return collector.problems;
}

/** `path:line:column: severity: message` — one line per problem, what gcc-style problem matchers and terminals link. */
export function formatProblem(problem: BuildProblem): string {
  const [first, ...rest] = problem.message.split('\n');
  return [`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${first}`, ...rest.map((r) => `    ${r}`)].join('\n');
}
