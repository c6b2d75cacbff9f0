// A hand-written tokenizer for Flink SQL that produces exactly the tokens of the generated
// FlinkSqlLexer (same token types, channels and boundaries), several times faster, with offsets in
// UTF-16 code units (what LSP positions use; the generated lexer counts code points).
//
// Public API:
//   tokenizeStatement(text): CommonTokenStream — filled, ready for FlinkSqlParser.
//   HINTS_CHANNEL: channel of `/*+ ... */` hint comments (HINT_COMMENT tokens).
//
// Differences from the generated lexer, on purpose:
//   - whitespace produces no tokens (the parser never sees it; fewer objects per statement);
//   - an astral character (surrogate pair) outside strings/comments is ONE ERROR_CHARACTER token
//     of two code units.
// FlinkSqlLexer.g4 stays the definition of the token vocabulary; test/unit/sql/grammarLexer.test.ts
// checks that both agree token for token on the corpus and on fuzzed input.
import {
  CommonToken,
  CommonTokenFactory,
  CommonTokenStream,
  Interval,
  Token,
  type CharStream,
  type TokenFactory,
  type TokenSource,
} from 'antlr4ng';
import { FlinkSqlParser as L } from './generated/FlinkSqlParser';

/**
 * Channel of optimizer hints, as declared in FlinkSqlLexer.g4 (`channels { HINTS }`: the first
 * channel after DEFAULT and HIDDEN). A number here, not looked up in the generated lexer, so the
 * server never loads the lexer class (its ATN costs ~20 ms at start); grammarLexer.test.ts checks it.
 */
export const HINTS_CHANNEL = 2;

/** Upper-case keyword text → token type, from the generated vocabulary (no second keyword list). */
const KEYWORDS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (let type = L.ABSENT; type < L.NAMED_ARG; type++) {
    const literal = L.literalNames[type];
    if (literal) map.set(literal.slice(1, -1), type);
  }
  return map;
})();
/** Longest keyword: identifiers longer than this are never keywords (skips upper-casing them). */
const LONGEST_KEYWORD = Math.max(...[...KEYWORDS.keys()].map((k) => k.length));

/**
 * The keywords again as an open-addressing hash table over their characters, upper-cased: a word
 * of the text is looked up while it is scanned, without slicing or upper-casing it (every word of
 * every statement is looked up; most are not keywords).
 */
const KEYWORD_SLOTS = 4096; // power of two, > 4 x the number of keywords
const keywordSlot = new Int32Array(KEYWORD_SLOTS).fill(-1);
const keywordTexts: string[] = [];
const keywordTypes: number[] = [];
/** Hash step of one character, ASCII letters folded to upper case. */
function hashStep(hash: number, c: number): number {
  return (Math.imul(hash, 31) + (c >= 97 && c <= 122 ? c - 32 : c)) | 0;
}
for (const [keyword, type] of KEYWORDS) {
  let hash = 0;
  for (let k = 0; k < keyword.length; k++) hash = hashStep(hash, keyword.charCodeAt(k));
  let slot = hash & (KEYWORD_SLOTS - 1);
  while (keywordSlot[slot] !== -1) slot = (slot + 1) & (KEYWORD_SLOTS - 1);
  keywordSlot[slot] = keywordTexts.length;
  keywordTexts.push(keyword);
  keywordTypes.push(type);
}

/** Token type of the ASCII word text[i, j) with hash `hash` if it is a keyword (any case), else -1. */
function keywordType(text: string, i: number, j: number, hash: number): number {
  const length = j - i;
  for (let slot = hash & (KEYWORD_SLOTS - 1); keywordSlot[slot] !== -1; slot = (slot + 1) & (KEYWORD_SLOTS - 1)) {
    const candidate = keywordTexts[keywordSlot[slot]!]!;
    if (candidate.length !== length) continue;
    let k = 0;
    while (k < length) {
      const c = text.charCodeAt(i + k);
      if ((c >= 97 && c <= 122 ? c - 32 : c) !== candidate.charCodeAt(k)) break;
      k++;
    }
    if (k === length) return keywordTypes[keywordSlot[slot]!]!;
  }
  return -1;
}

/** Minimal CharStream over a JS string with UTF-16 indexes, so token.text is a plain slice. */
class Utf16CharStream implements CharStream {
  name = '';
  index = 0;
  constructor(private readonly data: string) {}
  get size(): number {
    return this.data.length;
  }
  reset(): void {
    this.index = 0;
  }
  consume(): void {
    if (this.index >= this.data.length) throw new Error('cannot consume EOF');
    this.index++;
  }
  LA(offset: number): number {
    if (offset === 0) return 0;
    const pos = this.index + (offset < 0 ? offset : offset - 1);
    return pos < 0 || pos >= this.data.length ? Token.EOF : this.data.charCodeAt(pos);
  }
  mark(): number {
    return -1;
  }
  release(): void {}
  seek(index: number): void {
    this.index = Math.min(index, this.data.length);
  }
  getTextFromRange(start: number, stop: number): string {
    return this.data.slice(start, stop + 1);
  }
  getTextFromInterval(interval: Interval): string {
    return this.data.slice(interval.start, interval.stop + 1);
  }
  getSourceName(): string {
    return this.name || '<statement>';
  }
  toString(): string {
    return this.data;
  }
}

interface Scanned {
  type: number;
  channel: number;
  end: number;
}
function tok(type: number, end: number, channel: number = Token.DEFAULT_CHANNEL): Scanned {
  return { type, channel, end };
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
    || (c >= 0xc0 && c <= 0x1fff) || (c >= 0x2c00 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xffef);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentifierPart(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 /* _ */ || c === 36 /* $ */;
}
function isWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;
}

class FlinkSqlTokenSource implements TokenSource {
  line = 1;
  column = 0;
  sourceName = '<statement>';
  tokenFactory: TokenFactory<Token> = CommonTokenFactory.DEFAULT;
  readonly inputStream: Utf16CharStream;
  private readonly source: [TokenSource | null, CharStream | null];
  private pos = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {
    this.inputStream = new Utf16CharStream(text);
    this.source = [this, this.inputStream];
  }

  nextToken(): Token {
    const text = this.text;
    const n = text.length;
    // Skip whitespace, tracking lines.
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (!isWhitespace(c)) break;
      if (c === 10) {
        this.line++;
        this.lineStart = this.pos + 1;
      }
      this.pos++;
    }
    const start = this.pos;
    const line = this.line;
    const column = start - this.lineStart;
    if (start >= n) return this.make(Token.EOF, Token.DEFAULT_CHANNEL, start, start - 1, line, column);
    const { type, channel, end } = this.scan(start);
    this.pos = end;
    // Multi-line tokens (strings, comments) move the line counter. Only the token's own characters
    // are looked at: searching on to the next line break would make long lines quadratic.
    if (end - start > 1) {
      for (let k = start; k < end; k++) {
        if (text.charCodeAt(k) === 10) {
          this.line++;
          this.lineStart = k + 1;
        }
      }
    }
    return this.make(type, channel, start, end - 1, line, column);
  }

  private make(type: number, channel: number, start: number, stop: number, line: number, column: number): Token {
    const token = CommonToken.fromSource(this.source, type, channel, start, stop);
    token.line = line;
    token.column = column;
    return token;
  }

  /** Scans one token at `i` (not whitespace); returns its type, channel and end offset (exclusive). */
  private scan(i: number): Scanned {
    const text = this.text;
    const n = text.length;
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;

    // Prefixed strings: N'..', X'..', U&'..' (longer than the one-letter identifier).
    if ((c === 78 || c === 110 || c === 88 || c === 120) && next === 39) {
      return this.quoted(i + 1, 39, c === 78 || c === 110 ? L.NATIONAL_STRING_LITERAL : L.BINARY_STRING_LITERAL, L.UNTERMINATED_STRING_LITERAL);
    }
    if ((c === 85 || c === 117) && next === 38 /* & */ && i + 2 < n && text.charCodeAt(i + 2) === 39) {
      return this.quoted(i + 2, 39, L.UNICODE_STRING_LITERAL, L.UNTERMINATED_STRING_LITERAL);
    }
    if (isLetter(c) || c === 95) {
      let j = i + 1;
      let ascii = c < 128;
      let hash = hashStep(0, c);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!isIdentifierPart(d)) break;
        if (d > 127) ascii = false;
        hash = hashStep(hash, d);
        j++;
      }
      if (j - i > LONGEST_KEYWORD) return tok(L.IDENTIFIER, j);
      if (ascii) {
        const keyword = keywordType(text, i, j, hash);
        return tok(keyword >= 0 ? keyword : L.IDENTIFIER, j);
      }
      // Non-ASCII letters: toUpperCase maps a few of them to ASCII (U+017F to S), as the lexer does.
      return tok(KEYWORDS.get(text.slice(i, j).toUpperCase()) ?? L.IDENTIFIER, j);
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) return this.number(i);
    switch (c) {
      case 39: return this.quoted(i, 39, L.STRING_LITERAL, L.UNTERMINATED_STRING_LITERAL);
      case 34: return this.quoted(i, 34, L.DOUBLE_QUOTED_STRING, L.UNTERMINATED_DOUBLE_QUOTED_STRING);
      case 96: return this.quoted(i, 96, L.BACKQUOTED_IDENTIFIER, L.UNTERMINATED_BACKQUOTED_IDENTIFIER);
      case 45: // -
        if (next === 45) {
          let j = i + 2;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 10 || d === 13) break;
            j++;
          }
          return tok(L.LINE_COMMENT, j, Token.HIDDEN_CHANNEL);
        }
        return tok(L.MINUS_SIGN, i + 1);
      case 47: // /
        if (next === 42) {
          const hint = i + 2 < n && text.charCodeAt(i + 2) === 43;
          const close = text.indexOf('*/', hint ? i + 3 : i + 2);
          if (close === -1) return tok(L.UNTERMINATED_BLOCK_COMMENT, n);
          return hint ? tok(L.HINT_COMMENT, close + 2, HINTS_CHANNEL) : tok(L.BLOCK_COMMENT, close + 2, Token.HIDDEN_CHANNEL);
        }
        return tok(L.SLASH, i + 1);
      case 61: // =
        if (next === 62) return tok(L.NAMED_ARG, i + 2);
        return tok(L.EQ, next === 61 ? i + 2 : i + 1);
      case 60: // <
        if (next === 62) return tok(L.NEQ, i + 2);
        if (next === 61) return tok(L.LTE, i + 2);
        return tok(L.LT, i + 1);
      case 62: // >
        return next === 61 ? tok(L.GTE, i + 2) : tok(L.GT, i + 1);
      case 33: // !
        return next === 61 ? tok(L.NEQ, i + 2) : tok(L.ERROR_CHARACTER, i + 1);
      case 124: // |
        return next === 124 ? tok(L.CONCAT, i + 2) : tok(L.PIPE, i + 1);
      case 36: { // $
        if (next === 123) {
          let j = i + 2;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 125 || d === 10 || d === 13) break;
            j++;
          }
          if (j < n && text.charCodeAt(j) === 125) return tok(L.VARIABLE, j + 1);
        }
        return tok(L.DOLLAR, i + 1);
      }
      case 43: return tok(L.PLUS, i + 1);
      case 42: return tok(L.STAR, i + 1);
      case 37: return tok(L.PERCENT, i + 1);
      case 40: return tok(L.LPAREN, i + 1);
      case 41: return tok(L.RPAREN, i + 1);
      case 91: return tok(L.LBRACKET, i + 1);
      case 93: return tok(L.RBRACKET, i + 1);
      case 123: return tok(L.LBRACE, i + 1);
      case 125: return tok(L.RBRACE, i + 1);
      case 44: return tok(L.COMMA, i + 1);
      case 46: return tok(L.DOT, i + 1);
      case 59: return tok(L.SEMICOLON, i + 1);
      case 58: return tok(L.COLON, i + 1);
      case 63: return tok(L.QUESTION, i + 1);
      case 94: return tok(L.CARET, i + 1);
      case 126: return tok(L.TILDE, i + 1);
      case 38: return tok(L.AMPERSAND, i + 1);
      default: {
        // A surrogate pair is one character to a person (and one code point to ANTLR).
        const pair = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
        return tok(L.ERROR_CHARACTER, i + (pair ? 2 : 1));
      }
    }
  }

  /** A quoted token whose opening quote is at `open`; `'` and `"` and `` ` `` escape by doubling. */
  private quoted(open: number, quote: number, type: number, unterminatedType: number): Scanned {
    const text = this.text;
    const n = text.length;
    let j = open + 1;
    while (j < n) {
      if (text.charCodeAt(j) === quote) {
        if (j + 1 < n && text.charCodeAt(j + 1) === quote) {
          j += 2;
          continue;
        }
        return { type, channel: Token.DEFAULT_CHANNEL, end: j + 1 };
      }
      j++;
    }
    return { type: unterminatedType, channel: Token.DEFAULT_CHANNEL, end: n };
  }

  private number(i: number): Scanned {
    const text = this.text;
    const n = text.length;
    let j = i;
    let type: number = L.INTEGER_LITERAL;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    if (j < n && text.charCodeAt(j) === 46) {
      type = L.DECIMAL_LITERAL;
      j++;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
    }
    if (j < n && (text.charCodeAt(j) === 69 || text.charCodeAt(j) === 101)) {
      let k = j + 1;
      if (k < n && (text.charCodeAt(k) === 43 || text.charCodeAt(k) === 45)) k++;
      if (k < n && isDigit(text.charCodeAt(k))) {
        while (k < n && isDigit(text.charCodeAt(k))) k++;
        return { type: L.APPROX_NUMERIC_LITERAL, channel: Token.DEFAULT_CHANNEL, end: k };
      }
    }
    return { type, channel: Token.DEFAULT_CHANNEL, end: j };
  }
}

/** Tokenizes one statement into a filled token stream (see the module comment). */
export function tokenizeStatement(text: string): CommonTokenStream {
  const stream = new CommonTokenStream(new FlinkSqlTokenSource(text));
  stream.fill();
  return stream;
}
