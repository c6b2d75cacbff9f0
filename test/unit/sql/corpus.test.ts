// Every statement of Flink's own SQL-client test scripts (Flink 2.3) that Flink accepts must parse
// without a syntax error; every statement Flink rejects while parsing must be rejected.
import { describe, expect, test } from 'vitest';
import { parseStatement } from '../../../server/src/languageService/sql/parseStatement';
import { loadCorpus } from './corpusCases';

const corpus = loadCorpus();
const files = [...new Set(corpus.map((c) => c.where.split(':')[0]!))];

describe('Flink SQL-client corpus', () => {
  test('the corpus is there and has both verdicts', () => {
    expect(corpus.length).toBeGreaterThan(500);
    expect(corpus.filter((c) => c.verdict === 'parse-error').length).toBeGreaterThanOrEqual(8);
  });

  test.each(files)('%s: accepted statements parse, parse errors are rejected', (file) => {
    const wrong: string[] = [];
    for (const c of corpus.filter((s) => s.where.startsWith(`${file}:`))) {
      const errors = parseStatement(c.text).errors;
      const accepted = errors.length === 0;
      if (accepted !== (c.verdict === 'accepted')) {
        wrong.push(`${c.where} Flink: ${c.verdict}, we: ${accepted ? 'accepted' : errors[0]!.message}\n  ${c.text.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
