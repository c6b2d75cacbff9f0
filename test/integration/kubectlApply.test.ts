// `kubectl apply -f -` with the real kubectl: the manifests go over stdin (argument array, no shell).
// No Kubernetes API server runs on this machine, so the test checks the failure path end to end:
// kubectl's own cause reaches the user together with what to check.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlinkPilotError } from '../../client/src/core/errors';
import { applyManifests, findOnPath, readDeployedRedeployNonce } from '../../client/src/core/modes/kubectlApply';
import { buildOperatorManifests } from '../../client/src/core/modes/operatorManifests';

const kubectl = findOnPath('kubectl');
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fp-kubectl-'));
  // A kubeconfig whose only cluster is a closed loopback port: kubectl fails fast, nothing leaves the machine.
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: nowhere',
    'clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]',
    'contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]',
    'users: [{name: nobody, user: {token: not-a-real-token}}]', '',
  ].join('\n'));
  env = { ...process.env, KUBECONFIG: kubeconfig };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!kubectl)('kubectl apply', () => {
  const { documents } = buildOperatorManifests({ name: 'orders', flinkVersion: '1.20', kind: 'application', image: 'flink:1.20', jarURI: 'local:///opt/flink/usrlib/a.jar', upgradeMode: 'stateless' });

  it('reports kubectl\'s cause and what to check when the API server is unreachable', async () => {
    const error = await applyManifests(documents, { manifestFile: join(dir, 'orders.yaml'), env, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlinkPilotError);
    expect((error as FlinkPilotError).code).toBe('kubectl-failed');
    expect((error as FlinkPilotError).message).toMatch(/^`kubectl apply -f -` failed: /);
    expect((error as FlinkPilotError).message).toMatch(/127\.0\.0\.1:1/);
    expect((error as FlinkPilotError).hint).toContain('kubectl config current-context');
    expect((error as FlinkPilotError).message).not.toContain('not-a-real-token');
  });

  it('reading the deployed redeploy nonce fails the same way', async () => {
    await expect(readDeployedRedeployNonce('FlinkDeployment', 'orders', { env, namespace: 'streaming', timeoutMs: 60_000 })).rejects.toThrow(/kubectl --namespace streaming get flinkdeployment orders/);
  });
});
