// Parses ONE Flink SQL statement (the text of one statement from statementSplitter.ts).
//
// Public API:
//   parseStatement(text): ParsedStatement
//     Lexes and parses `text` with rule `singleStatement`. Two-stage prediction: fast SLL with a
//     bail-out strategy first; only when that fails the statement is parsed again with full LL and
//     the default (recovering) error strategy, collecting human-readable syntax errors. Never throws.
//   checkStatementSyntax(text, findFeatures?): the same check without building the tree; `tree` and
//     `tokens` are built on first access and kept for the RETAINED_TREES most recently used
//     statements (what sqlDocument.ts uses: diagnostics need no tree, memory stays bounded).
//   createParser(tokens): FlinkSqlParser
//     A fresh parser over an existing token stream (for antlr4-c3 completion on a ParsedStatement).
//   ParsedStatement, SqlSyntaxError: the result types. All positions are RELATIVE to the statement
//     text (offsets from 0, lines from 0); sqlDocument.ts turns them into document positions.
import {
  BailErrorStrategy,
  BaseErrorListener,
  CommonTokenStream,
  DefaultErrorStrategy,
  ParseCancellationException,
  PredictionMode,
  Token,
  type ATNSimulator,
  type RecognitionException,
  type Recognizer,
} from 'antlr4ng';
import { FlinkSqlParser, SingleStatementContext } from './generated/FlinkSqlParser';
import { PREDICTION_SNAPSHOT_JSON } from './generated/predictionSnapshot';
import { loadPredictionSnapshot, type PredictionSnapshot } from './predictionSnapshot';
import { describeSyntaxError } from './syntaxErrorMessages';
import { SignificantTokenStream } from './significantTokenStream';
import { tokenizeStatement } from './sqlTokenSource';

/** Stable diagnostic codes of syntax findings. */
export type SqlSyntaxErrorCode =
  | 'syntax-error'
  | 'unterminated-string'
  | 'unterminated-identifier'
  | 'unterminated-comment'
  | 'invalid-character'
  | 'double-quoted-string'
  | 'nesting-too-deep';

/** One syntax error, positioned relative to the statement text. */
export interface SqlSyntaxError {
  code: SqlSyntaxErrorCode;
  /** A sentence for people, e.g. "expected ')' to close the WITH options opened at 3:5". */
  message: string;
  /** Offset of the first offending character (0-based, relative to the statement). */
  start: number;
  /** Offset just after the offending token (exclusive). */
  end: number;
  /** 0-based line and column of `start`, relative to the statement text. */
  line: number;
  column: number;
}

/** The outcome of parsing one statement. Kept by sqlDocument.ts and reused by the language features. */
export interface ParsedStatement {
  /** The statement text exactly as parsed. */
  readonly text: string;
  /** Root of the parse tree (rule `singleStatement`); present even with syntax errors (recovered tree). */
  readonly tree: SingleStatementContext;
  /**
   * Every token of the statement except whitespace (hidden channel: comments; HINTS channel:
   * `/*+ ... *\/`). Offsets are UTF-16 code units relative to the statement text.
   */
  readonly tokens: CommonTokenStream;
  /** Syntax errors in source order; at most one per statement in practice (the first is the one that matters). */
  readonly errors: readonly SqlSyntaxError[];
  /** True when the fast SLL pass failed and the statement was parsed again with full LL. */
  readonly usedFullLL: boolean;
}

/** Syntax errors kept per statement: after the first, errors are mostly noise from error recovery. */
const MAX_ERRORS_PER_STATEMENT = 1;

class CollectingErrorListener extends BaseErrorListener {
  readonly errors: SqlSyntaxError[] = [];
  constructor(private readonly text: string) {
    super();
  }

  override syntaxError<S extends Token, T extends ATNSimulator>(
    recognizer: Recognizer<T>,
    offendingSymbol: S | null,
    _line: number,
    _charPositionInLine: number,
    _msg: string,
    e: RecognitionException | null,
  ): void {
    if (this.errors.length >= MAX_ERRORS_PER_STATEMENT) return;
    if (!(recognizer instanceof FlinkSqlParser) || !offendingSymbol) return;
    const last = this.errors[this.errors.length - 1];
    // One error per offending token: recovery may report the same spot twice.
    if (last && last.start === Math.max(0, offendingSymbol.start) && offendingSymbol.type !== Token.EOF) return;
    this.errors.push(describeSyntaxError(recognizer, offendingSymbol, e, this.text));
  }
}

/** Creates a parser over `tokens` (seeked to the start) without console error output. */
export function createParser(tokens: CommonTokenStream): FlinkSqlParser {
  tokens.seek(0);
  const parser = new FlinkSqlParser(tokens);
  parser.removeErrorListeners();
  return parser;
}

/**
 * Parentheses nested deeper than this are not parsed: telling `((( query )))` from
 * `((( expression )))` needs lookahead to the innermost level at every level, so the work grows
 * with the square of the depth. Real SQL stays far below; generated SQL gets a clear message.
 */
export const MAX_NESTING_DEPTH = 256;

interface ParseOutcome {
  tree: SingleStatementContext;
  errors: SqlSyntaxError[];
  usedFullLL: boolean;
}

/**
 * The two-stage parse. `buildTree` false: syntax check only (rule contexts die young, nothing is
 * kept). `knownMode` skips the SLL attempt when an earlier run already needed full LL.
 */
function runParse(text: string, tokens: CommonTokenStream, buildTree: boolean, knownMode?: 'SLL' | 'LL'): ParseOutcome {
  if (!snapshotLoaded) loadSnapshotOnce();
  // ANTLR signals every syntax error (and the SLL bail-out) with an Error subclass; capturing the
  // JavaScript stack of the deep recursive descent for each costs more than the parse itself, and
  // nobody reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseTwoStage(text, tokens, buildTree, knownMode);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseTwoStage(text: string, tokens: CommonTokenStream, buildTree: boolean, knownMode?: 'SLL' | 'LL'): ParseOutcome {
  const tooDeep = findTooDeepNesting(tokens);
  if (tooDeep) {
    const start = tooDeep.start;
    return {
      tree: new SingleStatementContext(null, -1),
      errors: [{
        code: 'nesting-too-deep',
        message: `parentheses are nested more than ${MAX_NESTING_DEPTH} levels deep here; this statement is not checked`,
        start, end: start + 1, line: tooDeep.line - 1, column: tooDeep.column,
      }],
      usedFullLL: false,
    };
  }
  // Stage 1 reads only the significant tokens (significantTokenStream.ts); stage 2 the whole
  // stream, which error messages look around in.
  const parser = createParser(tokens);
  parser.buildParseTrees = buildTree;

  // Stage 1: SLL, bail on the first error.
  if (knownMode !== 'LL') {
    parser.tokenStream = new SignificantTokenStream(tokens);
    parser.interpreter.predictionMode = PredictionMode.SLL;
    parser.errorHandler = new BailErrorStrategy();
    try {
      return { tree: parser.singleStatement(), errors: [], usedFullLL: false };
    } catch (error) {
      if (!(error instanceof ParseCancellationException)) return internalFailure(text, error);
    }
    tokens.seek(0);
    parser.tokenStream = tokens; // also resets the parser
  }

  // Stage 2: full LL with recovery and error collection.
  parser.interpreter.predictionMode = PredictionMode.LL;
  parser.errorHandler = new DefaultErrorStrategy();
  const listener = new CollectingErrorListener(text);
  parser.addErrorListener(listener);
  try {
    const tree = parser.singleStatement();
    parser.removeErrorListeners();
    return { tree, errors: listener.errors, usedFullLL: true };
  } catch (error) {
    return internalFailure(text, error);
  }
}

let snapshotLoaded = false;

/**
 * Installs the build's prediction snapshot before the first parse of this process (see
 * predictionSnapshot.ts). `FLINK_PILOT_NO_PREDICTION_SNAPSHOT=1` skips it (benchmarks compare
 * both). A missing or unusable snapshot only costs speed: parsing never depends on it.
 */
function loadSnapshotOnce(): void {
  snapshotLoaded = true;
  if (!PREDICTION_SNAPSHOT_JSON || process.env['FLINK_PILOT_NO_PREDICTION_SNAPSHOT'] === '1') return;
  try {
    loadPredictionSnapshot(JSON.parse(PREDICTION_SNAPSHOT_JSON) as PredictionSnapshot);
  } catch {
    // A snapshot that does not load leaves the DFA as it was: built on demand.
  }
}

/** Lexes and parses one statement, building its tree now. Never throws; see the module comment. */
export function parseStatement(text: string): ParsedStatement {
  const tokens = tokenizeStatement(text);
  const outcome = runParse(text, tokens, true);
  return { text, tokens, tree: outcome.tree, errors: outcome.errors, usedFullLL: outcome.usedFullLL };
}

/**
 * Statements whose tree and tokens stay in memory at once (most recently used). A 5,000-line
 * script has ~600 statements; a 50,000-line one would otherwise keep ~250 MB of trees alive.
 */
export const RETAINED_TREES = 2_000;
const retained = new Set<LazyParsedStatement>();

/**
 * A syntax-checked statement whose tree and tokens are built on first use (and rebuilt after
 * being dropped from the most-recently-used set). The rebuilt tree is the one the check saw:
 * same text, same prediction mode, same recovery.
 */
class LazyParsedStatement implements ParsedStatement {
  private cachedTree: SingleStatementContext | undefined;
  private cachedTokens: CommonTokenStream | undefined;

  constructor(
    readonly text: string,
    readonly errors: readonly SqlSyntaxError[],
    readonly usedFullLL: boolean,
    readonly features: readonly UsedFeature[],
  ) {}

  get tokens(): CommonTokenStream {
    this.touch();
    this.cachedTokens ??= tokenizeStatement(this.text);
    return this.cachedTokens;
  }

  get tree(): SingleStatementContext {
    this.touch();
    if (!this.cachedTree) {
      const tokens = this.tokens;
      this.cachedTree = runParse(this.text, tokens, true, this.usedFullLL ? 'LL' : 'SLL').tree;
      tokens.seek(0);
    }
    return this.cachedTree;
  }

  private touch(): void {
    if (retained.has(this)) {
      retained.delete(this);
    } else if (retained.size >= RETAINED_TREES) {
      const oldest = retained.values().next().value;
      if (oldest) {
        retained.delete(oldest);
        oldest.cachedTree = undefined;
        oldest.cachedTokens = undefined;
      }
    }
    retained.add(this);
  }
}

/** A language feature a statement uses, found while checking it (for version gates). */
export interface UsedFeature {
  /** Key of VERSION_GATES in versionGates.ts. */
  gate: string;
  start: number;
  end: number;
}

/**
 * Syntax check of one statement for document analysis: errors now, tree and tokens on demand.
 * `findFeatures` runs over the tokens while they are at hand (see versionGates.ts).
 */
export function checkStatementSyntax(text: string, findFeatures?: (tokens: readonly Token[]) => UsedFeature[]): ParsedStatement & { readonly features: readonly UsedFeature[] } {
  const tokens = tokenizeStatement(text);
  const outcome = runParse(text, tokens, false);
  const features = outcome.errors.length === 0 && findFeatures ? findFeatures(tokens.getTokens()) : [];
  return new LazyParsedStatement(text, outcome.errors, outcome.usedFullLL, features);
}

function findTooDeepNesting(tokens: CommonTokenStream): Token | null {
  let depth = 0;
  for (const token of tokens.getTokens()) {
    if (token.type === FlinkSqlParser.LPAREN && ++depth > MAX_NESTING_DEPTH) return token;
    if (token.type === FlinkSqlParser.RPAREN && depth > 0) depth--;
  }
  return null;
}

/**
 * The generated parser should never throw with the default strategy; if it ever does (a bug), the
 * statement still gets a diagnostic instead of taking the server down.
 */
function internalFailure(text: string, cause: unknown): ParseOutcome {
  // Deeply nested input can exhaust the call stack of the recursive-descent parser.
  const reason = cause instanceof RangeError ? 'it is nested too deeply' : cause instanceof Error ? cause.message : String(cause);
  return {
    tree: new SingleStatementContext(null, -1),
    errors: [{ code: 'syntax-error', message: `could not check this statement (${reason})`, start: 0, end: Math.min(text.length, 1), line: 0, column: 0 }],
    usedFullLL: true,
  };
}
