// Extension entry point. Activation only wires things together and must stay fast: it registers a
// stub for every contributed command (so the palette works at once) and returns. The heavy half —
// workspace model, monitor, views, commands and the language client — is a separate bundle
// (dist/extensionMain.js) required on the next turn of the event loop.
import * as vscode from 'vscode';
import { CommandRegistry } from './commands/commandRegistry';

type ExtensionMain = typeof import('./extensionMain');

interface ContributedCommand {
  command: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Flink Pilot', { log: true });
  context.subscriptions.push(log);
  const commands = new CommandRegistry();

  // A runtime require of a path esbuild does not follow: the heavy bundle stays out of this file.
  const main = new Promise<ExtensionMain>((resolve, reject) =>
    setImmediate(() => {
      try {
        resolve(require(context.asAbsolutePath('dist/extensionMain.js')) as ExtensionMain);
      } catch (error) {
        reject(error);
      }
    }),
  );
  const ready = main.then((m) => m.wireUp(context, log, commands));
  ready.catch((error: unknown) => log.error(`Flink Pilot failed to start: ${describe(error)}`));

  const contributed = (context.extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? [];
  for (const { command } of contributed) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        await ready;
        return commands.run(command, args);
      }),
    );
  }

  // Started in the background: a slow server start must not delay the views or commands.
  void main
    .then((m) => m.startLanguageClient(context))
    .then((client) => {
      context.subscriptions.push(client);
      log.info('Flink SQL language server started');
      // The server checks job files' cluster names; running local clusters are known here. (A failed
      // wire-up is reported where `ready` is created.)
      void Promise.all([main, ready])
        .then(([m, workspace]) => context.subscriptions.push(m.publishLocalClusters(client, workspace)))
        .catch(() => undefined);
    })
    .catch((error: unknown) => log.error(`The Flink SQL language server did not start: ${describe(error)}`));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
