// Wires the protocol-agnostic language services to an LSP connection. Handlers stay thin: pick the
// features for the document kind, call them, and never let an exception in a service reach the
// connection (it is logged and the request answers with an empty result).
import {
  type Connection,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageFeatures, SqlFileContext } from '../languageService/languageFeatures';
import { createJobFileLanguageFeatures, isClusterDefinitionsUri, isProjectDefinitionsUri } from '../languageService/jobFile/jobFileLanguageFeatures';
import { createSqlLanguageFeatures } from '../languageService/sql/sqlLanguageFeatures';
import { toVersionLine } from '../languageService/catalog/flinkVersions';
import { LOCAL_CLUSTERS_NOTIFICATION, type LocalClustersParams, type ServerSettings } from '../protocol';
import { DiagnosticScheduler } from './diagnosticScheduler';
import { settingsFrom } from './serverSettings';

/** Completion trigger characters: qualified names, option keys/values, `${var}` variables. */
export const COMPLETION_TRIGGER_CHARACTERS = ['.', "'", '$', '{'];

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: ServerSettings = {};

  const log = (where: string, error: unknown) => {
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    connection.console.error(`flink-pilot language server: ${where} failed: ${detail}`);
  };
  /** Runs a service call; any exception is logged and turned into `fallback`. */
  function guarded<T>(where: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      log(where, error);
      return fallback;
    }
  }

  // Job files (`*.flink.yaml`, `.flink/clusters.yaml`) get job-file features; everything else is Flink SQL.
  // Names of the local clusters running now, as the client reports them (LOCAL_CLUSTERS_NOTIFICATION).
  let localClusterNames: readonly string[] = [];
  const jobFeatures = createJobFileLanguageFeatures({
    defaultFlinkVersion: () => toVersionLine(settings.flinkVersion),
    openDocumentText: (uri) => documents.get(uri)?.getText(),
    extraClusterNames: () => localClusterNames,
  });
  // A SQL file's version and variables come from the job file that references it, else the
  // `flinkPilot.flinkVersion` setting, else the newest supported version.
  const sqlContext = (uri: string): SqlFileContext =>
    guarded('job file context', undefined, () => jobFeatures.sqlFileContext(uri)) ?? {
      flinkVersion: toVersionLine(settings.flinkVersion),
      variables: {},
    };
  const sqlFeatures = createSqlLanguageFeatures(sqlContext);
  const isJobDocument = (uri: string) => guarded('handles', false, () => jobFeatures.handles(uri));
  const featuresFor = (uri: string): LanguageFeatures => (isJobDocument(uri) ? jobFeatures : sqlFeatures);

  const diagnostics = new DiagnosticScheduler((uri) => {
    const document = documents.get(uri);
    if (!document) return;
    const features = featuresFor(uri);
    const found = guarded(`diagnostics of ${uri}`, [], () => features.diagnostics(document));
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: found });
  });
  const revalidateAll = () => {
    for (const document of documents.all()) diagnostics.schedule(document.uri);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings = settingsFrom(params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    guarded('workspace folders', undefined, () => jobFeatures.setWorkspaceFolders(folders));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'flink-pilot-language-server', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(({ settings: changed }) => {
    settings = settingsFrom(changed, settings);
    revalidateAll();
  });
  // Job files and cluster definitions changed on disk: the context of SQL files may have changed.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) guarded('file change', undefined, () => jobFeatures.fileChanged(change.uri));
    revalidateAll();
  });

  connection.onNotification(LOCAL_CLUSTERS_NOTIFICATION, (params: LocalClustersParams | undefined) => {
    const names = Array.isArray(params?.names) ? params.names.filter((n): n is string => typeof n === 'string') : [];
    localClusterNames = names;
    guarded('local clusters', undefined, () => jobFeatures.clusterNamesChanged());
    revalidateAll();
  });

  documents.onDidChangeContent(({ document }) => {
    diagnostics.schedule(document.uri);
    if (isClusterDefinitionsUri(document.uri) || isProjectDefinitionsUri(document.uri)) {
      // Cluster and project definitions: every job file may name them (and SQL follows job files).
      guarded('file change', undefined, () => jobFeatures.fileChanged(document.uri));
      for (const other of documents.all()) if (other.uri !== document.uri) diagnostics.schedule(other.uri);
    } else if (isJobDocument(document.uri)) {
      // A job file's edit can change the version or variables of the SQL files it references.
      for (const other of documents.all()) if (!isJobDocument(other.uri)) diagnostics.schedule(other.uri);
    }
  });
  documents.onDidClose(({ document }) => {
    diagnostics.cancel(document.uri);
    guarded('forget', undefined, () => featuresFor(document.uri).forget?.(document.uri));
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** Looks up the open document and its features, then runs `run` guarded. */
  function withDocument<T>(where: string, uri: string, fallback: T, run: (features: LanguageFeatures, document: TextDocument) => T): T {
    const document = documents.get(uri);
    if (!document) return fallback;
    const features = featuresFor(uri);
    return guarded(`${where} in ${uri}`, fallback, () => run(features, document));
  }

  connection.onCompletion(({ textDocument, position }) =>
    withDocument('completion', textDocument.uri, [], (f, d) => f.completion?.(d, position) ?? []));
  connection.onCompletionResolve((item) => {
    const uri = (item.data as { uri?: string } | undefined)?.uri;
    const features = uri ? featuresFor(uri) : sqlFeatures;
    return guarded('completion resolve', item, () => features.resolveCompletion?.(item) ?? item);
  });
  connection.onHover(({ textDocument, position }) =>
    withDocument('hover', textDocument.uri, null, (f, d) => f.hover?.(d, position) ?? null));
  connection.onDefinition(({ textDocument, position }) =>
    withDocument('definition', textDocument.uri, null, (f, d) => f.definition?.(d, position) ?? null));
  connection.onReferences(({ textDocument, position, context }) =>
    withDocument('references', textDocument.uri, [], (f, d) => f.references?.(d, position, context.includeDeclaration) ?? []));
  connection.onPrepareRename(({ textDocument, position }) =>
    withDocument('prepareRename', textDocument.uri, null, (f, d) => f.prepareRename?.(d, position) ?? null));
  connection.onRenameRequest(({ textDocument, position, newName }) =>
    withDocument('rename', textDocument.uri, null, (f, d) => f.rename?.(d, position, newName) ?? null));
  connection.onDocumentSymbol(({ textDocument }) =>
    withDocument('documentSymbol', textDocument.uri, [], (f, d) => f.documentSymbols?.(d) ?? []));
  connection.onFoldingRanges(({ textDocument }) =>
    withDocument('foldingRange', textDocument.uri, [], (f, d) => f.foldingRanges?.(d) ?? []));
  connection.onDocumentLinks(({ textDocument }) =>
    withDocument('documentLink', textDocument.uri, [], (f, d) => f.documentLinks?.(d) ?? []));

  connection.onCodeAction(({ textDocument, range, context }) =>
    withDocument('codeAction', textDocument.uri, [], (f, d) => f.codeActions?.(d, range, context.diagnostics) ?? []));

  connection.onShutdown(() => diagnostics.dispose());
  documents.listen(connection);
}
