// Splits a Flink SQL document into statements at the lexical level, without parsing.
//
// Public API:
//   splitStatements(documentText): SplitStatement[]
//     One entry per statement, in document order. A statement ends at a ';' outside strings,
//     quoted identifiers, comments and `[EXECUTE|EXPLAIN] STATEMENT SET BEGIN ... END` blocks (inside a
//     block, `CASE ... END` is tracked so its END does not close the block). Leading/trailing
//     whitespace and comments are not part of a statement; empty statements (`;;`) are skipped.
//   SplitStatement: text, document offsets, start line/column, whether it sits inside a SQL-client
//     `BEGIN STATEMENT SET;` ... `END;` section.
//
// Unterminated strings, quoted identifiers and block comments: for splitting purposes they end at
// the end of their line, so one missing quote while typing does not swallow every statement below
// (the statement that contains it still gets its "unterminated string" error from the lexer).

export interface SplitStatement {
  /** The statement text without the terminating ';' and without surrounding whitespace/comments. */
  readonly text: string;
  /** Document offset of the first character of `text`. */
  readonly start: number;
  /** Document offset just after the last character of `text`. */
  readonly end: number;
  /** Document offset of the terminating ';', or -1 when the statement runs to the end of the document. */
  readonly terminator: number;
  /** 0-based document line and column of `start`. */
  readonly line: number;
  readonly column: number;
  /** True between a `BEGIN STATEMENT SET;` and its `END;` (SQL client form; both excluded). */
  readonly inStatementSet: boolean;
}

const enum Ch {
  LF = 10,
  SPACE = 32,
  DOUBLE_QUOTE = 34,
  DOLLAR = 36,
  QUOTE = 39,
  STAR = 42,
  PLUS = 43,
  MINUS = 45,
  SLASH = 47,
  SEMICOLON = 59,
  UNDERSCORE = 95,
  BACKQUOTE = 96,
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Ch.UNDERSCORE || c > 127;
}
function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === Ch.DOLLAR;
}

/** Splits `text` into statements; linear time, never throws. */
export function splitStatements(text: string): SplitStatement[] {
  const result: SplitStatement[] = [];
  const n = text.length;

  let line = 0;
  let lineStart = 0;
  // Current statement.
  let stmtStart = -1; // offset of the first significant character, -1 while only trivia seen
  let stmtLine = 0;
  let stmtColumn = 0;
  let stmtEnd = -1; // offset after the last significant character
  const words: string[] = []; // the first few upper-cased words, enough to recognise the shapes below
  let wordCount = 0;
  let prev1 = '';
  let prev2 = '';
  let inBlock = false; // inside STATEMENT SET BEGIN ... END
  let caseDepth = 0;
  let inClientStatementSet = false;

  const markSignificant = (offset: number): void => {
    if (stmtStart < 0) {
      stmtStart = offset;
      stmtLine = line;
      stmtColumn = offset - lineStart;
    }
  };
  const finish = (terminator: number): void => {
    if (stmtStart >= 0) {
      const shape = words.join(' ');
      const isBegin = shape === 'BEGIN STATEMENT SET' && wordCount === 3;
      const isEnd = shape === 'END' && wordCount === 1;
      result.push({
        text: text.slice(stmtStart, stmtEnd),
        start: stmtStart,
        end: stmtEnd,
        terminator,
        line: stmtLine,
        column: stmtColumn,
        inStatementSet: inClientStatementSet && !isBegin && !isEnd,
      });
      if (isBegin) inClientStatementSet = true;
      else if (isEnd) inClientStatementSet = false;
    }
    stmtStart = -1;
    stmtEnd = -1;
    words.length = 0;
    wordCount = 0;
    prev1 = prev2 = '';
    inBlock = false;
    caseDepth = 0;
  };

  /** End of a quoted section starting at `i` (exclusive), or -1 when unterminated. */
  const quotedEnd = (i: number, quote: number): number => {
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === quote) {
        if (j + 1 < n && text.charCodeAt(j + 1) === quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  };
  const endOfLine = (i: number): number => {
    const k = text.indexOf('\n', i);
    return k === -1 ? n : k;
  };
  /** Advances line bookkeeping over [from, to). */
  const countLines = (from: number, to: number): void => {
    for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.LF) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (c <= Ch.SPACE) {
      i++;
      continue;
    }
    // Comments (trivia: do not start a statement).
    if (c === Ch.MINUS && text.charCodeAt(i + 1) === Ch.MINUS) {
      i = endOfLine(i);
      continue;
    }
    if (c === Ch.SLASH && text.charCodeAt(i + 1) === Ch.STAR) {
      const close = text.indexOf('*/', i + 2);
      let next = close === -1 ? endOfLine(i) : close + 2;
      // A hint `/*+ ... */` inside a statement is part of it; an unterminated comment as well.
      if (stmtStart >= 0 && (text.charCodeAt(i + 2) === Ch.PLUS || close === -1)) stmtEnd = next;
      if (close === -1 && stmtStart < 0) {
        markSignificant(i);
        stmtEnd = next;
      }
      countLines(i, next);
      i = next;
      continue;
    }
    if (c === Ch.QUOTE || c === Ch.BACKQUOTE || c === Ch.DOUBLE_QUOTE) {
      markSignificant(i);
      const close = quotedEnd(i, c);
      const next = close === -1 ? endOfLine(i) : close;
      countLines(i, next);
      stmtEnd = next;
      prev2 = prev1;
      prev1 = "'";
      i = next;
      continue;
    }
    if (c === Ch.SEMICOLON) {
      if (!inBlock) {
        finish(i);
      } else {
        stmtEnd = i + 1;
      }
      i++;
      continue;
    }
    markSignificant(i);
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      stmtEnd = j;
      // Only short words can be keywords that matter here; skip upper-casing long identifiers.
      const word = j - i <= 9 ? text.slice(i, j).toUpperCase() : '';
      if (wordCount < 4) words.push(word);
      wordCount++;
      if (inBlock) {
        if (word === 'CASE') caseDepth++;
        else if (word === 'END') {
          if (caseDepth > 0) caseDepth--;
          else inBlock = false;
        }
      } else if (word === 'BEGIN' && prev1 === 'SET' && prev2 === 'STATEMENT') {
        inBlock = true;
      }
      prev2 = prev1;
      prev1 = word;
      i = j;
      continue;
    }
    stmtEnd = i + 1;
    prev2 = prev1;
    prev1 = '';
    i++;
  }
  finish(-1);
  return result;
}
