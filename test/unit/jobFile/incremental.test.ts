// Incremental parsing (sections and chunks cached by text) gives exactly the analysis of a full parse,
// through a sequence of edits that shift, break, duplicate and repair sections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeJobFileText, YamlSectionCache } from '../../../server/src/languageService/jobFile/jobFileAnalysis';
import { jobsDir } from './support';

function bigJob(): string {
  const lines = ['# header comment', 'name: big', 'type: sql', 'flinkVersion: "2.3"', 'cluster: local', 'sql: |', '  SELECT 1;', 'config:'];
  for (let i = 0; i < 120; i++) lines.push(`  execution.checkpointing.interval: ${i + 1} s`.replace('interval', i % 2 ? 'interval' : 'timeout') + (i % 3 ? '' : '  # note'));
  lines.push('variables:');
  for (let i = 0; i < 150; i++) lines.push(`  v${i}: value-${i}`);
  lines.push('tags: [a, b]');
  return `${lines.join('\n')}\n`;
}

const edits: Array<(text: string) => string> = [
  (t) => t.replace('v10: value-10', 'v10: value-10x'),
  (t) => t.replace('name: big', 'name: bigger-name'),
  (t) => t.replace('  v20: value-20\n', ''),
  (t) => t.replace('  execution.checkpointing.timeout: 1 s', '  execution.checkpointing.timeout: 1 sx'),
  (t) => t.replace('  v30: value-30\n', '  v30: value-30\n  v30: duplicate\n'),
  (t) => t.replace('tags: [a, b]', 'tags: [a, b'),
  (t) => t.replace('tags: [a, b', 'tags: [a, b]'),
  (t) => t.replace('  v40: value-40\n', '  v40: &anchor value-40\n  v41b: *anchor\n'),
  (t) => t.replace('  v41b: *anchor\n', ''),
  (t) => t.replace('cluster: local\n', 'cluster: local\ncluster: again\n'),
  (t) => t.replace('config:\n', 'config:\n\tbad: tab\n'),
  (t) => t.replace('\tbad: tab\n', ''),
  (t) => `${t}extra: 1\n`,
  (t) => t.replace('  v50: value-50\n', '  - not a mapping entry\n'),
  (t) => t.replace('  - not a mapping entry\n', '  v50: value-50\n'),
];

describe('incremental parsing', () => {
  it.each([
    ['generated 300-line job', bigJob()],
    ['full-reference example', readFileSync(join(jobsDir, 'full-reference.flink.yaml'), 'utf8')],
  ])('%s: same problems and data as a full parse after every edit', (_name, initial) => {
    const cache = new YamlSectionCache();
    let text = initial;
    // The sectioned path really is taken for a clean file (not the full-parse fallback).
    expect(new YamlSectionCache().parse(initial)).toBeDefined();
    for (const edit of [(t: string) => t, ...edits]) {
      text = edit(text);
      const incremental = analyzeJobFileText(text, { sectionCache: cache });
      const full = analyzeJobFileText(text, {});
      expect(incremental.problems).toEqual(full.problems);
      expect(incremental.value).toEqual(full.value);
    }
  });
});
