// Deep check of a SQL job against a real SQL Gateway, without running anything: the script's setup
// statements run in a throw-away session (temporary tables, SET, USE in the session's own in-memory
// catalog) and every INSERT is planned with EXPLAIN, so the planner's errors — unknown columns,
// type mismatches, missing connector options, unsupported changelog modes — come back with the
// position in the `.flink.sql` (or inline job file) where they are. Statements that could change a
// shared catalog (after USE CATALOG / CREATE CATALOG, or DROP / ALTER) are not executed, only noted.
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import { openClusterClients } from './clusterClients';
import type { JobContext } from './deploymentTypes';
import { filePositionOf, messageWithoutPosition, type FilePosition } from './filePosition';
import type { ScriptStatement } from './sqlScriptPlan';
import { mapGatewayError, prepareSqlScript, sqlSessionProperties, type PreparedScript } from './sqlSubmission';
import { LineIndex } from './sqlText';
import { originalOffset } from './sqlVariables';

export interface DeepCheckFinding extends FilePosition {
  severity: 'error' | 'info';
  /** Without the position (it is in the fields). */
  message: string;
  detail?: string;
}

export interface DeepCheckReport {
  findings: DeepCheckFinding[];
  /** Statements executed or explained on the gateway. */
  checked: number;
  /** Statements left out, with why. */
  skipped: number;
  clusterVersion?: string;
}

const EXPLAIN = 'EXPLAIN ';
/** Statements that touch state outside the session, never run by a check. */
const CATALOG_CHANGING = /^\s*(DROP|ALTER|TRUNCATE|DELETE|UPDATE|ANALYZE|CALL)\b/i;
const LEAVES_DEFAULT_CATALOG = /^\s*(USE\s+CATALOG|CREATE\s+CATALOG)\b/i;

function finding(error: FlinkPilotError, fallbackFile: string): DeepCheckFinding {
  const position = filePositionOf(error);
  return {
    severity: 'error',
    message: position ? messageWithoutPosition(error.message) : error.message,
    ...(position ?? { file: fallbackFile, line: 1, column: 1 }),
    detail: error.detail,
  };
}

/** Where a statement starts in the file (before variable substitution; inline SQL shifted into the job file). */
function statementPosition(script: PreparedScript, statement: ScriptStatement): { line: number; column: number } {
  const position = new LineIndex(script.original).positionAt(originalOffset(script.replacements, statement.start));
  return script.origin ? { line: position.line + script.origin.line - 1, column: position.column + script.origin.indent } : position;
}

export async function deepCheckSql(ctx: JobContext): Promise<Result<DeepCheckReport, FlinkPilotError>> {
  const { job, cluster } = ctx;
  if (job.type !== 'sql' || !job.sql) return err(new FlinkPilotError(`"${job.name}" is not a SQL job.`, { code: 'not-sql' }));
  const file = job.sql.path ?? ctx.jobFilePath;
  const prepared = prepareSqlScript({ sqlText: job.sql.text, sqlFile: file, sqlOrigin: job.sql.origin, variables: job.variables });
  if (!prepared.ok) return ok({ findings: [finding(prepared.error, file)], checked: 0, skipped: 0 });
  const script = prepared.value;
  if (!cluster.gatewayUrl) {
    return err(new FlinkPilotError(`Cluster "${cluster.name}" has no SQL Gateway address.`, { code: 'no-gateway', hint: 'Set gatewayUrl for the cluster in .flink/clusters.yaml.' }));
  }
  const clients = openClusterClients(cluster);
  const gateway = clients.gateway!;
  const report: DeepCheckReport = { findings: [], checked: 0, skipped: 0 };
  const progress = ctx.onProgress ?? (() => undefined);
  try {
    const config = await clients.rest.config({ signal: ctx.signal });
    if (config.ok) report.clusterVersion = config.value['flink-version'];
    progress('Opening a SQL Gateway session for the check');
    const properties = sqlSessionProperties({ jobName: `${job.name} (check)`, config: job.config });
    const session = await gateway.openSession({ sessionName: `flink-pilot check ${job.name}`, properties }, { signal: ctx.signal });
    if (!session.ok) return session;
    const handle = session.value;
    try {
      let leftDefaultCatalog = false;
      let setupFailed = false;
      const skip = (statement: ScriptStatement, why: string) => {
        report.skipped += 1;
        report.findings.push({ severity: 'info', message: `Not checked: ${why}`, file, ...statementPosition(script, statement) });
      };
      for (const statement of script.setup) {
        if (LEAVES_DEFAULT_CATALOG.test(statement.text)) leftDefaultCatalog = true;
        if (CATALOG_CHANGING.test(statement.text) || (leftDefaultCatalog && !/^\s*(SET|RESET|USE|CREATE\s+TEMPORARY|ADD\s+JAR|LOAD\s+MODULE)\b/i.test(statement.text))) {
          skip(statement, 'it could change a catalog shared with others');
          continue;
        }
        progress(`Checking ${statement.text.replace(/\s+/g, ' ').slice(0, 60)}`);
        const done = await gateway.executeAndCollect(handle, statement.text, { signal: ctx.signal });
        report.checked += 1;
        if (!done.ok) {
          report.findings.push(finding(mapGatewayError(done.error, script, file, statement.text, (offset) => statement.start + Math.min(offset, statement.text.length)), file));
          setupFailed = true;
        }
      }
      for (const statement of script.inserts) {
        if (setupFailed) {
          report.skipped += 1;
          continue;
        }
        progress(`Planning ${statement.text.replace(/\s+/g, ' ').slice(0, 60)}`);
        // EXPLAIN plans the statement fully (validation, optimisation) without submitting a job.
        const sent = `${EXPLAIN}${statement.text}`;
        const planned = await gateway.executeAndCollect(handle, sent, { signal: ctx.signal });
        report.checked += 1;
        if (!planned.ok) {
          report.findings.push(finding(mapGatewayError(planned.error, script, file, sent, (offset) => statement.start + Math.max(0, Math.min(offset - EXPLAIN.length, statement.text.length))), file));
        }
      }
      return ok(report);
    } finally {
      await gateway.closeSession(handle).catch(() => undefined);
    }
  } finally {
    await clients.close();
  }
}
