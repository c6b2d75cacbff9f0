// dist/server.js: starts the language server (dist/serverMain.js, bundled from server.ts) through
// V8's code cache (codeCache.ts). Runs inside VS Code (IPC) and standalone: `node dist/server.js --stdio`.
import { join } from 'node:path';
import { codeCacheDirectory, requireWithCodeCache } from './codeCache';

/** Long enough for the first documents to be analysed, so the cache holds the parser's code too. */
const SAVE_AFTER_MS = 10_000;

const server = requireWithCodeCache(join(__dirname, 'serverMain.js'), codeCacheDirectory());
if (server.cache === 'missing' || server.cache === 'rejected') {
  setTimeout(() => server.saveCache(), SAVE_AFTER_MS).unref();
}
