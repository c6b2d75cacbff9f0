// Flink SQL language features: the LanguageFeatures of `*.flink.sql` documents. Per document it keeps
// the incremental syntax analysis (SqlDocumentAnalyzer: statements parsed once, cached by text) and
// the script model built on it; every feature works on the model of the document's current text.
import type { CompletionItem, Diagnostic, DocumentLink, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageFeatures, SqlContextProvider, SqlFileContext } from '../languageFeatures';
import { modelAfterEdit } from './editedScript';
import { ScriptModel } from './scriptModel';
import { semanticDiagnostics } from './semanticDiagnostics';
import { resolveSqlCompletion, sqlCompletion } from './sqlCompletion';
import { SqlDocumentAnalyzer } from './sqlDocument';
import { sqlHover } from './sqlHover';
import { sqlDefinition, sqlPrepareRename, sqlReferences, sqlRename } from './sqlNavigation';
import { sqlDocumentLinks } from './sqlDocumentLinks';
import { sqlQuickFixes } from './sqlQuickFixes';
import { sqlDocumentSymbols, sqlFoldingRanges } from './sqlOutline';

interface DocumentState {
  analyzer: SqlDocumentAnalyzer;
  model?: ScriptModel;
  version?: string;
  /** Model derived from `model` for a text edited since (completion while typing). */
  typing?: ScriptModel;
}

/** Runs `run`; any exception becomes `fallback` (a feature must never throw). */
function safely<T>(fallback: T, run: () => T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

export function createSqlLanguageFeatures(getContext: SqlContextProvider): LanguageFeatures & {
  /** The script model of a document's current text (tests, benchmarks, the CLI). */
  model(document: TextDocument): ScriptModel;
} {
  const states = new Map<string, DocumentState>();

  function contextOf(uri: string): SqlFileContext {
    return safely<SqlFileContext>({ flinkVersion: '2.3', variables: {} }, () => getContext(uri));
  }

  function stateOf(uri: string): DocumentState {
    let state = states.get(uri);
    if (!state) {
      state = { analyzer: new SqlDocumentAnalyzer() };
      states.set(uri, state);
    }
    return state;
  }

  function modelAndAnalysis(document: TextDocument) {
    const context = contextOf(document.uri);
    const state = stateOf(document.uri);
    const text = document.getText();
    if (!state.model || state.model.text !== text || state.version !== context.flinkVersion) {
      const analysis = state.analyzer.analyze(text, context.flinkVersion);
      state.model = new ScriptModel(text, analysis.statements);
      state.version = context.flinkVersion;
      lastAnalysis.set(document.uri, analysis.diagnostics);
    }
    return { model: state.model, context, syntax: lastAnalysis.get(document.uri) ?? [] };
  }
  const lastAnalysis = new Map<string, readonly Diagnostic[]>();

  const model = (document: TextDocument) => modelAndAnalysis(document).model;

  return {
    model,
    diagnostics(document: TextDocument): Diagnostic[] {
      return safely([], () => {
        const { model: m, context, syntax } = modelAndAnalysis(document);
        const semantic = safely([], () => semanticDiagnostics(m, document, context));
        return [...syntax, ...semantic];
      });
    },
    completion(document: TextDocument, position: Position): CompletionItem[] {
      return safely([], () => {
        const context = contextOf(document.uri);
        const state = stateOf(document.uri);
        const text = document.getText();
        // While typing, answer from the last model plus the re-tokenized statement (no parse).
        if (state.model && state.model.text !== text && state.version === context.flinkVersion) {
          const typing = state.typing?.text === text ? state.typing : safely(undefined, () => modelAfterEdit(state.model!, text));
          if (typing) {
            state.typing = typing;
            return sqlCompletion({ model: typing, document, offset: document.offsetAt(position), context });
          }
        }
        const { model: m } = modelAndAnalysis(document);
        return sqlCompletion({ model: m, document, offset: document.offsetAt(position), context });
      });
    },
    resolveCompletion(item: CompletionItem): CompletionItem {
      return safely(item, () => resolveSqlCompletion(item));
    },
    hover(document, position) {
      return safely(null, () => {
        const { model: m, context } = modelAndAnalysis(document);
        return sqlHover(m, document, document.offsetAt(position), context);
      });
    },
    definition(document, position) {
      return safely(null, () => {
        const found = sqlDefinition(model(document), document, document.offsetAt(position));
        return found.length ? found : null;
      });
    },
    references(document, position, includeDeclaration) {
      return safely([], () => sqlReferences(model(document), document, document.offsetAt(position), includeDeclaration));
    },
    prepareRename(document, position) {
      return safely(null, () => sqlPrepareRename(model(document), document, document.offsetAt(position)));
    },
    rename(document, position, newName) {
      return safely(null, () => sqlRename(model(document), document, document.offsetAt(position), newName));
    },
    documentSymbols(document) {
      return safely([], () => sqlDocumentSymbols(model(document), document));
    },
    foldingRanges(document) {
      return safely([], () => sqlFoldingRanges(model(document), document));
    },
    documentLinks(document: TextDocument): DocumentLink[] {
      return safely([], () => sqlDocumentLinks(model(document), document));
    },
    codeActions(document, _range, diagnostics) {
      return safely([], () => sqlQuickFixes(document, diagnostics));
    },
    forget(uri: string): void {
      states.delete(uri);
      lastAnalysis.delete(uri);
    },
  };
}
