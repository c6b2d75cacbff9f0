// The hand-written tokenizer (sqlTokenSource.ts) must produce exactly the tokens of the generated
// lexer (FlinkSqlLexer.g4) — same types, channels and boundaries — except whitespace, which it
// does not emit.
import { CharStream, Token } from 'antlr4ng';
import { describe, expect, test } from 'vitest';
import { FlinkSqlLexer } from '../../../server/src/languageService/sql/generated/FlinkSqlLexer';
import { HINTS_CHANNEL, tokenizeStatement } from '../../../server/src/languageService/sql/sqlTokenSource';
import { loadCorpus } from './corpusCases';

function generated(text: string): string[] {
  const lexer = new FlinkSqlLexer(CharStream.fromString(text));
  lexer.removeErrorListeners();
  return lexer.getAllTokens()
    .filter((t) => t.type !== FlinkSqlLexer.WS)
    .map((t) => `${FlinkSqlLexer.symbolicNames[t.type]}@${t.start}-${t.stop}/${t.channel}/${t.line}:${t.column}`);
}
function handWritten(text: string): string[] {
  return tokenizeStatement(text).getTokens()
    .filter((t) => t.type !== Token.EOF)
    .map((t) => `${FlinkSqlLexer.symbolicNames[t.type]}@${t.start}-${t.stop}/${t.channel}/${t.line}:${t.column}`);
}

const EDGE_CASES = [
  "select 1.5e3, 1e, 1.e5, .5, 1..2, 1E+, 2e-3x, 0x1F from t",
  "N'nat' X'0F' U&'uni' n'x' x'' u&'' U& 'a' Nx 'b' N '",
  "a$b $ ${var} ${unterminated\n} `back``quoted` `open",
  "'it''s' '' ''' \"dq\" \"open",
  "a <> b != c <= d >= e < f > g = h == i => j || k | l ! m",
  "/* block */ /*+ OPTIONS('a'='b') */ /**/ /*+*/ -- line\n/*/ */ x /* open",
  "select\t\f\u000b\u00a0\ufeff x -- trailing",
  "héllo ÄÖÜ 名前 _x __ x_1 SELECTX select_ `select`",
  "( ) [ ] { } , . ; : ? ^ ~ & + - * / % @ # \\",
  "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND",
  "-- only a comment",
  "",
  "'",
  "/*",
  "/*+",
  "--",
];

describe('hand-written tokenizer agrees with the generated lexer', () => {
  test.each(EDGE_CASES)('edge case %j', (text) => {
    expect(handWritten(text)).toEqual(generated(text));
  });

  test('every corpus statement', () => {
    const mismatches = loadCorpus()
      .filter((c) => JSON.stringify(handWritten(c.text)) !== JSON.stringify(generated(c.text)))
      .map((c) => c.where);
    expect(mismatches).toEqual([]);
  });

  test('hints are on their own channel, comments hidden, no whitespace tokens', () => {
    const tokens = tokenizeStatement("select /*+ OPTIONS('a'='b') */ 1 -- c\n/* d */").getTokens();
    expect(tokens.map((t) => [FlinkSqlLexer.symbolicNames[t.type] ?? 'EOF', t.channel])).toEqual([
      ['SELECT', 0], ['HINT_COMMENT', HINTS_CHANNEL], ['INTEGER_LITERAL', 0], ['LINE_COMMENT', 1], ['BLOCK_COMMENT', 1], ['EOF', 0],
    ]);
  });

  test('offsets are UTF-16 code units, so positions after an emoji stay right', () => {
    const text = "select '😀', x";
    const x = tokenizeStatement(text).getTokens().find((t) => t.text === 'x')!;
    expect(x.start).toBe(text.indexOf('x'));
    expect(x.column).toBe(text.indexOf('x'));
  });
});

test('the hint channel number of the tokenizer is the one the lexer grammar declares', () => {
  expect(FlinkSqlLexer.channelNames.indexOf('HINTS')).toBe(HINTS_CHANNEL);
});
