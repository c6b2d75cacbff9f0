import { describe, expect, it } from 'vitest';
import { exceptionChain, FlinkError, rootCauseOf } from '../../../../client/src/core/flink/flinkError';
import { parseErrorBody, SecretValue } from '../../../../client/src/core/flink/httpTransport';
import { jarRunRequestBody } from '../../../../client/src/core/flink/flinkRestClient';
import { negotiateApiVersion } from '../../../../client/src/core/flink/sqlGatewayClient';
import { tryParseFlinkVersion } from '../../../../client/src/core/installations/flinkVersion';
import { inspect } from 'node:util';

// The shape Flink's REST handlers produce for an internal error (RestHandlerException + stack).
const serverStack = [
  'Internal server error.',
  `<Exception on server side:
org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.
\tat org.apache.flink.table.gateway.rest.handler.statement.FetchResultsHandler.handleRequest(FetchResultsHandler.java:91)
\tat java.base/java.lang.Thread.run(Thread.java:840)
Caused by: org.apache.flink.table.api.SqlParserException: SQL parse failed. Encountered "FORM" at line 1, column 10.
Was expecting one of:
    "FROM" ...
\tat org.apache.flink.table.planner.parse.CalciteParser.parseSqlList(CalciteParser.java:81)
\t... 12 more
Caused by: org.apache.calcite.sql.parser.SqlParseException: Encountered "FORM" at line 1, column 10.
\tat org.apache.flink.sql.parser.impl.FlinkSqlParserImpl.convertException(FlinkSqlParserImpl.java:490)
\t... 20 more

End of exception on server side>`,
];

describe('Flink error bodies', () => {
  it('finds the root cause and the whole chain of a server-side stack', () => {
    const { rootCause, chain } = rootCauseOf(serverStack);
    expect(rootCause).toBe('org.apache.calcite.sql.parser.SqlParseException: Encountered "FORM" at line 1, column 10.');
    expect(chain[0]).toBe('org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.');
    expect(chain[1]).toContain('Was expecting one of: "FROM" ...');
    expect(chain).toHaveLength(3);
  });

  it('parses the JSON error body and tolerates non-JSON (a proxy page)', () => {
    expect(parseErrorBody(JSON.stringify({ errors: ['Job 123 not found'] })).rootCause).toBe('Job 123 not found');
    expect(parseErrorBody('<html>bad gateway</html>')).toEqual({ chain: [] });
  });

  it('keeps every exception head of a plain Java stack', () => {
    const chain = exceptionChain('java.lang.RuntimeException: outer\n\tat a.b(C.java:1)\nCaused by: java.io.IOException: disk full\n\tat x.y(Z.java:2)');
    expect(chain).toEqual(['java.lang.RuntimeException: outer', 'java.io.IOException: disk full']);
  });

  it('names cluster, call and Flink message in the text for people', () => {
    const error = new FlinkError({ kind: 'http', cluster: 'prod', call: 'POST /jobs/abc/stop', status: 500, flinkMessage: 'java.lang.IllegalStateException: boom' });
    expect(error.message).toBe('POST /jobs/abc/stop on cluster "prod" failed with HTTP 500: java.lang.IllegalStateException: boom');
    const unreachable = new FlinkError({ kind: 'unreachable', cluster: 'prod', call: 'GET /config', cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    expect(unreachable.message).toContain('unreachable');
    expect(unreachable.hint).toContain('running');
  });
});

describe('secrets', () => {
  it('never render their value', () => {
    const secret = new SecretValue('s3cr3t-token');
    expect(String(secret)).toBe('***');
    expect(JSON.stringify({ secret })).not.toContain('s3cr3t');
    expect(inspect({ secret })).not.toContain('s3cr3t');
    expect(secret.reveal()).toBe('s3cr3t-token');
  });
});

describe('version differences', () => {
  it('sends claimMode from 1.20 on and restoreMode before', () => {
    const run = { savepointPath: '/sp', claimMode: 'CLAIM' as const, programArgs: ['--a', 'b c'] };
    expect(jarRunRequestBody(tryParseFlinkVersion('1.20.3')!, run)).toEqual({ savepointPath: '/sp', allowNonRestoredState: false, claimMode: 'CLAIM', programArgsList: ['--a', 'b c'] });
    expect(jarRunRequestBody(tryParseFlinkVersion('2.3.0')!, run).claimMode).toBe('CLAIM');
    const old = jarRunRequestBody(tryParseFlinkVersion('1.19.3')!, run);
    expect(old.restoreMode).toBe('CLAIM');
    expect(old.claimMode).toBeUndefined();
  });

  it('leaves restore fields out when there is no savepoint', () => {
    expect(jarRunRequestBody(tryParseFlinkVersion('2.3.0')!, { claimMode: 'CLAIM', parallelism: 2 })).toEqual({ parallelism: 2 });
  });

  it('negotiates the newest gateway API version both sides know', () => {
    expect(negotiateApiVersion(['V1', 'V2', 'V3'])).toBe('v3');
    expect(negotiateApiVersion(['V1', 'V2', 'V3', 'V4', 'V5'])).toBe('v4');
    expect(negotiateApiVersion(['V9'])).toBeUndefined();
  });
});
