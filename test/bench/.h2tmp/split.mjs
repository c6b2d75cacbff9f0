import * as esbuild from 'esbuild';
import { antlrRuntimePlugin } from '../../../grammars/antlrRuntimePlugin.mjs';
await esbuild.build({ stdin: { contents: "export { splitStatements } from './server/src/languageService/sql/statementSplitter'; export { SqlDocumentAnalyzer } from './server/src/languageService/sql/sqlDocument'; export { ScriptModel } from './server/src/languageService/sql/scriptModel';", resolveDir: '.', loader: 'ts' }, outfile: 'test/bench/.h2tmp/split.bundle.mjs', bundle: true, platform: 'node', format: 'esm', plugins: [antlrRuntimePlugin], logLevel: 'warning' });
const { splitStatements, SqlDocumentAnalyzer, ScriptModel } = await import('./split.bundle.mjs');
const { cleanDocument } = await import('../sqlDocuments.mjs');
const big = cleanDocument(5000);
const a = new SqlDocumentAnalyzer();
let r = a.analyze(big, '2.3');
new ScriptModel(big, r.statements);
const cpu = (fn) => { const c = process.cpuUsage(); fn(); const u = process.cpuUsage(c); return ((u.user + u.system) / 1000).toFixed(2); };
for (let i = 0; i < 8; i++) {
  const c = big.indexOf('FROM ', 1000 * i * 20) + 5;
  const ed = big.slice(0, c) + 'x' + big.slice(c);
  console.log('split', cpu(() => splitStatements(ed)), 'analyze', cpu(() => { r = a.analyze(ed, '2.3'); }), 'model', cpu(() => new ScriptModel(ed, r.statements)), r.statements.length);
}
