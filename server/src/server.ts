// Entry point of the Flink SQL / job file language server.
// Bundled to dist/serverMain.js and started by dist/server.js (serverBootstrap.ts), inside VS Code
// (IPC) and standalone: `node dist/server.js --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './handlers/startServer';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
