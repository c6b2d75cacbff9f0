// The real language server bundle (`node dist/server.js --stdio`) spoken to over LSP JSON-RPC, as
// any editor would: initialize, publish diagnostics with the document version, completion, hover,
// a job file giving a SQL file its Flink version and variables, and survival of garbage input.
// `npm test` builds dist/ first.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** A minimal LSP client over the child's stdio (Content-Length framing). */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly notifications: Message[] = [];
  private readonly waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  stderr = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && !message.method) this.pending.get(message.id)?.(message);
      else if (message.method && message.id !== undefined) this.write({ id: message.id, result: null }); // server → client requests
      else {
        const waiter = this.waiters.findIndex((w) => w.match(message));
        if (waiter >= 0) this.waiters.splice(waiter, 1)[0]!.resolve(message);
        else this.notifications.push(message);
      }
    }
  }

  writeRaw(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.writeRaw(`Content-Length: ${body.length}\r\n\r\n`);
    this.writeRaw(body);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as T)));
      this.write({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ method, params });
  }

  /** The next notification matching `match` (already received ones first). */
  notification(match: (m: Message) => boolean, timeoutMs = 20_000): Promise<Message> {
    const index = this.notifications.findIndex(match);
    if (index >= 0) return Promise.resolve(this.notifications.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }
}

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string; source?: string; severity?: number; message: string; range: { start: { line: number; character: number } } }>;
}

const diagnosticsFor = (uri: string, version?: number) => (m: Message) =>
  m.method === 'textDocument/publishDiagnostics' && (m.params as PublishParams).uri === uri && (version === undefined || (m.params as PublishParams).version === version);

describe('language server over stdio', () => {
  let client: LspClient;
  let workspace: string;

  beforeAll(async () => {
    expect(existsSync('dist/server.js'), 'run `npm run build` first').toBe(true);
    workspace = mkdtempSync(join(tmpdir(), 'flink-pilot-lsp-'));
    const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = new LspClient(child);
    const result = await client.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: {},
      initializationOptions: { flinkVersion: '2.3' },
    });
    expect(result.capabilities).toMatchObject({
      completionProvider: { triggerCharacters: ['.', "'", '$', '{'] },
      hoverProvider: true,
      definitionProvider: true,
      renameProvider: { prepareProvider: true },
    });
    client.notify('initialized', {});
  });

  afterAll(async () => {
    if (client) {
      await client.request('shutdown', null).catch(() => undefined);
      client.notify('exit', null);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { client.child.kill(); resolve(); }, 5_000);
        client.child.once('exit', () => { clearTimeout(timer); resolve(); });
      });
    }
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes syntax and semantic diagnostics with the document version', async () => {
    const uri = 'file:///virtual/orders.flink.sql';
    client.notify('textDocument/didOpen', {
      textDocument: {
        uri, languageId: 'flinksql', version: 7,
        text: "CREATE TABLE orders (id BIGINT, amount INT) WITH ('connector' = 'datagen');\nSELECT id FROM orders WHERE (;\nSELECT amout FROM orders;\n",
      },
    });
    const published = (await client.notification(diagnosticsFor(uri, 7))).params as PublishParams;
    const error = published.diagnostics.find((d) => d.severity === 1);
    expect(error?.source).toBe('flinksql');
    expect(error?.range.start.line).toBe(1);
    const warning = published.diagnostics.find((d) => d.code === 'unknown-column');
    expect(warning?.message).toContain("did you mean 'amount'");
    // The did-you-mean comes with a quick fix.
    const actions = await client.request<Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri }, range: (warning as unknown as { range: object }).range, context: { diagnostics: [warning] },
    });
    expect(actions.map((a) => a.edit.changes[uri]![0]!.newText)).toEqual(['amount']);

    // An edit: new diagnostics carry the new version.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 8 },
      contentChanges: [{ range: { start: { line: 1, character: 28 }, end: { line: 1, character: 29 } }, text: 'amount > 1' }],
    });
    const next = (await client.notification(diagnosticsFor(uri, 8))).params as PublishParams;
    expect(next.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('answers completion and hover', async () => {
    const uri = 'file:///virtual/complete.flink.sql';
    const text = "CREATE TABLE clicks (url STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');\nSELECT  FROM clicks c;\nSET '";
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version: 1, text } });
    const items = await client.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 7 } });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['url', 'ts', 'c', 'COUNT']));
    const keys = await client.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 5 } });
    expect(keys.map((i) => i.label)).toContain('execution.runtime-mode');
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 15 } });
    expect(hover.contents.value).toContain('`url`');
  });

  it('takes the Flink version and variables of a SQL file from the job file that references it', async () => {
    const sqlPath = join(workspace, 'job.sql');
    const jobPath = join(workspace, 'job.flink.yaml');
    writeFileSync(sqlPath, "SELECT TRY_PARSE_JSON(payload) FROM t WHERE region = '${region}' AND env = '${env}';\n");
    writeFileSync(jobPath, 'name: demo\nflinkVersion: "2.0"\nsql: job.sql\nvariables:\n  region: eu\n');
    const jobUri = pathToFileURL(jobPath).href;
    const sqlUri = pathToFileURL(sqlPath).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: jobUri, languageId: 'flink-job-yaml', version: 1, text: 'name: demo\nflinkVersion: "2.0"\nsql: job.sql\nvariables:\n  region: eu\n' } });
    await client.notification(diagnosticsFor(jobUri));
    client.notify('textDocument/didOpen', { textDocument: { uri: sqlUri, languageId: 'flinksql', version: 1, text: "SELECT TRY_PARSE_JSON(payload) FROM t WHERE region = '${region}' AND env = '${env}';\n" } });
    const published = (await client.notification(diagnosticsFor(sqlUri, 1))).params as PublishParams;
    const codes = published.diagnostics.map((d) => d.code);
    // Checked against Flink 2.0 (from the job file): TRY_PARSE_JSON needs 2.1; `env` is not defined there.
    expect(codes).toContain('function-needs-version');
    expect(codes).toContain('undefined-variable');
  });

  it('re-checks open job files while .flink/clusters.yaml is edited (before it is saved)', async () => {
    const CLUSTERS = (names: string[]) => `clusters:\n${names.map((n, k) => `  - name: ${n}\n    kind: standalone\n    flinkVersion: "2.3"\n    restUrl: http://127.0.0.1:${8081 + k}\n`).join('')}`;
    const jobUri = pathToFileURL(join(workspace, 'clusters-edit.flink.yaml')).href;
    const clustersUri = pathToFileURL(join(workspace, '.flink', 'clusters.yaml')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: clustersUri, languageId: 'flink-job-yaml', version: 1, text: CLUSTERS(['staging']) } });
    client.notify('textDocument/didOpen', { textDocument: { uri: jobUri, languageId: 'flink-job-yaml', version: 1, text: 'name: edit\nflinkVersion: "2.3"\ncluster: prod\nsql: SELECT 1;\n' } });
    const before = (await client.notification(diagnosticsFor(jobUri, 1))).params as PublishParams;
    expect(before.diagnostics.map((d) => d.code)).toContain('unknown-cluster');
    client.notify('textDocument/didChange', {
      textDocument: { uri: clustersUri, version: 2 },
      contentChanges: [{ text: CLUSTERS(['staging', 'prod']) }],
    });
    const after = (await client.notification(diagnosticsFor(jobUri, 1))).params as PublishParams;
    expect(after.diagnostics.map((d) => d.code)).not.toContain('unknown-cluster');
  });

  it('knows the local clusters the client reports as running', async () => {
    const jobUri = pathToFileURL(join(workspace, 'local-cluster.flink.yaml')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: jobUri, languageId: 'flink-job-yaml', version: 1, text: 'name: on-local\nflinkVersion: "2.3"\ncluster: flink-2.3\nsql: SELECT 1;\n' } });
    const before = (await client.notification(diagnosticsFor(jobUri, 1))).params as PublishParams;
    expect(before.diagnostics.map((d) => d.code)).toContain('unknown-cluster');
    client.notify('flinkPilot/localClusters', { names: ['flink-2.3'] });
    const after = (await client.notification(diagnosticsFor(jobUri, 1))).params as PublishParams;
    expect(after.diagnostics.map((d) => d.code)).not.toContain('unknown-cluster');
    client.notify('flinkPilot/localClusters', { names: 'not a list' });
    const garbage = (await client.notification(diagnosticsFor(jobUri, 1))).params as PublishParams;
    expect(garbage.diagnostics.map((d) => d.code)).toContain('unknown-cluster');
  });

  it('survives garbage: broken frames, unknown methods, bad params, huge and binary documents', async () => {
    client.writeRaw('Content-Length: 12\r\n\r\n{{{{{{{{{{{{');
    await client.request('flinkPilot/noSuchMethod', { x: 1 }).catch(() => undefined);
    await client.request('textDocument/completion', { textDocument: { uri: 'file:///not-open.sql' }, position: { line: -5, character: 1e9 } }).catch(() => undefined);
    await client.request('textDocument/hover', null).catch(() => undefined);
    const uri = 'file:///virtual/garbage.flink.sql';
    const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString('latin1') + '((((('.repeat(2_000) + "'unterminated";
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version: 1, text: garbage } });
    await client.notification(diagnosticsFor(uri, 1), 60_000);
    for (let character = 0; character < 40; character += 7) {
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character } });
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } });
    }
    // Still alive and answering.
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///virtual/orders.flink.sql' } });
    expect(symbols.length).toBeGreaterThan(0);
    expect(client.child.exitCode).toBeNull();
  });
});
