// The parser's significant-token view gives exactly the parse of the full token stream (SLL stage,
// trees and bail-outs alike), and behaves as a token stream at its edges.
import { readFileSync } from 'node:fs';
import { BailErrorStrategy, ParseCancellationException, PredictionMode, Token, type TokenStream } from 'antlr4ng';
import { describe, expect, test } from 'vitest';
import { createParser } from '../../../server/src/languageService/sql/parseStatement';
import { SignificantTokenStream } from '../../../server/src/languageService/sql/significantTokenStream';
import { tokenizeStatement } from '../../../server/src/languageService/sql/sqlTokenSource';
import { splitStatements } from '../../../server/src/languageService/sql/statementSplitter';
import { loadCorpus } from './corpusCases';
import { treeText } from './sqlTestUtils';

/** SLL parse of `text` over the given view of its tokens: the tree as text, or 'bail'. */
function sllParse(text: string, view: 'all' | 'significant'): string {
  const tokens = tokenizeStatement(text);
  const parser = createParser(tokens);
  if (view === 'significant') parser.tokenStream = new SignificantTokenStream(tokens) as TokenStream;
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.errorHandler = new BailErrorStrategy();
  try {
    return treeText(parser.singleStatement());
  } catch (error) {
    if (error instanceof ParseCancellationException) return 'bail';
    throw error;
  }
}

describe('SignificantTokenStream', () => {
  test('parses the corpus, the training script and broken statements exactly like CommonTokenStream', () => {
    const training = readFileSync(new URL('../../../grammars/predictionTraining.flink.sql', import.meta.url), 'utf8');
    const corpus = loadCorpus().map((c) => c.text);
    const texts = [
      ...splitStatements(training).map((s) => s.text),
      ...corpus,
      ...corpus.map((t) => t.slice(0, Math.ceil(t.length * 0.7))),
      "SELECT /*+ OPTIONS('a'='b') */ a -- comment\n, /* block */ b FROM t /* trailing */",
    ];
    let bails = 0;
    for (const text of texts) {
      const expected = sllParse(text, 'all');
      if (expected === 'bail') bails++;
      expect(sllParse(text, 'significant'), text).toBe(expected);
    }
    expect(bails).toBeGreaterThan(50); // the broken copies exercise the bail-out path
  });

  test('skips comments and hints, keeps token identity and indexes of the full stream', () => {
    const tokens = tokenizeStatement("SELECT /*+ HINT */ a -- c\nFROM t");
    const view = new SignificantTokenStream(tokens);
    expect([1, 2, 3, 4, 5].map((k) => view.LT(k)!.text)).toEqual(['SELECT', 'a', 'FROM', 't', '<EOF>']);
    expect(view.LT(9)!.type).toBe(Token.EOF); // past the end: EOF again
    expect(view.LT(-1)).toBeNull();
    view.consume();
    view.consume();
    expect(view.LT(-1)!.text).toBe('a');
    expect(view.LT(-1)).toBe(tokens.getTokens().find((t) => t.text === 'a'));
    expect(view.index).toBe(2);
    view.seek(0);
    expect(view.LA(1)).toBe(view.get(0).type);
    view.seek(99);
    expect(() => view.consume()).toThrow(/EOF/);
    // Text between two tokens is the full stream's (comments included).
    expect(view.getTextFromRange(view.get(0), view.get(3))).toBe(tokens.getTextFromRange(view.get(0), view.get(3)));
    expect(view.getTextFromRange(view.get(0), view.get(3))).toContain('HINT');
  });
});
