// Submits a SQL job through the SQL Gateway: `${var}` substitution, one session carrying the job's
// configuration (and `pipeline.name` = the job name, and the restore options), `ADD JAR` for the
// dependencies, the script's other statements in order, then all INSERTs as ONE statement set —
// one Flink job — whose id is read from the result. Any error is mapped back to the line and
// column of the `.flink.sql` file, through the statement set and the variable substitution.
import { FlinkPilotError } from '../errors';
import { FlinkError } from '../flink/flinkError';
import type { SqlGatewayClient } from '../flink/sqlGatewayClient';
import { err, ok, type Result } from '../result';
import type { ClaimModeSetting } from './deploymentTypes';
import { humanSqlMessage, offsetInStatement, sqlErrorLine, sqlPositionInMessages } from './sqlErrorPosition';
import { planSqlScript, scriptOffsetInStatementSet, statementSetText, type ScriptStatement } from './sqlScriptPlan';
import { LineIndex, type TextPosition } from './sqlText';
import { originalOffset, substituteVariables, type Replacement } from './sqlVariables';

/** A SQL problem at a place in the script file. */
export class SqlSubmissionError extends FlinkPilotError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The underlying gateway error, when there is one. */
  readonly flinkError?: FlinkError;

  constructor(
    what: string,
    at: { file: string; start: TextPosition; end?: TextPosition },
    options: { code: string; hint?: string; flinkError?: FlinkError; detail?: string },
  ) {
    super(`${at.file}:${at.start.line}:${at.start.column}: ${what}`, { code: options.code, hint: options.hint, cause: options.flinkError, detail: options.detail });
    this.name = 'SqlSubmissionError';
    this.file = at.file;
    this.line = at.start.line;
    this.column = at.start.column;
    this.endLine = at.end?.line;
    this.endColumn = at.end?.column;
    this.flinkError = options.flinkError;
  }
}

export interface SqlSubmitRequest {
  jobName: string;
  /** The script as written (variables not yet substituted). */
  sqlText: string;
  /** File named in error positions. */
  sqlFile: string;
  /** Where inline SQL starts in `sqlFile` (see JobSpec.sql.origin). */
  sqlOrigin?: { line: number; indent: number };
  variables: Readonly<Record<string, string>>;
  /** Flink options for the session (the job's `config`). */
  config: Readonly<Record<string, string>>;
  /** Local jar paths for `ADD JAR`, in order. */
  jars: readonly string[];
  restore?: { path: string; allowNonRestoredState: boolean; claimMode: ClaimModeSetting };
}

export interface SqlSubmitOutcome {
  jobId: string;
  /** The properties the session was opened with. */
  sessionProperties: Record<string, string>;
  statementCount: number;
  insertCount: number;
}

/** Session properties: the job's options, its name and where to restore from. */
export function sqlSessionProperties(request: Pick<SqlSubmitRequest, 'jobName' | 'config' | 'restore'>): Record<string, string> {
  const properties: Record<string, string> = { ...request.config, 'pipeline.name': request.jobName };
  // The job id must come back as soon as the job is submitted, not when it ends.
  properties['table.dml-sync'] = 'false';
  if (request.restore) {
    // Same keys in 1.20 and 2.x (1.20 deprecated execution.savepoint.*).
    properties['execution.state-recovery.path'] = request.restore.path;
    properties['execution.state-recovery.ignore-unclaimed-state'] = String(request.restore.allowNonRestoredState);
    properties['execution.state-recovery.claim-mode'] = request.restore.claimMode.toUpperCase();
  }
  return properties;
}

/** Checks the script without a cluster: variables and statement structure. */
export function prepareSqlScript(request: Pick<SqlSubmitRequest, 'sqlText' | 'sqlFile' | 'variables' | 'sqlOrigin'>): Result<PreparedScript, SqlSubmissionError> {
  const substitution = substituteVariables(request.sqlText, request.variables);
  if (substitution.undefinedVariables.length > 0) {
    const first = substitution.undefinedVariables[0]!;
    const list = substitution.undefinedVariables
      .map((u) => `\${${u.name}} (used at ${u.positions.map((p) => `${p.line}:${p.column}`).join(', ')})`)
      .join('; ');
    return err(
      new SqlSubmissionError(`undefined variable ${list}`, { file: request.sqlFile, start: inFile(first.positions[0]!, request.sqlOrigin) }, {
        code: 'undefined-variable',
        hint: `Define ${substitution.undefinedVariables.map((u) => u.name).join(', ')} under "variables:" in the job file, or write $\${name} for a literal \${name}.`,
      }),
    );
  }
  const plan = planSqlScript(substitution.text);
  const prepared: PreparedScript = {
    substituted: substitution.text,
    replacements: substitution.replacements,
    original: request.sqlText,
    origin: request.sqlOrigin,
    setup: plan.setup,
    inserts: plan.inserts,
  };
  if (plan.problems.length > 0) {
    const problem = plan.problems[0]!;
    return err(new SqlSubmissionError(problem.message, { file: request.sqlFile, start: originalPosition(prepared, problem.start) }, { code: 'sql-structure' }));
  }
  return ok(prepared);
}

export interface PreparedScript {
  substituted: string;
  original: string;
  origin?: { line: number; indent: number };
  replacements: Replacement[];
  setup: ScriptStatement[];
  inserts: ScriptStatement[];
}

function originalPosition(script: PreparedScript, substitutedOffset: number): TextPosition {
  const position = new LineIndex(script.original).positionAt(originalOffset(script.replacements, substitutedOffset));
  return inFile(position, script.origin);
}

/** Shifts a position in the SQL text to the file holding it (inline SQL in a job file). */
function inFile(position: TextPosition, origin?: { line: number; indent: number }): TextPosition {
  if (!origin) return position;
  return { line: position.line + origin.line - 1, column: position.column + origin.indent };
}

export async function submitSqlScript(
  gateway: SqlGatewayClient,
  request: SqlSubmitRequest,
  options: { signal?: AbortSignal; onProgress?: (step: string) => void } = {},
): Promise<Result<SqlSubmitOutcome, FlinkPilotError>> {
  const progress = options.onProgress ?? (() => undefined);
  const prepared = prepareSqlScript(request);
  if (!prepared.ok) return prepared;
  const script = prepared.value;
  const sessionProperties = sqlSessionProperties(request);

  progress('Opening SQL Gateway session');
  const session = await gateway.openSession({ sessionName: `flink-pilot ${request.jobName}`, properties: sessionProperties }, { signal: options.signal });
  if (!session.ok) return session;
  const handle = session.value;
  try {
    for (const jar of request.jars) {
      progress(`ADD JAR ${jar}`);
      const added = await gateway.executeAndCollect(handle, `ADD JAR '${jar.replace(/'/g, "''")}'`, { signal: options.signal });
      if (!added.ok) return err(withHint(added.error, `Adding dependency ${jar} failed.`));
    }
    for (const statement of script.setup) {
      progress(`Executing ${summarize(statement.text)}`);
      const done = await gateway.executeAndCollect(handle, statement.text, { signal: options.signal });
      if (!done.ok) return err(mapGatewayError(done.error, script, request.sqlFile, statement.text, (offset) => statement.start + Math.min(offset, statement.text.length)));
    }
    const set = statementSetText(script.inserts);
    progress(script.inserts.length === 1 ? 'Submitting the INSERT' : `Submitting ${script.inserts.length} INSERTs as one statement set`);
    const submitted = await gateway.executeAndCollect(handle, set.text, { signal: options.signal });
    if (!submitted.ok) return err(mapGatewayError(submitted.error, script, request.sqlFile, set.text, (offset) => scriptOffsetInStatementSet(set, offset)));
    const jobId = submitted.value.jobId;
    if (!jobId) {
      return err(new FlinkPilotError('The SQL Gateway accepted the statement set but returned no job id.', { code: 'no-job-id', hint: 'Check that table.dml-sync is not forced on by the gateway configuration.' }));
    }
    return ok({ jobId, sessionProperties, statementCount: script.setup.length + script.inserts.length, insertCount: script.inserts.length });
  } finally {
    // The job lives on after the session; the session only held the catalog objects of the script.
    await gateway.closeSession(handle).catch(() => undefined);
  }
}

export function mapGatewayError(error: FlinkError, script: PreparedScript, file: string, sent: string, toScriptOffset: (offsetInSent: number) => number): FlinkPilotError {
  if (error.kind !== 'http') return error;
  const messages = error.causeChain.length > 0 ? error.causeChain : error.flinkMessage ? [error.flinkMessage] : [];
  const reported = sqlPositionInMessages(messages);
  const detail = `Flink (cluster "${error.cluster}"): ${messages.join('\n  caused by ')}`;
  if (!reported && !messages.some((m) => SQL_PROBLEM.test(m))) {
    // Not a problem of the SQL text (e.g. a missing savepoint, no slots): no position to show.
    return new FlinkPilotError(`Flink could not run the statement: ${humanSqlMessage(messages.at(-1) ?? error.message)}`, { code: 'submit-failed', cause: error, detail });
  }
  const errorLine = sqlErrorLine(messages);
  const what = errorLine ? humanSqlMessage(errorLine) : error.message;
  // The position Flink reports is relative to the text we sent.
  let start: TextPosition;
  let end: TextPosition | undefined;
  if (reported) {
    start = originalPosition(script, toScriptOffset(offsetInStatement(sent, reported.start)));
    if (reported.end) end = originalPosition(script, toScriptOffset(offsetInStatement(sent, reported.end)));
  } else {
    start = originalPosition(script, toScriptOffset(0));
  }
  return new SqlSubmissionError(what, { file, start, end }, { code: 'sql-error', flinkError: error, detail });
}

/** Exceptions that say the SQL itself is wrong (parser, validator, planner). */
const SQL_PROBLEM = /(SqlParserException|ParseException|ValidationException|SqlValidatorException|CalciteContextException|CalciteException|PlannerException|SqlParseException)/;

function withHint(error: FlinkPilotError, prefix: string): FlinkPilotError {
  return new FlinkPilotError(`${prefix} ${error.message}`, { cause: error, code: error.code, hint: error.hint ?? 'The jar path must be readable by the SQL Gateway process.' });
}

function summarize(statement: string): string {
  const line = statement.replace(/\s+/g, ' ').trim();
  return line.length > 70 ? `${line.slice(0, 67)}…` : line;
}
