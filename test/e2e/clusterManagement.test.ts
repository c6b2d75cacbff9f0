// Cluster definitions from the UI in real VS Code (code-server): "Add Cluster" with a bearer token
// writes `.flink/clusters.yaml` without the token (it goes to SecretStorage), the Clusters view then
// reaches the real Flink 2.3 through an authenticating proxy on 127.0.0.1 that refuses requests
// without that token; "Remove Cluster" from the row's context menu takes the definition out again.
import { createServer, request, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCodeServer, type RunningCodeServer } from './support/codeServer';
import { Workbench } from './support/workbench';
import { createWorkspace, type E2eWorkspace } from './support/workspace';

const TOKEN = `e2e-token-${process.pid}-${Date.now().toString(36)}`;

/** A reverse proxy to `target` that answers 401 unless the request carries `Bearer <token>`. */
function authenticatingProxy(target: URL, token: string, seen: { authorized: number; refused: number }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      seen.refused++;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":["missing or wrong token"]}');
      return;
    }
    seen.authorized++;
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

describe('cluster definitions from the UI in real VS Code (code-server)', () => {
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  let workspace: E2eWorkspace;
  let proxy: { server: Server; url: string } | undefined;
  const seen = { authorized: 0, refused: 0 };
  let step = 'start';

  beforeAll(async () => {
    const cluster = inject('flinkClusters')['2.3'];
    expect(cluster, 'a Flink 2.3 test cluster').toBeDefined();
    proxy = await authenticatingProxy(new URL(cluster!.restUrl), TOKEN, seen);
    workspace = createWorkspace();
    // An empty definitions file: the workspace is a Flink workspace (the extension activates).
    workspace.write('.flink/clusters.yaml', '# Clusters of this workspace.\nclusters: []\n');
    server = await startCodeServer({ host: inject('e2eHost'), workspace: workspace.dir });
    workbench = await Workbench.open(inject('e2eHost'), server.workspaceUrl);
    // The extension is active once its status bar item shows.
    await workbench.waitForStatusBarItem((text) => /Flink/.test(text), 120_000);
  });

  afterAll(async () => {
    if (workbench && step !== 'done') await workbench.screenshot(`failure-cluster-management-${step}`).catch(() => undefined);
    await workbench?.close();
    await server?.stop();
    await new Promise((resolve) => proxy?.server.close(resolve) ?? resolve(undefined));
  });

  it('adds a cluster with a bearer token: the token goes to SecretStorage, the view reaches Flink with it', async () => {
    step = 'add';
    const page = workbench!.page;
    await workbench!.runCommand('Flink: Add Cluster');
    const input = page.locator('.quick-input-widget input');
    const answer = async (text: string) => {
      await input.waitFor({ state: 'visible' });
      await input.fill(text);
      await input.press('Enter');
      await page.waitForTimeout(300); // the next step of the wizard replaces the input
    };
    await answer('secured');
    await answer(proxy!.url);
    await answer(''); // no SQL Gateway: a jar-only cluster
    await workbench!.pick('Bearer token');
    await answer(TOKEN);
    const file = join(workspace.dir, '.flink', 'clusters.yaml');
    const deadline = Date.now() + 30_000;
    while (!(existsSync(file) && readFileSync(file, 'utf8').includes('secured')) && Date.now() < deadline) await page.waitForTimeout(250);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('secured');
    expect(text).toContain('secured-token'); // the secret's name…
    expect(text).not.toContain(TOKEN); // …never its value
    await workbench!.runCommand('Flink: Show Jobs');
    const row = await workbench!.waitForTreeRow('Clusters', (t) => t.includes('secured') && /Flink 2\.3/.test(t), 120_000);
    expect(row).toMatch(/TaskManager/);
    expect(seen.authorized).toBeGreaterThan(0);
    await workbench!.screenshot('11-cluster-added-with-token');
  });

  it('removes the cluster from its row', async () => {
    step = 'remove';
    await workbench!.contextMenuOnTreeRow('Clusters', (t) => t.includes('secured'), 'Remove Cluster');
    const question = await workbench!.answerDialog('Remove');
    expect(question).toMatch(/Remove cluster "secured"/);
    await workbench!.waitForNoTreeRow('Clusters', (t) => t.includes('secured'), 30_000);
    expect(readFileSync(join(workspace.dir, '.flink', 'clusters.yaml'), 'utf8')).not.toContain('name: secured');
    step = 'done';
  });
});
