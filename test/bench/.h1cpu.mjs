import { importBundled } from './bundle.mjs';
import { cleanDocument } from './sqlDocuments.mjs';
const ours = await importBundled('server/src/languageService/sql/sqlDocument.ts');
const base = await importBundled('test/bench/baselineDtSqlParser.ts', { plain: true });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const doc = cleanDocument(5000);
console.error = () => {};
let u = 0;
for (let k = 0; k < 12; k++) {
  globalThis.gc?.(); let s = cpu(); new ours.module.SqlDocumentAnalyzer().analyze(doc, '2.3').diagnostics; const o = cpu() - s;
  globalThis.gc?.(); s = cpu(); new base.module.FlinkSQL().validate(doc + '\n--' + (u++)); const b = cpu() - s;
  console.log(k, o.toFixed(0), b.toFixed(0), (b / o).toFixed(1));
}
ours.dispose(); base.dispose();
