// Extension activation (issue 8: ≤ 50 ms): a fresh Node process requires dist/extension.js and calls
// `activate` with a minimal stub of the `vscode` module, injected through a require hook (acceptable
// only here: the real activation runs in the e2e suite). Baseline, in the same kind of process: a
// bare `require('vscode-languageclient/node')`, printed as a ratio. Also shown (not a target): the
// deferred heavy half, requiring dist/extensionMain.js, which activation leaves to the next tick.
// Each figure is the median of cold runs in fresh processes. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = process.env.BENCH_QUICK === '1' ? 3 : 9;
const TARGET_MS = 50;
for (const file of ['dist/extension.js', 'dist/extensionMain.js']) {
  if (!existsSync(join(root, file))) {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

// The child: stub `vscode`, then time one thing. CommonJS so `require` is the real loader.
const child = (what) => `
const Module = require('node:module');
const path = require('node:path');
const root = ${JSON.stringify(root)};
const disposable = { dispose() {} };
const known = {
  window: { createOutputChannel: () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, show() {}, dispose() {} }) },
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
  workspace: { getConfiguration: () => ({ get: (_k, d) => d }) },
  EventEmitter: class { constructor() { this.event = () => disposable; } fire() {} dispose() {} },
  Disposable: class { constructor(f) { this.dispose = f; } },
};
// Libraries subclass VS Code's classes (CompletionItem, CodeLens, …) and read enums at load time,
// and the bundle copies the module's own keys: every capitalised name the bundles mention becomes an
// empty class whose unknown static members read 0 (enough for enum lookups).
const stubClass = () => new Proxy(class {}, { get: (t, k) => (k in t ? t[k] : 0) });
const fs = require('node:fs');
for (const file of ['dist/extension.js', 'dist/extensionMain.js']) {
  for (const [, name] of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/\\.([A-Z][A-Za-z]+)\\b/g)) if (!(name in known)) known[name] = stubClass();
}
// The plain library (baseline) reads members lazily: the same stubs, made on first access.
const vscodeStub = new Proxy(known, { get: (t, k) => (k in t ? t[k] : typeof k === 'string' && /^[A-Z]/.test(k) ? (t[k] = stubClass()) : (t[k] = {})) });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };
const packageJSON = require(path.join(root, 'package.json'));
// The heavy half is required on the next tick; keep it from running in this measurement.
setImmediate = () => undefined;
const context = { subscriptions: [], asAbsolutePath: (p) => path.join(root, p), extension: { packageJSON }, extensionPath: root };
const t0 = performance.now();
${
  what === 'activation'
    ? "require(path.join(root, 'dist/extension.js')).activate(context);"
    : what === 'main'
      ? "require(path.join(root, 'dist/extensionMain.js'));"
      : "require(require.resolve('vscode-languageclient/node', { paths: [root] }));"
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, subscriptions: context.subscriptions.length }));
`;

function measure(what) {
  const samples = [];
  let subscriptions = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['-e', child(what)], { cwd: root, encoding: 'utf8' });
    const parsed = JSON.parse(out);
    samples.push(parsed.ms);
    subscriptions = parsed.subscriptions;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples.at(-1), subscriptions };
}

// Alternate so machine load affects both alike.
const activation = measure('activation');
const baseline = measure('baseline');
const main = measure('main');
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`node ${process.version}, ${RUNS} cold runs each, median (min–max)`);
console.log(`baseline  require('vscode-languageclient/node')     ${ms(baseline.median)} (${ms(baseline.min)}–${ms(baseline.max)})`);
console.log(`activate  require dist/extension.js + activate()    ${ms(activation.median)} (${ms(activation.min)}–${ms(activation.max)})  ${activation.subscriptions} disposables registered`);
console.log(`deferred  require dist/extensionMain.js (next tick) ${ms(main.median)} (${ms(main.min)}–${ms(main.max)})  not a target`);
console.log(`ratio activation / baseline: ${(activation.median / baseline.median).toFixed(2)}×`);
const pass = activation.median <= TARGET_MS;
console.log(`${pass ? 'PASS' : 'FAIL'}  extension activation ${ms(activation.median)}  target ≤ ${TARGET_MS} ms`);
process.exit(pass ? 0 : 1);
