// Cluster definitions resolve into connections: the secret comes from the resolver (never the file),
// a missing secret or CA file is an error that says what to do, TLS is verified unless opted out.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentSecretResolver, loadClusterDefinitions, resolveClusterConnection, secretEnvName, type ClusterDefinition } from '../../../client/src/core/jobs/clusterDefinitions';

describe('cluster definitions', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'flink-pilot-clusters-'));
  mkdirSync(join(workspace, '.flink'));
  mkdirSync(join(workspace, 'certs'));
  writeFileSync(join(workspace, 'certs/ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writeFileSync(
    join(workspace, '.flink/clusters.yaml'),
    'clusters:\n  - name: prod\n    restUrl: https://flink.example.internal:8443\n    tls: { caFile: certs/ca.pem }\n    auth: { type: basic, username: deployer, secret: prod-pass }\n    timeout: 45 s\n',
  );

  it('resolves the secret by name from the environment and reads the CA file', async () => {
    const loaded = loadClusterDefinitions(workspace);
    if (!loaded.ok) throw loaded.error;
    const [prod] = loaded.value.clusters;
    expect(secretEnvName('prod-pass')).toBe('FLINK_PILOT_SECRET_PROD_PASS');
    const result = await resolveClusterConnection(prod!, { workspaceRoot: workspace, resolveSecret: environmentSecretResolver({ FLINK_PILOT_SECRET_PROD_PASS: 'hunter2' }) });
    if (!result.ok) throw result.error;
    const connection = result.value;
    expect(connection.auth?.kind).toBe('basic');
    expect(connection.auth?.kind === 'basic' && connection.auth.password.reveal()).toBe('hunter2');
    expect(JSON.stringify(connection)).not.toContain('hunter2');
    expect(connection.tls).toEqual({ ca: expect.stringContaining('BEGIN CERTIFICATE'), rejectUnauthorized: true });
    expect(connection.timeoutMs).toBe(45_000);
  });

  it('reports a missing secret with the way to set it', async () => {
    const definition: ClusterDefinition = { name: 'prod', restUrl: 'https://h', auth: { type: 'token', secret: 'prod-token' } };
    const result = await resolveClusterConnection(definition, { workspaceRoot: workspace, resolveSecret: environmentSecretResolver({}) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('needs the secret "prod-token"');
      expect(result.error.hint).toContain('FLINK_PILOT_SECRET_PROD_TOKEN');
    }
  });

  it('reports an unreadable CA file', async () => {
    const definition: ClusterDefinition = { name: 'prod', restUrl: 'https://h', tls: { caFile: 'certs/missing.pem' } };
    const result = await resolveClusterConnection(definition, { workspaceRoot: workspace, resolveSecret: environmentSecretResolver({}) });
    expect(result.ok).toBe(false);
  });

  it('treats a workspace without the file as having no definitions', () => {
    const empty = mkdtempSync(join(tmpdir(), 'flink-pilot-empty-'));
    const loaded = loadClusterDefinitions(empty);
    expect(loaded.ok && loaded.value.clusters).toEqual([]);
  });
});
