// Turns an ANTLR syntax error into a sentence a Flink user understands.
//
// Public API:
//   describeSyntaxError(parser, offendingToken, exception, statementText): SqlSyntaxError
//
// Instead of ANTLR's "mismatched input 'x' expecting {80 token names}" we say what is wrong in the
// terms of the statement: an unterminated string, a missing ')' that closes the WITH options opened
// at 3:5, "expected a column name", "expected an expression", the few keywords that may follow, ...
import { Token, type Parser, type RecognitionException } from 'antlr4ng';
import { FlinkSqlParser } from './generated/FlinkSqlParser';
import { NON_RESERVED_TOKEN_TYPES, isKeywordToken } from './keywords';
import type { SqlSyntaxError } from './parseStatement';

const L = FlinkSqlParser;

/** Token types that start an expression (besides identifiers and literals). */
const EXPRESSION_STARTERS = new Set<number>([
  L.CASE, L.CAST, L.TRY_CAST, L.EXISTS, L.NOT, L.INTERVAL, L.ARRAY, L.MAP, L.ROW, L.LPAREN, L.MINUS_SIGN, L.PLUS,
  L.INTEGER_LITERAL, L.DECIMAL_LITERAL, L.APPROX_NUMERIC_LITERAL, L.STRING_LITERAL, L.NULL, L.TRUE, L.FALSE, L.UNKNOWN,
  L.CURRENT_DATE, L.CURRENT_TIME, L.CURRENT_TIMESTAMP, L.LOCALTIME, L.LOCALTIMESTAMP, L.IF, L.LEFT, L.RIGHT,
]);
const IDENTIFIER_TOKENS = new Set<number>([L.IDENTIFIER, L.BACKQUOTED_IDENTIFIER]);
const STATEMENT_STARTERS = new Set<number>([L.SELECT, L.INSERT, L.CREATE, L.ALTER, L.DROP, L.SET, L.SHOW]);

/** Builds the human-readable error for one offending token. */
export function describeSyntaxError(
  parser: Parser,
  offending: Token,
  exception: RecognitionException | null,
  text: string,
): SqlSyntaxError {
  const start = offending.type === Token.EOF ? lastSignificantEnd(parser, text) : Math.max(0, offending.start);
  const end = offending.type === Token.EOF ? Math.min(text.length, start + 1) : Math.max(start + 1, offending.stop + 1);
  const { line, column } = lineColumnOf(text, start);
  const base = { start, end, line, column };

  switch (offending.type) {
    case L.UNTERMINATED_STRING_LITERAL:
      return { ...base, code: 'unterminated-string', message: "unterminated string literal: add the closing quote (')" };
    case L.UNTERMINATED_BACKQUOTED_IDENTIFIER:
      return { ...base, code: 'unterminated-identifier', message: 'unterminated quoted identifier: add the closing backquote (`)' };
    case L.UNTERMINATED_BLOCK_COMMENT:
      return { ...base, code: 'unterminated-comment', message: "unterminated comment: close it with '*/'" };
    case L.UNTERMINATED_DOUBLE_QUOTED_STRING:
    case L.DOUBLE_QUOTED_STRING:
      return {
        ...base,
        code: 'double-quoted-string',
        message: "double quotes are not allowed in Flink SQL: write strings in single quotes ('text') and quote names with backquotes (`name`)",
      };
    case L.ERROR_CHARACTER:
      return { ...base, code: 'invalid-character', message: `unexpected character ${JSON.stringify(offending.text ?? '')}` };
    default:
      break;
  }

  const expected = expectedTokens(parser, exception);
  const found = offending.type === Token.EOF ? null : quoteToken(offending.text ?? '');
  const opener = expected.has(L.RPAREN) ? unclosedParenthesis(parser, offending) : null;

  let message: string;
  const hint = contextHint(parser, offending, expected);
  if (hint) {
    message = hint;
  } else if (opener && (expected.size <= 3 || offending.type === Token.EOF || offending.type === L.SEMICOLON)) {
    const alsoComma = expected.has(L.COMMA) && offending.type !== Token.EOF ? `',' or ` : '';
    message = `expected ${alsoComma}')' to close the ${opener.what} opened at ${opener.line + 1}:${opener.column + 1}`;
  } else {
    const wanted = describeExpected(expected, parser);
    message = found === null
      ? `incomplete statement: expected ${wanted}`
      : `unexpected ${found}: expected ${wanted}`;
  }
  if (found !== null && offending.type === L.SEMICOLON && message.startsWith('unexpected')) {
    message = `statement ends too early: expected ${describeExpected(expected, parser)}`;
  }
  return { ...base, code: 'syntax-error', message };
}

/** Messages that know what the user was writing (rule context) and say how to write it. */
function contextHint(parser: Parser, offending: Token, expected: Set<number>): string | null {
  const found = offending.type === Token.EOF ? 'the end of the statement' : quoteToken(offending.text ?? '');
  const first = firstSignificant(parser);
  if (first && (first.type === L.SET || first.type === L.RESET) && offending.tokenIndex - first.tokenIndex <= 3
    && !STRING_TOKENS.has(offending.type) && offending.type !== Token.EOF && offending.type !== L.EQ) {
    return `expected a string literal, found ${found}: write ${first.type === L.SET ? "SET 'key' = 'value'" : "RESET 'key'"} (quoted)`;
  }
  const endsHere = [...expected].every((t) => t === Token.EOF || t === L.SEMICOLON);
  if (endsHere && offending.type !== Token.EOF) {
    const order = clauseOrderHint(parser, offending);
    return `unexpected ${found}: the statement should end here${order ? ` (${order})` : ''}`;
  }
  const expressionExpected = expected.has(L.CASE) && expected.has(L.CAST);
  if (!expressionExpected && [...expected].some((t) => IDENTIFIER_TOKENS.has(t)) && isReservedKeyword(offending.type)) {
    const word = offending.text ?? '';
    return `'${word}' is a reserved keyword: write \`${word}\` to use it as a name`;
  }
  if (hasAncestor(parser, FlinkSqlParser.RULE_propertyList) && !STRING_TOKENS.has(offending.type) && expected.has(L.STRING_LITERAL)) {
    return `expected a string literal, found ${found}: options are written 'key' = 'value' (both quoted)`;
  }
  return null;
}

/** CREATE TABLE clauses in the wrong order are the most common "should end here" cause. */
function clauseOrderHint(parser: Parser, offending: Token): string | null {
  const clauses = new Set<number>([L.COMMENT, L.DISTRIBUTED, L.PARTITIONED, L.WITH, L.LIKE]);
  if (!clauses.has(offending.type)) return null;
  const first = firstSignificant(parser);
  if (first?.type !== L.CREATE) return null;
  return 'CREATE TABLE clauses go in this order: (columns) COMMENT, DISTRIBUTED BY, PARTITIONED BY, WITH, LIKE or AS';
}

function hasAncestor(parser: Parser, ruleIndex: number): boolean {
  for (let ctx = parser.context; ctx; ctx = ctx.parent) if (ctx.ruleIndex === ruleIndex) return true;
  return false;
}

function firstSignificant(parser: Parser): Token | null {
  const stream = parser.tokenStream;
  for (let i = 0; i < stream.size; i++) {
    const t = stream.get(i);
    if (t.channel === Token.DEFAULT_CHANNEL) return t.type === Token.EOF ? null : t;
  }
  return null;
}

function expectedTokens(parser: Parser, exception: RecognitionException | null): Set<number> {
  try {
    const set = exception?.getExpectedTokens() ?? parser.getExpectedTokens();
    return new Set(set.toArray());
  } catch {
    return new Set();
  }
}

/** Groups of tokens that read better as one phrase than as a list. Order = order in the message. */
const STRING_TOKENS = new Set<number>([L.STRING_LITERAL, L.UNICODE_STRING_LITERAL, L.NATIONAL_STRING_LITERAL, L.BINARY_STRING_LITERAL]);
const TIME_UNITS = new Set<number>([L.YEAR, L.YEARS, L.QUARTER, L.MONTH, L.MONTHS, L.WEEK, L.DAY, L.DAYS, L.HOUR, L.HOURS,
  L.MINUTE, L.MINUTES, L.SECOND, L.SECONDS, L.MILLISECOND, L.MICROSECOND, L.NANOSECOND]);
const DATA_TYPES = new Set<number>([L.CHAR, L.VARCHAR, L.STRING, L.BOOLEAN, L.BINARY, L.VARBINARY, L.BYTES, L.DECIMAL, L.TINYINT,
  L.SMALLINT, L.INT, L.INTEGER, L.BIGINT, L.FLOAT, L.DOUBLE, L.DATE, L.TIME, L.TIMESTAMP, L.TIMESTAMP_LTZ, L.ARRAY, L.MAP, L.ROW]);
const LITERAL_TOKENS = new Set<number>([L.INTEGER_LITERAL, L.DECIMAL_LITERAL, L.APPROX_NUMERIC_LITERAL, L.VARIABLE, ...STRING_TOKENS]);

/** Summarises an expected-token set in a few words. */
function describeExpected(expected: Set<number>, parser: Parser): string {
  if (expected.size === 0) return 'something else';
  const all = [...expected];
  const count = (group: ReadonlySet<number>) => all.filter((t) => group.has(t)).length;
  if (count(STATEMENT_STARTERS) >= 5) return 'a statement (SELECT, INSERT, CREATE, ALTER, DROP, SET, SHOW, ...)';
  const phrases: string[] = [];
  const covered = new Set<number>([Token.EOF]);
  const group = (members: ReadonlySet<number>, minimum: number, phrase: string) => {
    if (count(members) < minimum) return;
    phrases.push(phrase);
    for (const t of members) covered.add(t);
  };
  // Only an expression can start with CASE or CAST (ARRAY, MAP, ROW, INTERVAL also start data types).
  const isExpression = expected.has(L.CASE) && expected.has(L.CAST);
  const namesAllowed = all.some((t) => IDENTIFIER_TOKENS.has(t));
  const coverNames = () => {
    // Non-reserved keywords are names too; listing them would bury the message.
    for (const t of all) if (IDENTIFIER_TOKENS.has(t) || !isReservedKeyword(t)) covered.add(t);
  };
  if (isExpression) {
    phrases.push('an expression');
    for (const t of all) if (EXPRESSION_STARTERS.has(t) || LITERAL_TOKENS.has(t)) covered.add(t);
    coverNames();
  } else if (expected.has(L.ARRAY) && count(DATA_TYPES) >= 8) {
    phrases.push('a data type');
    for (const t of DATA_TYPES) covered.add(t);
    covered.add(L.INTERVAL).add(L.MULTISET).add(L.NULL);
    coverNames();
  } else if (namesAllowed) {
    phrases.push('a name');
    coverNames();
  } else {
    group(TIME_UNITS, 4, 'a time unit (SECOND, MINUTE, HOUR, DAY, MONTH, YEAR)');
  }
  if (!isExpression) group(STRING_TOKENS, 1, "a string literal in single quotes ('...')");
  covered.add(L.VARIABLE);
  const vocabulary = parser.vocabulary;
  const rest = all.filter((t) => !covered.has(t)).map((t) => tokenDisplay(vocabulary.getLiteralName(t), vocabulary.getSymbolicName(t)));
  const listed = rest.length > 6 ? [...rest.slice(0, 5), `one of ${rest.length - 5} other keywords`] : rest;
  const words = [...phrases, ...listed];
  if (words.length === 0) return expected.has(Token.EOF) ? 'the end of the statement' : 'something else';
  return joinWords(words);
}

/** Keywords that can never be identifiers (so listing them next to "a name" adds information). */
function isReservedKeyword(type: number): boolean {
  return isKeywordToken(type) && !NON_RESERVED_TOKEN_TYPES.has(type);
}

function tokenDisplay(literal: string | null, symbolic: string | null): string {
  if (literal) return literal.replace(/^'(.*)'$/s, "'$1'").replace(/^'([A-Z_]+)'$/, '$1');
  switch (symbolic) {
    case 'STRING_LITERAL': return 'a string';
    case 'INTEGER_LITERAL': return 'a number';
    case 'DECIMAL_LITERAL': return 'a decimal number';
    default: return (symbolic ?? '?').toLowerCase().replace(/_/g, ' ');
  }
}

function joinWords(words: string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function quoteToken(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `'${short}'`;
}

/** What a '(' opened, named by the tokens before it (cheap and good enough for messages). */
function unclosedParenthesis(parser: Parser, offending: Token): { what: string; line: number; column: number } | null {
  const stream = parser.tokenStream;
  const stack: number[] = [];
  const limit = offending.tokenIndex < 0 ? stream.size : offending.tokenIndex;
  for (let i = 0; i < limit; i++) {
    const t = stream.get(i);
    if (t.channel !== Token.DEFAULT_CHANNEL) continue;
    if (t.type === L.LPAREN) stack.push(i);
    else if (t.type === L.RPAREN) stack.pop();
  }
  const index = stack.pop();
  if (index === undefined) return null;
  const open = stream.get(index);
  return { what: describeOpener(stream, index), line: open.line - 1, column: open.column };
}

function previousSignificant(stream: Parser['tokenStream'], index: number, skip = 0): Token | null {
  let seen = 0;
  for (let i = index - 1; i >= 0; i--) {
    const t = stream.get(i);
    if (t.channel !== Token.DEFAULT_CHANNEL) continue;
    if (seen++ === skip) return t;
  }
  return null;
}

function describeOpener(stream: Parser['tokenStream'], index: number): string {
  const before = previousSignificant(stream, index);
  if (!before) return 'parenthesis';
  switch (before.type) {
    case L.WITH: return 'WITH options';
    case L.SET: return 'options';
    case L.RESET: return 'option keys';
    case L.PARTITION: return 'partition spec';
    case L.OVER: return 'window specification';
    case L.MATCH_RECOGNIZE: return 'MATCH_RECOGNIZE clause';
    case L.PATTERN: return 'PATTERN';
    case L.IN: return 'IN list';
    case L.VALUES: return 'row';
    case L.CAST: case L.TRY_CAST: return 'CAST';
    case L.TABLE: return 'table function call';
    case L.DESCRIPTOR: return 'DESCRIPTOR';
    case L.AS: return 'subquery';
    case L.INPUT: return 'INPUT columns';
    case L.OUTPUT: return 'OUTPUT columns';
    case L.LIKE: return 'LIKE options';
    case L.BY: return 'column list';
    default: break;
  }
  if (before.type === L.IDENTIFIER || before.type === L.BACKQUOTED_IDENTIFIER || NON_RESERVED_TOKEN_TYPES.has(before.type)) {
    // `CREATE TABLE t (` or `f(`: a table's column list or a function's arguments.
    for (let skip = 1; skip < 8; skip++) {
      const t = previousSignificant(stream, index, skip);
      if (!t || t.type === L.DOT) continue;
      if (t.type === L.TABLE || t.type === L.VIEW) return `column list of ${before.text}`;
      if (t.type === L.INTO || t.type === L.OVERWRITE) return `column list of ${before.text}`;
      break;
    }
    return `arguments of ${before.text}`;
  }
  return 'parenthesis';
}

function lastSignificantEnd(parser: Parser, text: string): number {
  const stream = parser.tokenStream;
  for (let i = stream.size - 1; i >= 0; i--) {
    const t = stream.get(i);
    if (t.type !== Token.EOF && t.channel === Token.DEFAULT_CHANNEL) return Math.min(text.length, t.stop + 1);
  }
  return 0;
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}
