// Keyword facts derived from the generated grammar (never a second hand-kept list).
//
// Public API:
//   NON_RESERVED_TOKEN_TYPES: token types of keywords that Flink also accepts as identifiers
//     (rule `nonReservedKeyword`), computed once from the parser's ATN.
//   isKeywordToken(type): true for every keyword token (reserved or not).
import { FlinkSqlParser } from './generated/FlinkSqlParser';

function computeNonReserved(): ReadonlySet<number> {
  const atn = FlinkSqlParser._ATN;
  const start = atn.ruleToStartState[FlinkSqlParser.RULE_nonReservedKeyword];
  if (!start) return new Set();
  return new Set(atn.nextTokens(start).toArray());
}

export const NON_RESERVED_TOKEN_TYPES: ReadonlySet<number> = computeNonReserved();

/** Keyword tokens are declared in one block of the lexer: from ABSENT (first, sorted) up to the punctuation. */
export function isKeywordToken(type: number): boolean {
  return type >= FlinkSqlParser.ABSENT && type < FlinkSqlParser.NAMED_ARG;
}
