// Builds configOptions.json (the compact, version-tagged option catalog the language server ships)
// from Flink's generated option tables in ../shared/reference/flink-config/<version>.json.
// The reference files are the single source of truth; re-run after updating them:
//   node server/src/languageService/catalog/data/buildConfigOptions.mjs [referenceDir]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const referenceDir = process.argv[2] ?? join(here, '../../../../../../shared/reference/flink-config');
// Version line → reference file (newest patch release of each line).
const FILES = { '1.20': '1.20.5.json', '2.0': '2.0.2.json', '2.1': '2.1.3.json', '2.2': '2.2.1.json', '2.3': '2.3.0.json' };
const versions = Object.keys(FILES);

/** `"DISABLED": …` lines after "Possible values:" → ['DISABLED', …]. */
function enumValues(description) {
  const at = description.indexOf('Possible values:');
  if (at < 0) return undefined;
  const values = [];
  for (const line of description.slice(at).split('\n')) {
    const m = /^- "([^"]+)"/.exec(line.trim());
    if (m) values.push(m[1]);
  }
  return values.length ? values : undefined;
}

const byKey = new Map();
versions.forEach((version, index) => {
  const rows = JSON.parse(readFileSync(join(referenceDir, FILES[version]), 'utf8'));
  for (const row of rows) {
    // The key column sometimes carries the Batch/Streaming applicability on a second line.
    const [key, ...modeLines] = row.key.split('\n');
    const mode = modeLines.join(' ').trim() || undefined;
    const entry = byKey.get(key) ?? { key, versions: 0, defaults: {} };
    entry.versions |= 1 << index;
    entry.type = row.type;
    entry.description = row.description;
    entry.section = row.section;
    if (mode) entry.mode = mode;
    const values = enumValues(row.description);
    if (values) entry.enum = values;
    entry.defaults[version] = row.default;
    byKey.set(key, entry);
  }
});

const options = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => {
  const present = versions.filter((v) => v in e.defaults);
  const newest = e.defaults[present[present.length - 1]];
  const out = { key: e.key, type: e.type, default: newest, description: e.description, section: e.section, versions: e.versions };
  if (e.mode) out.mode = e.mode;
  if (e.enum) out.enum = e.enum;
  // Only keep per-version defaults where they differ from the newest one.
  const differing = Object.fromEntries(present.filter((v) => e.defaults[v] !== newest).map((v) => [v, e.defaults[v]]));
  if (Object.keys(differing).length) out.defaultsByVersion = differing;
  return out;
});

writeFileSync(join(here, 'configOptions.json'), JSON.stringify({ versions, options }) + '\n');
console.log(`configOptions.json: ${options.length} options over ${versions.join(', ')}`);
