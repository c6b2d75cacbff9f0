// Where the caret is inside a statement: the token under it, the word typed so far, whether it sits
// in a string literal (option keys/values, SET keys) or a `${…}` placeholder, and the statement's
// default-channel tokens around it. Pure token work, robust for half-typed statements.
import { Token, type CommonTokenStream } from 'antlr4ng';
import { FlinkSqlParser } from './generated/FlinkSqlParser';
import type { ScriptModel, ScriptStatement } from './scriptModel';

export interface CaretContext {
  /** Statement containing the caret; undefined when the caret starts a new statement. */
  statement?: ScriptStatement;
  /** Caret offset relative to the statement start (0 when there is no statement). */
  offset: number;
  /** Default-channel tokens of the statement, in order (EOF excluded). */
  tokens: Token[];
  /** Index in `tokens` of the token the caret completes (a partial word) or that follows the caret. */
  caretIndex: number;
  /** Word typed so far (identifier or keyword prefix), '' when none. */
  prefix: string;
  /** Statement-relative start of the prefix (the range completions replace). */
  prefixStart: number;
  /** Set when the caret is inside a string literal. */
  string?: { token: Token; contentStart: number; contentEnd: number; typed: string };
  /** Set when the caret is inside `${…`. */
  variable?: { start: number; typed: string };
  /** The caret is inside a comment or an optimizer hint: nothing to complete. */
  inComment?: boolean;
  /** The caret is inside an optimizer hint `/*+ … *\/`: its token and the tokens before it. */
  hint?: { token: Token; typed: string; tokensBefore: Token[] };
}

const WORD_TYPES = new Set([FlinkSqlParser.IDENTIFIER]);
const STRING_TYPES = new Set([
  FlinkSqlParser.STRING_LITERAL, FlinkSqlParser.UNTERMINATED_STRING_LITERAL, FlinkSqlParser.UNICODE_STRING_LITERAL,
  FlinkSqlParser.NATIONAL_STRING_LITERAL,
]);

function isWordToken(token: Token): boolean {
  return WORD_TYPES.has(token.type) || /^[A-Za-z_][A-Za-z0-9_$]*$/.test(token.text ?? '');
}

/** The statement the caret belongs to: its text, or the whitespace after it up to its `;`. */
export function statementForCaret(model: ScriptModel, offset: number): ScriptStatement | undefined {
  const hit = model.statementAt(offset);
  if (hit) return hit;
  let lo = 0;
  let hi = model.statements.length - 1;
  let before: ScriptStatement | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = model.statements[mid]!;
    if (s.split.start <= offset) {
      before = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!before) return undefined;
  const terminator = before.split.terminator;
  if (terminator === -1 || offset <= terminator) return before;
  return undefined;
}

/** Whether `offset` is inside a `--` or `/* … *\/` comment that starts after document offset `from`. */
function inTrailingComment(text: string, from: number, offset: number): boolean {
  const between = text.slice(Math.max(0, from), offset);
  const lineStart = between.lastIndexOf('\n') + 1;
  if (between.slice(lineStart).includes('--')) return true;
  return between.lastIndexOf('/*') > between.lastIndexOf('*/');
}

export function caretContext(model: ScriptModel, offset: number): CaretContext {
  const statement = statementForCaret(model, offset);
  // Comments between statements are not part of any statement's tokens.
  const previousEnd = statement ? statement.split.end : (model.statements.filter((s) => s.split.end <= offset).pop()?.split.end ?? 0);
  if (offset > previousEnd && inTrailingComment(model.text, previousEnd, offset)) {
    return { ...(statement ? { statement } : {}), offset: 0, tokens: [], caretIndex: 0, prefix: '', prefixStart: 0, inComment: true };
  }
  if (!statement) {
    // A new statement starts here: check for a word being typed right before the caret.
    const before = model.text.slice(Math.max(0, offset - 64), offset);
    const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before)?.[0] ?? '';
    return { offset: 0, tokens: [], caretIndex: 0, prefix: word, prefixStart: -word.length };
  }
  const relative = offset - statement.split.start;
  const stream: CommonTokenStream = statement.analysis.parsed.tokens;
  const all = stream.getTokens();
  const tokens: Token[] = [];
  let caretIndex = -1;
  let prefix = '';
  let prefixStart = relative;
  let stringInfo: CaretContext['string'];
  let variable: CaretContext['variable'];
  let inComment = false;
  let hint: CaretContext['hint'];
  for (const token of all) {
    if (token.type === Token.EOF) break;
    const start = token.start;
    const end = token.stop + 1;
    if (token.channel !== Token.DEFAULT_CHANNEL && token.type !== FlinkSqlParser.WS && start < relative && (relative < end || (relative === end && token.type === FlinkSqlParser.LINE_COMMENT))) {
      inComment = true;
      if (token.type === FlinkSqlParser.HINT_COMMENT && start + 3 <= relative) hint = { token, typed: (token.text ?? '').slice(0, relative - start), tokensBefore: [...tokens] };
    }
    if (token.channel === Token.DEFAULT_CHANNEL) {
      if (caretIndex < 0) {
        if (STRING_TYPES.has(token.type) && start < relative && (relative < end || (relative === end && token.type === FlinkSqlParser.UNTERMINATED_STRING_LITERAL))) {
          const text = token.text ?? '';
          const quote = text.indexOf("'");
          const terminated = token.type !== FlinkSqlParser.UNTERMINATED_STRING_LITERAL;
          const contentStart = start + quote + 1;
          const contentEnd = terminated ? end - 1 : end;
          if (relative >= contentStart) {
            stringInfo = { token, contentStart, contentEnd, typed: text.slice(quote + 1, relative - start) };
            caretIndex = tokens.length;
          }
        } else if (token.type === FlinkSqlParser.VARIABLE && start < relative && relative < end) {
          variable = { start, typed: (token.text ?? '').slice(2, relative - start) };
          caretIndex = tokens.length;
        } else if (start < relative && relative <= end && isWordToken(token)) {
          prefix = (token.text ?? '').slice(0, relative - start);
          prefixStart = start;
          caretIndex = tokens.length;
        } else if (start < relative && relative < end && (token.type === FlinkSqlParser.BACKQUOTED_IDENTIFIER || token.type === FlinkSqlParser.UNTERMINATED_BACKQUOTED_IDENTIFIER)) {
          prefix = (token.text ?? '').slice(0, relative - start);
          prefixStart = start;
          caretIndex = tokens.length;
        } else if (start >= relative) {
          caretIndex = tokens.length;
        }
      }
      tokens.push(token);
    }
  }
  if (caretIndex < 0) caretIndex = tokens.length;
  // `${na|` while typing: the lexer sees '$' '{' 'na' (no closing brace yet).
  if (!variable) {
    const lineStart = statement.split.text.lastIndexOf('\n', relative - 1) + 1;
    const m = /\$\{([^}\s]*)$/.exec(statement.split.text.slice(lineStart, relative));
    if (m && relative <= statement.split.text.length + 1) variable = { start: relative - m[0].length, typed: m[1]! };
  }
  const context: CaretContext = { statement, offset: relative, tokens, caretIndex, prefix, prefixStart };
  if (stringInfo) context.string = stringInfo;
  if (variable) context.variable = variable;
  if (inComment) context.inComment = true;
  if (hint) context.hint = hint;
  return context;
}

/** Upper-case text of the default-channel token `back` positions before the caret token. */
export function tokenBefore(context: CaretContext, back: number): Token | undefined {
  return context.tokens[context.caretIndex - back];
}
