// The HTTP layer of the Flink clients against small local servers that answer like Flink's REST
// API (errors as `{"errors": [...]}`): TLS verified by default and trusting a given CA, auth headers
// sent but never shown, retries only for idempotent GETs, timeouts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlinkError } from '../../client/src/core/flink/flinkError';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { SecretValue } from '../../client/src/core/flink/httpTransport';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fp-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

const flinkConfig = (_req: IncomingMessage, res: ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ 'flink-version': '2.3.0', 'refresh-interval': 3000 }));
};

describe('TLS', () => {
  it('rejects an untrusted certificate by default and accepts it with the CA given', async () => {
    const { key, cert } = selfSignedCert();
    const port = await listen(createHttpsServer({ key, cert }, flinkConfig));
    const strict = new FlinkRestClient({ clusterName: 'secure', baseUrl: `https://127.0.0.1:${port}`, getRetries: 0 });
    const refused = await strict.config();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.kind).toBe('tls');
    expect(!refused.ok && refused.error.hint).toMatch(/CA certificate/);
    await strict.close();

    const trusting = new FlinkRestClient({ clusterName: 'secure', baseUrl: `https://127.0.0.1:${port}`, tls: { ca: cert } });
    const config = await trusting.config();
    expect(config.ok && config.value['flink-version']).toBe('2.3.0');
    await trusting.close();
  });
});

describe('auth, errors and retries', () => {
  it('sends the bearer token and never shows it in errors', async () => {
    const seen: (string | undefined)[] = [];
    const port = await listen(
      createHttpServer((req, res) => {
        seen.push(req.headers.authorization);
        res.statusCode = 401;
        res.end(JSON.stringify({ errors: ['Unauthorized'] }));
      }),
    );
    const client = new FlinkRestClient({ clusterName: 'prod', baseUrl: `http://127.0.0.1:${port}`, auth: { kind: 'bearer', token: new SecretValue('tok-123-secret') } });
    const result = await client.jobsOverview();
    await client.close();
    expect(seen).toEqual(['Bearer tok-123-secret']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const shown = [result.error.message, result.error.hint, result.error.detail, JSON.stringify(result.error), String(result.error.stack)].join('\n');
    expect(shown).not.toContain('tok-123-secret');
    expect(result.error.message).toBe('GET /jobs/overview on cluster "prod" failed with HTTP 401: Unauthorized');
    expect(result.error.hint).toMatch(/credentials/);
  });

  it('retries a GET after 503 but never a POST', async () => {
    const hits: string[] = [];
    const port = await listen(
      createHttpServer((req, res) => {
        hits.push(`${req.method} ${req.url}`);
        if (req.method === 'GET' && hits.filter((h) => h.startsWith('GET')).length < 3) {
          res.statusCode = 503;
          res.end(JSON.stringify({ errors: ['busy'] }));
          return;
        }
        if (req.method === 'POST') {
          res.statusCode = 503;
          res.end(JSON.stringify({ errors: ['busy'] }));
          return;
        }
        flinkConfig(req, res);
      }),
    );
    const client = new FlinkRestClient({ clusterName: 'flaky', baseUrl: `http://127.0.0.1:${port}` });
    const config = await client.config();
    expect(config.ok).toBe(true);
    const trigger = await client.triggerSavepoint('0'.repeat(32), { formatType: 'CANONICAL' });
    await client.close();
    expect(trigger.ok).toBe(false);
    expect(hits.filter((h) => h.startsWith('POST'))).toHaveLength(1);
    expect(hits.filter((h) => h.startsWith('GET'))).toHaveLength(3);
  });

  it('times out a call that gets no answer', async () => {
    const port = await listen(createHttpServer(() => undefined));
    const client = new FlinkRestClient({ clusterName: 'silent', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300, getRetries: 0 });
    const result = await client.overview();
    await client.close();
    expect(!result.ok && result.error).toBeInstanceOf(FlinkError);
    expect(!result.ok && result.error.kind).toBe('timeout');
  });

  it('reads the root cause out of a Flink stack trace in errors[]', async () => {
    const port = await listen(
      createHttpServer((_req, res) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ errors: ['Internal server error.', '<Exception on server side:\norg.apache.flink.runtime.rest.handler.RestHandlerException: Could not stop\n\tat a.b(C.java:1)\nCaused by: java.lang.IllegalStateException: Job is not running\n\t... 3 more\n\nEnd of exception on server side>'] }));
      }),
    );
    const client = new FlinkRestClient({ clusterName: 'dev', baseUrl: `http://127.0.0.1:${port}` });
    const result = await client.stopWithSavepoint('a'.repeat(32), { drain: false });
    await client.close();
    expect(!result.ok && result.error.flinkMessage).toBe('java.lang.IllegalStateException: Job is not running');
    expect(!result.ok && result.error.call).toBe(`POST /jobs/${'a'.repeat(32)}/stop`);
  });
});
