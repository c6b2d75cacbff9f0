// Entry point of the Flink SQL / job file language server.
// Runs inside VS Code (IPC) and standalone: `node dist/server.js --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './handlers/startServer';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
