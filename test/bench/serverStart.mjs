// The real language server, end to end: wall time from spawning `node dist/server.js --stdio` to
// its `initialize` answer and to the first publishDiagnostics of an opened SQL document.
// For information next to the parser's cold start (which excludes Node's own start and the LSP
// library); needs `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './bundle.mjs';

export const serverFile = join(repoRoot, 'dist/server.js');
export const serverBuilt = () => existsSync(serverFile);

/**
 * Starts the server, opens `text` as a .flink.sql document, resolves with
 * { initialize, firstDiagnostics, diagnostics } (ms since spawn) and stops the server, after
 * `keepAliveMs` (e.g. to let it write its code cache).
 */
export function measureServerStart(text, { env = {}, keepAliveMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [serverFile, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...env } });
    const send = (message) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const timeout = setTimeout(() => { child.kill(); reject(new Error('the server did not publish diagnostics within 30 s')); }, 30_000);
    let buffer = Buffer.alloc(0);
    let initialized = 0;
    child.on('error', reject);
    child.stdout.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
        buffer = buffer.subarray(header + 4 + length);
        if (message.id === 1 && !message.method) {
          initialized = performance.now() - start;
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///bench/start.flink.sql', languageId: 'flinksql', version: 1, text } } });
        } else if (message.method && message.id !== undefined) {
          // Requests from the server (configuration, registrations): answer with nothing.
          send({ id: message.id, result: message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null });
        } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri.endsWith('start.flink.sql')) {
          const firstDiagnostics = performance.now() - start;
          clearTimeout(timeout);
          setTimeout(() => {
            child.kill();
            resolve({ initialize: initialized, firstDiagnostics, diagnostics: message.params.diagnostics.length });
          }, keepAliveMs);
          child.stdout.removeAllListeners('data');
          return;
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { flinkVersion: '2.3' } } });
  });
}

/** True once the server has written a code cache into `dir`. */
export const hasCodeCache = (dir) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.bin'));
