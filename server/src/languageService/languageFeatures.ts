// The contract between the thin LSP handlers and the protocol-agnostic language services.
// Each document kind (Flink SQL, job YAML) implements it with pure functions over text; the
// handlers pick the implementation by document and convert nothing but positions they already share.
import type {
  CompletionItem,
  Definition,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FlinkVersionLine } from '../protocol';

/** What a SQL file inherits from the job file that references it (cross-file context). */
export interface SqlFileContext {
  /** The Flink version the SQL is checked against. */
  flinkVersion: FlinkVersionLine;
  /** `${name}` variables defined by the job file (name → value). */
  variables: Record<string, string>;
  /** URI of the job file this context came from, if any. */
  jobFileUri?: string;
}

/** Resolves the context of a SQL document (job file referencing it, else settings, else newest). */
export type SqlContextProvider = (sqlDocumentUri: string) => SqlFileContext;

/** Language features of one document kind. Every method must never throw on any input. */
export interface LanguageFeatures {
  diagnostics(document: TextDocument): Diagnostic[];
  completion?(document: TextDocument, position: Position): CompletionItem[];
  resolveCompletion?(item: CompletionItem): CompletionItem;
  hover?(document: TextDocument, position: Position): Hover | null;
  definition?(document: TextDocument, position: Position): Definition | null;
  references?(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  prepareRename?(document: TextDocument, position: Position): { range: import('vscode-languageserver-types').Range; placeholder: string } | null;
  rename?(document: TextDocument, position: Position, newName: string): WorkspaceEdit | null;
  documentSymbols?(document: TextDocument): DocumentSymbol[];
  foldingRanges?(document: TextDocument): FoldingRange[];
  documentLinks?(document: TextDocument): DocumentLink[];
  /** Quick fixes for the diagnostics in `range` (e.g. "did you mean", renamed options). */
  codeActions?(document: TextDocument, range: import('vscode-languageserver-types').Range, diagnostics: Diagnostic[]): import('vscode-languageserver-types').CodeAction[];
  /** Called when a document closes, so caches keyed by it can be dropped. */
  forget?(uri: string): void;
}
