// Incremental syntax analysis of a whole Flink SQL document.
//
// Public API:
//   class SqlDocumentAnalyzer — one per open document (keeps that document's cache).
//     analyze(text, flinkVersion): SqlDocumentAnalysis
//       Splits the text into statements (statementSplitter.ts; after an edit only around the change)
//       and syntax-checks each one
//       (parseStatement.checkStatementSyntax: trees and tokens are built when first used and only
//       the most recently used ones are kept). Results are cached by statement TEXT, so after an edit only the
//       statements whose text changed are parsed again; statements that merely moved (lines
//       inserted above) are reused with shifted positions. The cache holds the statements of the
//       last analysed text plus the 64 most recently dropped ones (undo, retyping), so memory
//       follows the document. Never throws.
//     lastRun: how many statements the last analyze() parsed vs reused (for tests and benchmarks).
//   SqlDocumentAnalysis — statements in order, all syntax diagnostics, statementAt(offset).
//   StatementAnalysis — one statement: its split (text, range), its ParsedStatement (tree, tokens,
//     errors; positions relative to the statement) and its diagnostics in document positions.
//   SQL_DIAGNOSTIC_CODES — the stable `code`s of the diagnostics produced here.
//
// Diagnostics produced here (all `source: "flinksql"`): syntax errors (codes of SqlSyntaxErrorCode),
// `needs-newer-flink` (versionGates.ts), and the SQL-client statement-set rules
// (`statement-set-only-insert`, `statement-set-end-without-begin`, `statement-set-not-closed`).
// An error in one statement never affects the analysis of another.
import { DiagnosticSeverity, type Diagnostic, type Position, type Range } from 'vscode-languageserver-types';
import { SQL_DIAGNOSTIC_SOURCE, type FlinkVersionLine } from '../../protocol';
import { checkStatementSyntax, type ParsedStatement } from './parseStatement';
import { resplitDocument, splitDocument, type DocumentSplit, type SplitStatement } from './statementSplitter';
import { findUsedFeatures, findVersionGateViolations } from './versionGates';

export const SQL_DIAGNOSTIC_CODES = {
  syntaxError: 'syntax-error',
  unterminatedString: 'unterminated-string',
  unterminatedIdentifier: 'unterminated-identifier',
  unterminatedComment: 'unterminated-comment',
  invalidCharacter: 'invalid-character',
  doubleQuotedString: 'double-quoted-string',
  nestingTooDeep: 'nesting-too-deep',
  needsNewerFlink: 'needs-newer-flink',
  statementSetOnlyInsert: 'statement-set-only-insert',
  statementSetEndWithoutBegin: 'statement-set-end-without-begin',
  statementSetNotClosed: 'statement-set-not-closed',
} as const;

/** A finding positioned relative to its statement's text (cached with the parse). */
interface RelativeFinding {
  start: number;
  end: number;
  message: string;
  code: string;
  severity: DiagnosticSeverity;
}

interface CacheEntry {
  parsed: ParsedStatement;
  /** Syntax + version findings per Flink version (version gates depend on it). */
  findings: Map<FlinkVersionLine, RelativeFinding[]>;
}

/** One statement of an analysed document. */
export class StatementAnalysis {
  private documentDiagnostics: Diagnostic[] | undefined;

  constructor(
    /** Position of the statement in `SqlDocumentAnalysis.statements`. */
    readonly index: number,
    /** Text and document range of the statement. */
    readonly statement: SplitStatement,
    /** Parse tree, tokens and syntax errors; positions relative to `statement.text`. */
    readonly parsed: ParsedStatement,
    private readonly findings: readonly RelativeFinding[],
  ) {}

  /** Diagnostics of this statement in document positions. */
  get diagnostics(): readonly Diagnostic[] {
    this.documentDiagnostics ??= this.findings.map((f) => this.toDiagnostic(f));
    return this.documentDiagnostics;
  }

  /** Document position of an offset relative to the statement text. */
  positionAt(relativeOffset: number): Position {
    const text = this.statement.text;
    const offset = Math.max(0, Math.min(relativeOffset, text.length));
    let line = 0;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return line === 0
      ? { line: this.statement.line, character: this.statement.column + offset }
      : { line: this.statement.line + line, character: offset - lineStart };
  }

  /** Offset relative to the statement text of a document offset (may be outside the statement). */
  relativeOffset(documentOffset: number): number {
    return documentOffset - this.statement.start;
  }

  /** Document range of relative offsets [start, end). */
  rangeOf(relativeStart: number, relativeEnd: number): Range {
    return { start: this.positionAt(relativeStart), end: this.positionAt(relativeEnd) };
  }

  private toDiagnostic(f: RelativeFinding): Diagnostic {
    return { range: this.rangeOf(f.start, f.end), message: f.message, severity: f.severity, code: f.code, source: SQL_DIAGNOSTIC_SOURCE };
  }
}

export interface SqlDocumentAnalysis {
  readonly text: string;
  readonly flinkVersion: FlinkVersionLine;
  /** Every statement in document order (empty statements and comments-only parts are skipped). */
  readonly statements: readonly StatementAnalysis[];
  /** Every diagnostic of the document, in document order. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The statement that contains `offset`, or whose terminating ';' is at `offset`, or — between
   * statements — the one that ends last before it (completion after a finished statement still
   * has context). Undefined before the first statement.
   */
  statementAt(offset: number): StatementAnalysis | undefined;
}

class DocumentAnalysis implements SqlDocumentAnalysis {
  private cachedDiagnostics: Diagnostic[] | undefined;

  constructor(
    readonly text: string,
    readonly flinkVersion: FlinkVersionLine,
    readonly statements: readonly StatementAnalysis[],
    private readonly documentFindings: readonly Diagnostic[],
  ) {}

  get diagnostics(): readonly Diagnostic[] {
    if (!this.cachedDiagnostics) {
      const all: Diagnostic[] = [];
      for (const s of this.statements) if (s.diagnostics.length) all.push(...s.diagnostics);
      all.push(...this.documentFindings);
      all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      this.cachedDiagnostics = all;
    }
    return this.cachedDiagnostics;
  }

  statementAt(offset: number): StatementAnalysis | undefined {
    // Binary search over statement starts.
    let lo = 0;
    let hi = this.statements.length - 1;
    let found: StatementAnalysis | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.statements[mid]!;
      if (s.statement.start <= offset) {
        found = s;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

/** Incremental analyser of one document; see the module comment. */
/** Statements of earlier versions kept for a while: undo and retyping find their parse again. */
const RECENTLY_DROPPED = 64;

export class SqlDocumentAnalyzer {
  private cache = new Map<string, CacheEntry>();
  private recent = new Map<string, CacheEntry>();
  /** The split of the last analysed text: the next text is split incrementally from it. */
  private lastSplit: DocumentSplit | undefined;
  /** Statements parsed vs reused from the cache by the last analyze(). */
  lastRun = { parsed: 0, reused: 0 };

  analyze(text: string, flinkVersion: FlinkVersionLine): SqlDocumentAnalysis {
    this.lastSplit = this.lastSplit ? resplitDocument(this.lastSplit, text) : splitDocument(text);
    const split = this.lastSplit.statements;
    const nextCache = new Map<string, CacheEntry>();
    const statements: StatementAnalysis[] = [];
    let parsedCount = 0;
    let reusedCount = 0;
    for (let i = 0; i < split.length; i++) {
      const statement = split[i]!;
      let entry = nextCache.get(statement.text) ?? this.cache.get(statement.text) ?? this.recent.get(statement.text);
      if (entry) {
        reusedCount++;
      } else {
        entry = { parsed: checkStatementSyntax(statement.text, findUsedFeatures), findings: new Map() };
        parsedCount++;
      }
      nextCache.set(statement.text, entry);
      let findings = entry.findings.get(flinkVersion);
      if (!findings) {
        findings = statementFindings(entry.parsed, flinkVersion);
        entry.findings.set(flinkVersion, findings);
      }
      statements.push(new StatementAnalysis(i, statement, entry.parsed, findings));
    }
    for (const [key, entry] of this.cache) {
      if (nextCache.has(key)) continue;
      this.recent.delete(key);
      this.recent.set(key, entry);
    }
    while (this.recent.size > RECENTLY_DROPPED) this.recent.delete(this.recent.keys().next().value!);
    this.cache = nextCache;
    this.lastRun = { parsed: parsedCount, reused: reusedCount };
    return new DocumentAnalysis(text, flinkVersion, statements, statementSetFindings(statements));
  }

  /** Drops every cached parse (e.g. when the document closes). */
  clear(): void {
    this.cache.clear();
    this.recent.clear();
    this.lastSplit = undefined;
  }
}

function statementFindings(parsed: ParsedStatement, version: FlinkVersionLine): RelativeFinding[] {
  const findings: RelativeFinding[] = parsed.errors.map((e) => ({
    start: e.start, end: e.end, message: e.message, code: e.code, severity: DiagnosticSeverity.Error,
  }));
  for (const v of findVersionGateViolations(parsed, version)) {
    findings.push({ start: v.start, end: v.end, message: v.message, code: SQL_DIAGNOSTIC_CODES.needsNewerFlink, severity: DiagnosticSeverity.Error });
  }
  return findings;
}

/** Statement kinds Flink accepts between `BEGIN STATEMENT SET;` and `END;`. */
function isStatementSetMember(s: StatementAnalysis): boolean {
  const statement = s.parsed.tree.statement();
  if (!statement) return true; // nothing parsed: the syntax error says enough
  if (statement.insertStatement()) return true;
  const create = statement.createTable();
  if (create?.AS()) return true;
  return statement.replaceTableAs() !== null;
}

const BEGIN_STATEMENT_SET = /^BEGIN\s+STATEMENT\s+SET$/i;
const END_STATEMENT_SET = /^END$/i;

/** The SQL-client statement-set rules, which span several statements. */
function statementSetFindings(statements: readonly StatementAnalysis[]): Diagnostic[] {
  const findings: Diagnostic[] = [];
  let openedBy: StatementAnalysis | undefined;
  const diagnostic = (s: StatementAnalysis, code: string, message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Error): Diagnostic => ({
    range: s.rangeOf(0, s.statement.text.length), message, code, severity, source: SQL_DIAGNOSTIC_SOURCE,
  });
  for (const s of statements) {
    if (s.parsed.errors.length > 0) continue;
    // Decided from the text (no parse tree needed): error-free statements, comments trimmed.
    if (BEGIN_STATEMENT_SET.test(s.statement.text)) {
      if (openedBy) {
        findings.push(diagnostic(s, SQL_DIAGNOSTIC_CODES.statementSetOnlyInsert,
          `a statement set is already open (BEGIN STATEMENT SET at line ${openedBy.statement.line + 1}): close it with END; first`));
      } else {
        openedBy = s;
      }
      continue;
    }
    if (END_STATEMENT_SET.test(s.statement.text)) {
      if (!openedBy) {
        findings.push(diagnostic(s, SQL_DIAGNOSTIC_CODES.statementSetEndWithoutBegin,
          "END without a statement set: 'END;' closes a 'BEGIN STATEMENT SET;' above it"));
      }
      openedBy = undefined;
      continue;
    }
    if (openedBy && !isStatementSetMember(s)) {
      findings.push(diagnostic(s, SQL_DIAGNOSTIC_CODES.statementSetOnlyInsert,
        `only INSERT and CREATE TABLE ... AS statements are allowed in the statement set opened at line ${openedBy.statement.line + 1}; close it with END; first`));
    }
  }
  if (openedBy) {
    findings.push(diagnostic(openedBy, SQL_DIAGNOSTIC_CODES.statementSetNotClosed,
      "this statement set is never closed: add 'END;' after its INSERT statements", DiagnosticSeverity.Warning));
  }
  return findings;
}
