// The extension's heavy half, bundled separately as dist/extensionMain.js and required by
// extension.ts only after activation returned: the workspace model, monitor, views, commands (which
// pull in the job file schemas and the deployment core) and the language client.
export { wireUp } from './wireUp';
export { publishLocalClusters, startLanguageClient } from './languageClient';
