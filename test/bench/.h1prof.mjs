import { importBundled } from './bundle.mjs';
import { cleanDocument } from './sqlDocuments.mjs';
const ours = await importBundled('server/src/languageService/sql/sqlDocument.ts');
const doc = cleanDocument(5000);
for (let k = 0; k < 40; k++) new ours.module.SqlDocumentAnalyzer().analyze(doc, '2.3').diagnostics;
ours.dispose();
