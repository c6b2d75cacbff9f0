// Seeded fuzzing of the syntax layer: mutations of corpus statements (deleted, duplicated and
// swapped tokens, unterminated strings and comments, huge identifiers, deep nesting, random
// bytes). The analysis must never throw, every diagnostic must be well-formed, and the work per
// input must stay bounded: token-stream lookahead calls are counted (no wall-clock assertions).
import { CommonTokenStream } from 'antlr4ng';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SUPPORTED_FLINK_VERSIONS } from '../../../server/src/protocol';
import { SqlDocumentAnalyzer } from '../../../server/src/languageService/sql/sqlDocument';
import { loadCorpus } from './corpusCases';

/** Deterministic PRNG (mulberry32) so every failure reproduces from its case number. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = /\s+|[A-Za-z_][A-Za-z0-9_]*|'(?:[^']|'')*'|`[^`]*`|\d+(?:\.\d+)?|[^\sA-Za-z0-9_]/g;
const KEYWORDS = ['SELECT', 'FROM', 'WHERE', 'CREATE', 'TABLE', 'WITH', '(', ')', ',', ';', 'BEGIN', 'END', 'CASE', 'STATEMENT', 'SET', 'AS', 'MATCH_RECOGNIZE', 'OVER', 'PARTITION', 'BY', "'", '`', '/*', '--', '${x}'];

function mutate(base: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const tokens = base.match(WORDS) ?? [base];
  const at = () => Math.floor(random() * tokens.length);
  switch (Math.floor(random() * 9)) {
    case 0: { // delete one to three tokens
      for (let k = 1 + Math.floor(random() * 3); k > 0 && tokens.length > 1; k--) tokens.splice(at(), 1);
      return tokens.join('');
    }
    case 1: { // duplicate a run of tokens
      const i = at();
      tokens.splice(i, 0, ...tokens.slice(i, i + 1 + Math.floor(random() * 4)));
      return tokens.join('');
    }
    case 2: { // swap two tokens
      const i = at();
      const j = at();
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      return tokens.join('');
    }
    case 3: // insert a keyword, quote or comment opener somewhere
      tokens.splice(at(), 0, ` ${pick(KEYWORDS)} `);
      return tokens.join('');
    case 4: // cut the statement off (typing in progress)
      return base.slice(0, Math.floor(random() * base.length));
    case 5: // huge identifier
      tokens.splice(at(), 0, ` ${'x'.repeat(1_000 + Math.floor(random() * 20_000))} `);
      return tokens.join('');
    case 6: { // deep nesting
      const depth = 20 + Math.floor(random() * 400);
      return `SELECT ${'('.repeat(depth)}1${random() < 0.5 ? ')'.repeat(depth) : ''} FROM t; ${base}`;
    }
    case 7: { // random bytes, including NUL, lone surrogates and newlines
      let s = '';
      for (let n = Math.floor(random() * 300); n > 0; n--) s += String.fromCharCode(Math.floor(random() * (random() < 0.8 ? 128 : 0x10000)));
      return random() < 0.5 ? s : `${base}${s}`;
    }
    default: // several statements glued, one of them broken
      return `${base};\n${tokens.slice(0, at()).join('')};\n${base}`;
  }
}

describe('fuzzing the syntax layer', () => {
  const corpus = loadCorpus().map((c) => c.text);
  let lookaheads = 0;
  const originalLT = CommonTokenStream.prototype.LT;
  beforeAll(() => {
    CommonTokenStream.prototype.LT = function countedLT(this: CommonTokenStream, k: number) {
      lookaheads++;
      return originalLT.call(this, k);
    };
  });
  afterAll(() => {
    CommonTokenStream.prototype.LT = originalLT;
  });

  const CASES = 3_000;
  const BATCHES = 10;
  test.each(Array.from({ length: BATCHES }, (_, b) => b))('batch %i: never throws, well-formed diagnostics, bounded work', (batch) => {
    const analyzer = new SqlDocumentAnalyzer();
    for (let c = batch * (CASES / BATCHES); c < (batch + 1) * (CASES / BATCHES); c++) {
      const random = prng(c + 1);
      const input = mutate(corpus[Math.floor(random() * corpus.length)]!, random);
      const version = SUPPORTED_FLINK_VERSIONS[c % SUPPORTED_FLINK_VERSIONS.length]!;
      lookaheads = 0;
      let analysis;
      try {
        analysis = analyzer.analyze(input, version);
      } catch (error) {
        throw new Error(`case ${c} threw ${String(error)} on ${JSON.stringify(input.slice(0, 300))}`);
      }
      const tokenCount = analysis.statements.reduce((n, s) => n + s.parsed.tokens.size, 0);
      // Linear bound: a parse looks ahead a bounded number of tokens per token (SLL, then LL
      // once); exponential or quadratic blow-ups on garbage would exceed it by far.
      expect(lookaheads, `case ${c}: ${lookaheads} lookaheads for ${tokenCount} tokens`).toBeLessThanOrEqual(400 * tokenCount + 2_000);
      const lines = input.split('\n').length;
      for (const d of analysis.diagnostics) {
        expect(typeof d.message === "string" && d.message.length > 0, `case ${c}`).toBe(true);
        expect(d.source).toBe('flinksql');
        expect(d.range.start.line, `case ${c}`).toBeGreaterThanOrEqual(0);
        expect(d.range.end.line, `case ${c}`).toBeLessThan(lines);
        expect(d.range.end.line * 1e6 + d.range.end.character).toBeGreaterThanOrEqual(d.range.start.line * 1e6 + d.range.start.character);
      }
    }
  });

  test('very deep nesting is reported, not crashed on', () => {
    const deep = `SELECT ${'('.repeat(5_000)}1${')'.repeat(5_000)}`;
    const analysis = new SqlDocumentAnalyzer().analyze(`${deep};\nSELECT (((1)));`, '2.3');
    expect(analysis.diagnostics.map((d) => [d.range.start.line, d.code])).toEqual([[0, 'nesting-too-deep']]);
    expect(analysis.diagnostics[0]!.range.start.character).toBe('SELECT '.length + 256);
  });
});
