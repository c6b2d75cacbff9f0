// Completion while typing without waiting for a parse: when the text changed inside ONE statement
// since the last analysed model (the usual keystroke), the statement under the caret is only
// re-tokenized (the grammar state for completion comes from tokens) and keeps the symbols of its
// previous parse; every other statement is reused with shifted offsets. Diagnostics still run the
// full incremental analysis, which refreshes the model right after.
import type { ParsedStatement } from './parseStatement';
import { ScriptModel, reuseFacts } from './scriptModel';
import { tokenizeStatement } from './sqlTokenSource';
import type { SplitStatement } from './statementSplitter';

/** Characters whose insertion or removal cannot change where statements start and end. */
const SPLIT_NEUTRAL = /^[\w\s.,()=<>+$[\]{}:|&!?^~%]*$/;

const CHUNK = 2048;

/** Length of the common prefix; compares whole chunks first (native string equality is fast). */
function commonPrefix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + CHUNK <= max && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

export function modelAfterEdit(previous: ScriptModel, text: string): ScriptModel | undefined {
  const old = previous.text;
  const max = Math.min(old.length, text.length);
  const prefix = commonPrefix(old, text, max);
  const suffix = commonSuffix(old, text, max - prefix);
  const removed = old.slice(prefix, old.length - suffix);
  const inserted = text.slice(prefix, text.length - suffix);
  if (!SPLIT_NEUTRAL.test(removed) || !SPLIT_NEUTRAL.test(inserted)) return undefined;
  // `-` `/` `*` are excluded above: they could open or close a comment.
  const delta = inserted.length - removed.length;
  const oldEnd = old.length - suffix;

  const statements = previous.statements;
  const index = statements.findIndex((s, i) => {
    const next = statements[i + 1];
    const reach = s.split.terminator >= 0 ? s.split.terminator : next ? next.split.start : old.length;
    return s.split.start <= prefix && oldEnd <= reach;
  });
  if (index < 0) return undefined;
  const edited = statements[index]!;
  const next = statements[index + 1];
  if (next && oldEnd > next.split.start) return undefined;
  // Typing right at a statement's start could merge it with a word before it: leave that to the parser.
  if (prefix === edited.split.start && inserted.trim() && edited.split.start > 0 && /\S/.test(old.charAt(prefix - 1))) return undefined;

  let newEnd = Math.max(edited.split.end + delta, prefix + inserted.length);
  while (newEnd > edited.split.start && /\s/.test(text.charAt(newEnd - 1))) newEnd--;
  const newText = text.slice(edited.split.start, newEnd);
  const split: SplitStatement = {
    ...edited.split,
    text: newText,
    end: edited.split.start + newText.length,
    terminator: edited.split.terminator >= 0 ? edited.split.terminator + delta : -1,
  };
  const oldParsed = edited.analysis.parsed;
  const parsed: ParsedStatement = { text: newText, tree: oldParsed.tree, tokens: tokenizeStatement(newText), errors: oldParsed.errors, usedFullLL: oldParsed.usedFullLL };
  reuseFacts(parsed, edited.analysis.symbols);
  const shifted = (s: SplitStatement): SplitStatement => ({
    ...s,
    start: s.start + delta,
    end: s.end + delta,
    terminator: s.terminator >= 0 ? s.terminator + delta : -1,
  });
  const parts = statements.map((s, i) => {
    if (i < index) return { statement: s.split, parsed: s.analysis.parsed };
    if (i === index) return { statement: split, parsed };
    return { statement: shifted(s.split), parsed: s.analysis.parsed };
  });
  return new ScriptModel(text, parts);
}
