// Splits a Flink SQL document into statements at the lexical level, without parsing.
//
// Public API:
//   splitDocument(documentText): DocumentSplit — the statements plus the scanner state after each
//     one, so that the next version of the text can be split incrementally:
//   resplitDocument(previous, documentText): DocumentSplit — the same result as splitDocument, but
//     only the part around the edit is scanned again: statements before the edit and (after the
//     scan falls back into step with the old one) statements after it are taken over, shifted.
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

/** The words the splitter reacts to; everything else is OTHER. */
const enum Word {
  OTHER,
  BEGIN,
  CASE,
  END,
  SET,
  STATEMENT,
}
const WORD_NAMES = ['', 'BEGIN', 'CASE', 'END', 'SET', 'STATEMENT'];

/**
 * Which of the few words that matter `text[i, j)` is, case-insensitively, without allocating:
 * the splitter sees every word of the document on every keystroke.
 */
function classifyWord(text: string, i: number, j: number): Word {
  let candidate: Word;
  switch (j - i) {
    case 3: {
      const c = text.charCodeAt(i) | 0x20;
      candidate = c === 0x65 ? Word.END : c === 0x73 ? Word.SET : Word.OTHER;
      break;
    }
    case 4: candidate = Word.CASE; break;
    case 5: candidate = Word.BEGIN; break;
    case 9: candidate = Word.STATEMENT; break;
    default: return Word.OTHER;
  }
  if (candidate === Word.OTHER) return Word.OTHER;
  const name = WORD_NAMES[candidate]!;
  for (let k = 0; k < name.length; k++) {
    // ASCII letters only: `| 0x20` folds upper to lower case.
    if ((text.charCodeAt(i + k) | 0x20) !== (name.charCodeAt(k) | 0x20)) return Word.OTHER;
  }
  return candidate;
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Ch.UNDERSCORE || c > 127;
}
function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === Ch.DOLLAR;
}

/**
 * The scanner's state at a statement boundary (just after a ';' that ended a statement): all
 * statement-local state is reset there, so scanning can resume from it.
 */
export interface SplitBoundary {
  /** Document offset just after the ';'. */
  readonly offset: number;
  readonly line: number;
  /** Document offset of the start of `line`. */
  readonly lineStart: number;
  readonly inClientStatementSet: boolean;
  /**
   * Exclusive end of the text the scan had looked at to get here: an unterminated quote or block
   * comment looks to the end of the document for its closing quote. Resuming from this boundary
   * after an edit is only sound when the edit starts at or after this offset.
   */
  readonly lookedAt: number;
}

/** The statements of one text, plus what is needed to split its next version incrementally. */
export interface DocumentSplit {
  readonly text: string;
  readonly statements: readonly SplitStatement[];
  /** Scanner state after each statement's ';' (null when it has none), aligned with `statements`. */
  readonly after: readonly (SplitBoundary | null)[];
}

const COMPARE_CHUNK = 512;

const DOCUMENT_START: SplitBoundary = { offset: 0, line: 0, lineStart: 0, inClientStatementSet: false, lookedAt: 0 };

/** Splits `text` into statements; linear time, never throws. */
export function splitStatements(text: string): SplitStatement[] {
  return splitDocument(text).statements as SplitStatement[];
}

/** Splits `text` into statements and keeps the state needed by resplitDocument. */
export function splitDocument(text: string): DocumentSplit {
  const statements: SplitStatement[] = [];
  const after: (SplitBoundary | null)[] = [];
  scan(text, DOCUMENT_START, statements, after, () => false);
  return { text, statements, after };
}

/**
 * Splits `text`, the next version of `previous.text`, scanning only around the change: the text
 * before the first changed character and after the last one is compared, statements whose scan
 * never looked at the changed part are reused, and the scan stops at the first boundary inside the
 * unchanged tail where the old scan had the same state; the old statements after it are reused
 * with shifted offsets and lines. The result equals splitDocument(text).
 */
export function resplitDocument(previous: DocumentSplit, text: string): DocumentSplit {
  const old = previous.text;
  if (old === text) return previous;
  const limit = Math.min(old.length, text.length);
  // Whole chunks first: comparing two slices runs natively, ~10× faster than a loop over chars.
  let prefix = 0;
  while (prefix + COMPARE_CHUNK <= limit && old.slice(prefix, prefix + COMPARE_CHUNK) === text.slice(prefix, prefix + COMPARE_CHUNK)) prefix += COMPARE_CHUNK;
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + COMPARE_CHUNK <= limit - prefix
    && old.slice(old.length - suffix - COMPARE_CHUNK, old.length - suffix) === text.slice(text.length - suffix - COMPARE_CHUNK, text.length - suffix)) suffix += COMPARE_CHUNK;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - old.length;
  const tailStart = text.length - suffix; // first offset of the unchanged tail in the new text

  // Statements kept as they are: their scan (lookahead included) ended before the change.
  let kept = 0;
  while (kept < previous.statements.length) {
    const boundary = previous.after[kept];
    if (!boundary || boundary.lookedAt > prefix) break;
    kept++;
  }
  const statements = previous.statements.slice(0, kept);
  const after = previous.after.slice(0, kept);
  const resumeFrom = kept > 0 ? previous.after[kept - 1]! : DOCUMENT_START;

  // Old statements by the offset of the boundary after them, for the re-synchronisation.
  let oldIndex = kept;
  let synced = -1;
  scan(text, resumeFrom, statements, after, (boundary) => {
    if (boundary.offset < tailStart) return false;
    const oldOffset = boundary.offset - delta;
    while (oldIndex < previous.statements.length && (previous.after[oldIndex]?.offset ?? Infinity) < oldOffset) oldIndex++;
    const oldBoundary = previous.after[oldIndex];
    if (!oldBoundary || oldBoundary.offset !== oldOffset || oldBoundary.inClientStatementSet !== boundary.inClientStatementSet) return false;
    synced = oldIndex;
    return true;
  });
  if (synced >= 0) {
    const syncOld = previous.after[synced]!;
    const syncNew = after[after.length - 1]!;
    const lineDelta = syncNew.line - syncOld.line;
    for (let k = synced + 1; k < previous.statements.length; k++) {
      const s = previous.statements[k]!;
      statements.push({
        text: s.text,
        start: s.start + delta,
        end: s.end + delta,
        terminator: s.terminator < 0 ? -1 : s.terminator + delta,
        line: s.line + lineDelta,
        // Only a statement on the boundary's own line can have moved sideways.
        column: s.line === syncOld.line ? s.start + delta - syncNew.lineStart : s.column,
        inStatementSet: s.inStatementSet,
      });
      const b = previous.after[k];
      after.push(b ? {
        offset: b.offset + delta,
        line: b.line + lineDelta,
        lineStart: b.line === syncOld.line ? syncNew.lineStart : b.lineStart + delta,
        inClientStatementSet: b.inClientStatementSet,
        lookedAt: Math.min(text.length, b.lookedAt + delta),
      } : null);
    }
  }
  return { text, statements, after };
}

/**
 * The scanner: from `from` (a boundary or the document start) to the end of `text`, appending to
 * `statements`/`after`; stops early after a statement whose boundary `stop` accepts.
 */
function scan(
  text: string,
  from: SplitBoundary,
  statements: SplitStatement[],
  after: (SplitBoundary | null)[],
  stop: (boundary: SplitBoundary) => boolean,
): void {
  const n = text.length;

  let line = from.line;
  let lineStart = from.lineStart;
  // Current statement.
  let stmtStart = -1; // offset of the first significant character, -1 while only trivia seen
  let stmtLine = 0;
  let stmtColumn = 0;
  let stmtEnd = -1; // offset after the last significant character
  // The first words, enough to recognise `BEGIN STATEMENT SET` and `END` (the SQL-client forms).
  let firstWords = 0; // up to three Word values, 4 bits each, first word lowest
  let wordCount = 0;
  let prev1 = Word.OTHER;
  let prev2 = Word.OTHER;
  let inBlock = false; // inside STATEMENT SET BEGIN ... END
  let caseDepth = 0;
  let inClientStatementSet = from.inClientStatementSet;
  let lookedAt = from.lookedAt; // see SplitBoundary.lookedAt

  const markSignificant = (offset: number): void => {
    if (stmtStart < 0) {
      stmtStart = offset;
      stmtLine = line;
      stmtColumn = offset - lineStart;
    }
  };
  /** Ends the current statement; true when the scan should stop (see `stop`). */
  const finish = (terminator: number): boolean => {
    let stopHere = false;
    if (stmtStart >= 0) {
      const isBegin = wordCount === 3 && firstWords === (Word.BEGIN | (Word.STATEMENT << 4) | (Word.SET << 8));
      const isEnd = wordCount === 1 && firstWords === Word.END;
      statements.push({
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
      if (terminator < 0) {
        after.push(null);
      } else {
        // The scanner peeks at most 3 characters past its position, except for the lookaheads
        // that already moved `lookedAt` to the end of the text.
        lookedAt = Math.max(lookedAt, Math.min(n, terminator + 3));
        const boundary: SplitBoundary = { offset: terminator + 1, line, lineStart, inClientStatementSet, lookedAt };
        after.push(boundary);
        stopHere = stop(boundary);
      }
    }
    stmtStart = -1;
    stmtEnd = -1;
    firstWords = 0;
    wordCount = 0;
    prev1 = prev2 = Word.OTHER;
    inBlock = false;
    caseDepth = 0;
    return stopHere;
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

  let i = from.offset;
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
      if (close === -1) lookedAt = n;
      const next = close === -1 ? endOfLine(i) : close + 2;
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
      if (close === -1) lookedAt = n;
      const next = close === -1 ? endOfLine(i) : close;
      countLines(i, next);
      stmtEnd = next;
      prev2 = prev1;
      prev1 = Word.OTHER;
      i = next;
      continue;
    }
    if (c === Ch.SEMICOLON) {
      if (!inBlock) {
        if (finish(i)) return;
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
      const word = classifyWord(text, i, j);
      if (wordCount < 3) firstWords |= word << (4 * wordCount);
      wordCount++;
      if (inBlock) {
        if (word === Word.CASE) caseDepth++;
        else if (word === Word.END) {
          if (caseDepth > 0) caseDepth--;
          else inBlock = false;
        }
      } else if (word === Word.BEGIN && prev1 === Word.SET && prev2 === Word.STATEMENT) {
        inBlock = true;
      }
      prev2 = prev1;
      prev1 = word;
      i = j;
      continue;
    }
    stmtEnd = i + 1;
    prev2 = prev1;
    prev1 = Word.OTHER;
    i++;
  }
  finish(-1);
}
