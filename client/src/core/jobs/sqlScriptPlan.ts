// Turns a (substituted) SQL script into a deployment plan: the statements to run one by one in
// order (SET, CREATE, USE, ADD JAR, …) and the INSERTs, which are submitted together as ONE
// statement set so they become one Flink job. Statement-set syntax of the SQL client
// (`BEGIN STATEMENT SET; … END;`) and of the gateway (`EXECUTE STATEMENT SET BEGIN … END;`) are both
// understood. A query (SELECT) cannot be deployed as a job and is reported with its position.
import { scanRegions } from './sqlText';

export interface ScriptStatement {
  /** Exact source text sent to the gateway (no trailing `;`). */
  text: string;
  /** Offset of `text` in the script. */
  start: number;
}

export interface SqlScriptPlan {
  /** Run in order before the inserts. */
  setup: ScriptStatement[];
  /** The statements that make the job: INSERTs (and CTAS/RTAS), or one EXECUTE PLAN. */
  inserts: ScriptStatement[];
  problems: { message: string; start: number }[];
}

/** Splits at `;` outside strings, quoted identifiers and comments; drops empty statements. */
export function splitStatements(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let start = 0;
  const finish = (end: number) => {
    const stmt = trimStatement(script, start, end);
    if (stmt) statements.push(stmt);
  };
  for (const region of scanRegions(script)) {
    if (region.kind !== 'code') continue;
    for (let i = region.start; i < region.end; i++) {
      if (script[i] === ';') {
        finish(i);
        start = i + 1;
      }
    }
  }
  finish(script.length);
  return statements;
}

/** Skips leading/trailing whitespace and leading comments, so positions start at the first keyword. */
function trimStatement(script: string, start: number, end: number): ScriptStatement | undefined {
  let s = start;
  for (;;) {
    while (s < end && /\s/.test(script[s]!)) s++;
    if (script.startsWith('--', s)) {
      const nl = script.indexOf('\n', s);
      s = nl < 0 || nl > end ? end : nl + 1;
      continue;
    }
    if (script.startsWith('/*', s) && !script.startsWith('/*+', s)) {
      const close = script.indexOf('*/', s + 2);
      s = close < 0 || close + 2 > end ? end : close + 2;
      continue;
    }
    break;
  }
  let e = end;
  while (e > s && /\s/.test(script[e - 1]!)) e--;
  if (e <= s) return undefined;
  return { text: script.slice(s, e), start: s };
}

function keywords(text: string, count: number): string[] {
  // Comments between keywords are rare in practice; whitespace is enough here.
  return text.split(/\s+/, count).map((w) => w.toUpperCase().replace(/[^A-Z_]/g, ''));
}

/** `CREATE [OR REPLACE] [TEMPORARY] TABLE … AS SELECT …` and `REPLACE TABLE … AS …` run a job, like INSERT. */
function isTableAsSelect(text: string): boolean {
  if (!/^(CREATE\s+(OR\s+REPLACE\s+)?|REPLACE\s+)(TEMPORARY\s+)?TABLE\b/i.test(text)) return false;
  // Look at code only: `AS SELECT` inside an option value or a comment does not count.
  const code = scanRegions(text)
    .map((r) => (r.kind === 'code' ? text.slice(r.start, r.end) : ' '.repeat(r.end - r.start)))
    .join('');
  return /\)?\s*\bAS\s*(\(\s*)?(SELECT|WITH|VALUES)\b/i.test(code.replace(/\w+\s+AS\s+PROCTIME\s*\(/gi, ''));
}

/** Strips a leading `EXECUTE STATEMENT SET BEGIN` (returns the offset of what follows) or `EXECUTE `. */
function stripPrefix(stmt: ScriptStatement, pattern: RegExp): ScriptStatement | undefined {
  const match = pattern.exec(stmt.text);
  if (!match) return undefined;
  const rest = stmt.text.slice(match[0].length);
  const lead = rest.length - rest.trimStart().length;
  return { text: rest.trimStart(), start: stmt.start + match[0].length + lead };
}

export function planSqlScript(script: string): SqlScriptPlan {
  const plan: SqlScriptPlan = { setup: [], inserts: [], problems: [] };
  let inSet: 'sql-client' | 'gateway' | undefined;
  // CTAS/RTAS and EXECUTE PLAN make a job of their own: Flink accepts only INSERTs in a statement set.
  const standalone: ScriptStatement[] = [];
  for (const stmt of splitStatements(script)) {
    const [k1 = '', k2 = '', k3 = ''] = keywords(stmt.text, 3);
    if (k1 === 'BEGIN' && k2 === 'STATEMENT' && k3 === 'SET') {
      inSet = 'sql-client';
      continue;
    }
    if (k1 === 'END' && stmt.text.trim().length <= 3) {
      if (!inSet) plan.problems.push({ message: 'END without a statement set to close', start: stmt.start });
      inSet = undefined;
      continue;
    }
    const gatewaySet = stripPrefix(stmt, /^EXECUTE\s+STATEMENT\s+SET\s+BEGIN\b/i);
    if (gatewaySet) {
      inSet = 'gateway';
      if (gatewaySet.text) plan.inserts.push(gatewaySet);
      continue;
    }
    const executeInsert = stripPrefix(stmt, /^EXECUTE\b(?=\s+INSERT\b)/i);
    if (executeInsert) {
      plan.inserts.push(executeInsert);
      continue;
    }
    if (k1 === 'INSERT' || (k1 === 'UPSERT' && k2 === 'INTO')) {
      plan.inserts.push(stmt);
      continue;
    }
    if (isTableAsSelect(stmt.text) || /^(COMPILE\s+AND\s+)?EXECUTE\s+PLAN\b/i.test(stmt.text)) {
      plan.inserts.push(stmt);
      standalone.push(stmt);
      continue;
    }
    if (inSet) {
      plan.problems.push({ message: `only INSERT statements may appear inside a statement set, found ${k1}`, start: stmt.start });
      continue;
    }
    if (k1 === 'SELECT' || k1 === 'WITH' || k1 === 'VALUES' || k1 === 'TABLE' || stmt.text.startsWith('(')) {
      plan.problems.push({ message: 'a query (SELECT) cannot be deployed as a job: write its result with INSERT INTO a sink table (e.g. the print connector)', start: stmt.start });
      continue;
    }
    plan.setup.push(stmt);
  }
  if (inSet) plan.problems.push({ message: 'statement set is not closed with END', start: script.length });
  if (standalone.length > 0 && plan.inserts.length > 1) {
    const first = standalone[0]!;
    const what = /PLAN\b/i.test(first.text.split(/\s+/, 4).join(' ')) ? 'EXECUTE PLAN' : 'CREATE TABLE … AS SELECT';
    plan.problems.push({
      message: `${what} makes a job of its own and cannot share one job with other INSERT/CTAS statements (a statement set takes only INSERTs): write CREATE TABLE and INSERT INTO instead`,
      start: first.start,
    });
  }
  if (plan.inserts.length === 0 && plan.problems.length === 0) {
    plan.problems.push({ message: 'the script has no INSERT statement, so there is no job to submit', start: 0 });
  }
  return plan;
}

export interface StatementSetText {
  text: string;
  /** For each insert: where its text starts in `text`, and in the script. */
  segments: { offset: number; scriptStart: number; length: number }[];
}

/** One INSERT is sent as it is; several become `EXECUTE STATEMENT SET BEGIN …; …; END`. */
export function statementSetText(inserts: readonly ScriptStatement[]): StatementSetText {
  if (inserts.length === 1) {
    const only = inserts[0]!;
    return { text: only.text, segments: [{ offset: 0, scriptStart: only.start, length: only.text.length }] };
  }
  let text = 'EXECUTE STATEMENT SET\nBEGIN\n';
  const segments: StatementSetText['segments'] = [];
  for (const insert of inserts) {
    segments.push({ offset: text.length, scriptStart: insert.start, length: insert.text.length });
    text += `${insert.text};\n`;
  }
  text += 'END';
  return { text, segments };
}

/** Maps an offset in a statement-set text back to the script (clamped to the nearest insert). */
export function scriptOffsetInStatementSet(set: StatementSetText, offset: number): number {
  let best = set.segments[0]!;
  for (const segment of set.segments) if (segment.offset <= offset) best = segment;
  return best.scriptStart + Math.max(0, Math.min(offset - best.offset, best.length));
}
