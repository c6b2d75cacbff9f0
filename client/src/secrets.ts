// Credentials of clusters and alert channels live only in VS Code's SecretStorage (the OS keychain),
// referenced by name from `.flink/clusters.yaml` and job files (`auth.secret: prod-token`). The
// environment variable `FLINK_PILOT_SECRET_<NAME>` is the fallback the CLI and CI use.
import * as vscode from 'vscode';
import { environmentSecretResolver, type SecretResolver } from './core/jobs/clusterDefinitions';

const KEY_PREFIX = 'flinkPilot.secret.';

export class FlinkSecrets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the secret name when one is stored or deleted, so connections are rebuilt. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly storage: vscode.SecretStorage) {
    this.subscription = storage.onDidChange((event) => {
      if (event.key.startsWith(KEY_PREFIX)) this.changed.fire(event.key.slice(KEY_PREFIX.length));
    });
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.storage.get(KEY_PREFIX + name)) ?? undefined;
  }

  async store(name: string, value: string): Promise<void> {
    await this.storage.store(KEY_PREFIX + name, value);
  }

  async delete(name: string): Promise<void> {
    await this.storage.delete(KEY_PREFIX + name);
  }

  /** SecretStorage first, then the environment. */
  resolver(): SecretResolver {
    const fromEnv = environmentSecretResolver();
    return async (name) => (await this.get(name)) ?? (await fromEnv(name));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
