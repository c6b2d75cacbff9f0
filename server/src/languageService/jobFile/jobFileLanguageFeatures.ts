// Language features of job files (`*.flink.yaml`), cluster definitions (`.flink/clusters.yaml`) and
// build projects (`.flink/projects.yaml`):
// diagnostics at the exact node, completion of keys and values (every Flink option of the chosen
// version under `config:`), hover with description/type/default/recommendation, and links to the
// files a job references. Also answers the SQL service's question "which job file (version,
// variables) does this SQL file belong to?".
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  CodeActionKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type DocumentLink,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { JOB_FILE_DIAGNOSTIC_SOURCE, NEWEST_FLINK_VERSION, SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';
import type { LanguageFeatures, SqlFileContext } from '../languageFeatures';
import { analyzeClusterDefinitionsText, analyzeJobFileText, analyzeProjectDefinitionsText, jobFileVersion, referencedPaths, YamlSectionCache, type JobFileAnalysis, type JobFileProblem } from './jobFileAnalysis';
import { defaultLabel, keyDocumentation, shortDetail } from './jobFileDocumentation';
import { JobFileIndex, pathToUri, uriToPath } from './jobFileIndex';
import { clustersSchema, jobSchema, projectsSchema, type SchemaNode } from './jobFileSchemas';
import { caretContext, schemaAtPath } from './schemaNavigation';
import { isMap, isScalar, isSeq, lineStarts, nodeAtPath, nodeRange, pathAtOffset, positionOf } from './yamlTree';
import { parseDocument, type Node, type Pair } from 'yaml';

export interface JobFileLanguageOptions {
  /** Version for files that name none. Default: the newest. */
  defaultFlinkVersion?: () => FlinkVersionLine;
  /** Whether an absolute path exists. Default: the file system. */
  fileExists?: (path: string) => boolean;
  /** Reads a file from disk (cluster definitions that are not open). Default: the file system. */
  readFile?: (path: string) => string | undefined;
  /** Text of an open document by URI (so an edited, unsaved clusters.yaml counts). */
  openDocumentText?: (uri: string) => string | undefined;
  /** Workspace folders (paths or file URIs), for the job-file index. */
  workspaceFolders?: readonly string[];
  /** Cluster names known besides the definitions file (e.g. running local clusters, settings). */
  extraClusterNames?: () => readonly string[];
}

/** The job-file features plus the cross-file index the server keeps current. */
export interface JobFileLanguageFeatures extends LanguageFeatures {
  /** Context of a SQL file from the job file that references it; undefined when none does. */
  sqlFileContext(sqlDocumentUri: string): SqlFileContext | undefined;
  setWorkspaceFolders(folders: readonly string[]): void;
  /** A watched file (job file, clusters.yaml or projects.yaml) changed on disk. */
  fileChanged(uri: string): void;
  /** The extra cluster names (options.extraClusterNames) changed: job files are checked again. */
  clusterNamesChanged(): void;
  /** Whether this service handles the URI (job file, cluster definitions or build projects). */
  handles(uri: string): boolean;
}

export function isJobFileUri(uri: string): boolean {
  return /\.flink\.ya?ml$/i.test(uri);
}

export function isClusterDefinitionsUri(uri: string): boolean {
  return /(^|[\\/])\.flink[\\/]clusters\.ya?ml$/i.test(uri);
}

export function isProjectDefinitionsUri(uri: string): boolean {
  return /(^|[\\/])\.flink[\\/]projects\.ya?ml$/i.test(uri);
}

const SEVERITY: Record<JobFileProblem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(document: TextDocument, problem: JobFileProblem): Diagnostic {
  const start = problem.offset !== undefined ? document.positionAt(problem.offset) : { line: problem.line - 1, character: problem.column - 1 };
  const end = problem.endOffset !== undefined ? document.positionAt(problem.endOffset) : { line: problem.endLine - 1, character: problem.endColumn - 1 };
  return {
    range: { start, end },
    severity: SEVERITY[problem.severity],
    code: problem.code,
    source: JOB_FILE_DIAGNOSTIC_SOURCE,
    message: problem.message,
    ...(problem.replacement !== undefined ? { data: { replacement: problem.replacement } } : {}),
  };
}

export function createJobFileLanguageFeatures(options: JobFileLanguageOptions = {}): JobFileLanguageFeatures {
  const defaultVersion = options.defaultFlinkVersion ?? (() => NEWEST_FLINK_VERSION);
  const fileExists = options.fileExists ?? ((path: string) => existsSync(path));
  const readFile =
    options.readFile ??
    ((path: string) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    });
  const index = new JobFileIndex(defaultVersion);
  index.setWorkspaceFolders(options.workspaceFolders ?? []);
  // Last analysis per document version: completion/hover/links reuse it instead of re-parsing.
  const analyses = new Map<string, { version: number; text: string; analysis: JobFileAnalysis }>();
  /** Names defined by a `.flink/` file (cluster or project names), by its path; undefined when unreadable. */
  const namesCache = new Map<string, string[] | undefined>();
  const sectionCaches = new Map<string, YamlSectionCache>();

  /** `.flink/<base>.yaml` nearest to a job file (walking up to the filesystem root). */
  function workspaceFilePathFor(jobFilePath: string, base: 'clusters' | 'projects'): string | undefined {
    for (let dir = dirname(jobFilePath); ; dir = dirname(dir)) {
      for (const name of [`${base}.yaml`, `${base}.yml`]) {
        const candidate = join(dir, '.flink', name);
        if (options.openDocumentText?.(pathToUri(candidate)) !== undefined || fileExists(candidate)) return candidate;
      }
      if (dirname(dir) === dir) return undefined;
    }
  }

  /** The names a `.flink/` file defines: from its open document (unsaved edits count), else from disk (cached). */
  function namesDefinedIn(file: string, namesOf: (text: string) => string[]): string[] | undefined {
    const open = options.openDocumentText?.(pathToUri(file));
    if (open !== undefined) return namesOf(open);
    if (!namesCache.has(file)) {
      const text = readFile(file);
      namesCache.set(file, text === undefined ? undefined : namesOf(text));
    }
    return namesCache.get(file);
  }

  function clusterNamesFor(jobFileUri: string): { names: string[]; file?: string } {
    const extra = [...(options.extraClusterNames?.() ?? [])];
    const jobPath = uriToPath(jobFileUri);
    const file = jobPath ? workspaceFilePathFor(jobPath, 'clusters') : undefined;
    if (!file) return { names: extra };
    const names = namesDefinedIn(file, (text) => analyzeClusterDefinitionsText(text).clusterNames);
    return { names: [...(names ?? []), ...extra], file };
  }

  /** Projects of the nearest `.flink/projects.yaml`; no file: no names (every `use:` is unknown). */
  function projectNamesFor(jobFileUri: string): { names: string[]; file?: string } {
    const jobPath = uriToPath(jobFileUri);
    const file = jobPath ? workspaceFilePathFor(jobPath, 'projects') : undefined;
    if (!file) return { names: [] };
    return { names: namesDefinedIn(file, (text) => analyzeProjectDefinitionsText(text).projectNames) ?? [], file };
  }

  function forgetNamesOf(uri: string): void {
    for (const key of [...namesCache.keys()]) if (pathToUri(key) === uri) namesCache.delete(key);
  }

  /** Job files check cluster and project names: after those change, their analyses are stale. */
  function forgetJobFileAnalyses(): void {
    for (const uri of [...analyses.keys()]) if (isJobFileUri(uri)) analyses.delete(uri);
  }

  function analyze(document: TextDocument): JobFileAnalysis {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.text.length === document.getText().length) return cached.analysis;
    const text = document.getText();
    let analysis: JobFileAnalysis;
    if (isClusterDefinitionsUri(document.uri) || isProjectDefinitionsUri(document.uri)) {
      analysis = isClusterDefinitionsUri(document.uri) ? { ...analyzeClusterDefinitionsText(text), version: defaultVersion() } : { ...analyzeProjectDefinitionsText(text), version: defaultVersion() };
      forgetNamesOf(document.uri);
      forgetJobFileAnalyses(); // they check their cluster and project names against this text
    } else {
      const jobPath = uriToPath(document.uri);
      analysis = analyzeJobFileText(text, {
        defaultVersion: defaultVersion(),
        fileExists: jobPath ? (written) => fileExists(isAbsolute(written) ? written : resolve(dirname(jobPath), written)) : undefined,
        clusterNames: clusterNamesFor(document.uri).names,
        projectNames: projectNamesFor(document.uri).names,
        sectionCache: sectionCaches.get(document.uri) ?? sectionCaches.set(document.uri, new YamlSectionCache()).get(document.uri),
      });
      index.updateOpenAnalysis(document.uri, analysis.value, analysis.version);
    }
    analyses.set(document.uri, { version: document.version, text, analysis });
    return analysis;
  }

  function rootSchema(uri: string, version: FlinkVersionLine): SchemaNode {
    if (isClusterDefinitionsUri(uri)) return clustersSchema();
    if (isProjectDefinitionsUri(uri)) return projectsSchema();
    return jobSchema(version);
  }

  /** Version for completion/hover: from the text even when the rest does not parse. */
  function versionOf(document: TextDocument): FlinkVersionLine {
    const analysis = analyze(document);
    if (analysis.document) return analysis.version;
    const text = document.getText();
    const match = /^flinkVersion:\s*["']?(\d+\.\d+)/m.exec(text);
    if (match && (SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(match[1]!)) return match[1] as FlinkVersionLine;
    return defaultVersion();
  }

  function completion(document: TextDocument, position: Position): CompletionItem[] {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const context = caretContext(text, offset);
    const version = versionOf(document);
    const root = rootSchema(document.uri, version);
    const range: Range = { start: document.positionAt(context.prefixStart), end: position };
    if (context.kind === 'key') {
      const parent = schemaAtPath(root, context.parentPath);
      if (!parent?.properties) return [];
      const inConfig = context.parentPath.length === 1 && context.parentPath[0] === 'config';
      const items: CompletionItem[] = [];
      for (const [key, schema] of Object.entries(parent.properties)) {
        if (key === '$schema' || context.siblings.includes(key)) continue;
        items.push(keyItem(key, schema, range, inConfig ? version : undefined));
      }
      for (const schema of Object.values(parent.patternProperties ?? {})) {
        const key = schema['x-flink-key'];
        if (key && !context.siblings.includes(key)) items.push(keyItem(key, schema, range, version));
      }
      return items;
    }
    const path = [...context.parentPath, context.key!];
    // `${` in a value (args, config): the job's variables.
    const variableStart = context.prefix.lastIndexOf('${');
    if (variableStart >= 0 && !context.prefix.slice(variableStart).includes('}')) {
      const start = document.positionAt(context.prefixStart + variableStart);
      return Object.entries(variablesOf(text)).map(([name, value]) => ({
        label: `\${${name}}`,
        kind: CompletionItemKind.Variable,
        detail: value,
        filterText: `\${${name}}`,
        textEdit: { range: { start, end: position }, newText: `\${${name}}` },
      }));
    }
    const schema = schemaAtPath(root, path);
    const values = new Map<string, { detail?: string; doc?: string; preselect?: boolean }>();
    if (schema) {
      for (const value of schema.flinkEnum ?? []) values.set(value, {});
      for (const value of schema.enum ?? []) if (typeof value === 'string' && !/^(TRUE|FALSE|True|False|true|false)$/.test(value)) values.set(value, {});
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (schema['x-flink-type'] === 'Boolean' || (types.includes('boolean') && !types.includes('string'))) for (const value of ['true', 'false']) values.set(value, {});
      const recommended = schema['x-recommended'];
      if (recommended) values.set(recommended.value, { detail: 'recommended', doc: recommended.reason, preselect: true });
      const fallback = defaultLabel(schema);
      if (fallback !== undefined && fallback !== '(none)' && !values.has(fallback)) values.set(fallback, { detail: 'Flink default' });
    }
    const last = path[path.length - 1];
    if (path.length === 1 && last === 'flinkVersion') for (const v of [...SUPPORTED_FLINK_VERSIONS].reverse()) values.set(`"${v}"`, { detail: `Flink ${v}` });
    if (path.length === 1 && last === 'cluster') {
      for (const name of clusterNamesFor(document.uri).names) values.set(name, { detail: 'cluster' });
      // A definition named `local` wins over the running local Flink (exact names resolve first).
      if (!isClusterDefinitionsUri(document.uri) && !values.has('local')) values.set('local', { detail: `the local Flink ${version} started by Flink Pilot` });
    }
    if (path.length === 3 && path[0] === 'jar' && path[1] === 'project' && last === 'use' && !isProjectDefinitionsUri(document.uri)) {
      for (const name of projectNamesFor(document.uri).names) values.set(name, { detail: 'project in .flink/projects.yaml' });
    }
    if (path.length === 1 && last === 'sql') for (const file of sqlFilesNear(document.uri)) values.set(file, { detail: 'SQL file' });
    if (path[0] === 'alerts' && path.includes('channels') && typeof last === 'number') {
      for (const name of channelNames(text)) values.set(name, { detail: 'alert channel' });
    }
    return [...values.entries()].map(([value, info], i) => ({
      label: value,
      kind: CompletionItemKind.Value,
      detail: info.detail,
      documentation: info.doc ? { kind: MarkupKind.Markdown, value: info.doc } : undefined,
      preselect: info.preselect,
      sortText: `${info.preselect ? '0' : '1'}${String(i).padStart(4, '0')}`,
      textEdit: { range, newText: value },
      filterText: value,
    }));
  }

  function keyItem(key: string, schema: SchemaNode, range: Range, flinkVersion?: FlinkVersionLine): CompletionItem {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const isObject = types.length === 1 && types[0] === 'object' && !schema['x-flink-type'];
    const isList = types.length === 1 && types[0] === 'array';
    const recommended = schema['x-recommended']?.value;
    const newText = isObject ? `${key}:\n  $0` : isList ? `${key}:\n  - $0` : recommended ? `${key}: \${1:${recommended.replace(/[$}\\]/g, '\\$&')}}` : `${key}: $0`;
    return {
      label: key,
      kind: CompletionItemKind.Property,
      detail: shortDetail(schema),
      documentation: { kind: MarkupKind.Markdown, value: keyDocumentation(key, schema, flinkVersion) },
      sortText: `${recommended ? '0' : '1'}${key}`,
      filterText: key,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText },
    };
  }

  function hover(document: TextDocument, position: Position): Hover | null {
    const analysis = analyze(document);
    if (!analysis.document) return null;
    const offset = document.offsetAt(position);
    const at = pathAtOffset(analysis.document, offset);
    if (!at || at.path.length === 0) return null;
    const root = rootSchema(document.uri, analysis.version);
    const schema = schemaAtPath(root, at.path);
    const key = String([...at.path].reverse().find((s) => typeof s === 'string') ?? '');
    if (!schema) {
      const retired = at.path[0] === 'config' && at.path.length === 2 ? jobSchema(analysis.version)['x-retired-options'][key] : undefined;
      if (!retired) return null;
      const value = `**${key}** — ${retired.deprecatedOnly ? `deprecated in Flink ${analysis.version}` : `removed in Flink ${retired.removedIn}`}${retired.replacement ? `. Use \`${retired.replacement}\`.` : '.'}${retired.note ? ` ${retired.note}` : ''}`;
      return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(document, at.scalar?.range) };
    }
    const flinkVersion = at.path[0] === 'config' ? analysis.version : undefined;
    return { contents: { kind: MarkupKind.Markdown, value: keyDocumentation(key, schema, flinkVersion) }, range: rangeOf(document, at.scalar?.range) };
  }

  function documentLinks(document: TextDocument): DocumentLink[] {
    if (isClusterDefinitionsUri(document.uri) || isProjectDefinitionsUri(document.uri)) return [];
    const analysis = analyze(document);
    const jobPath = uriToPath(document.uri);
    if (!analysis.document || !analysis.value || !jobPath) return [];
    const links: DocumentLink[] = [];
    for (const ref of referencedPaths(analysis.document, analysis.value)) {
      const target = isAbsolute(ref.written) ? ref.written : resolve(dirname(jobPath), ref.written);
      links.push({ range: rangeOf(document, ref.range)!, target: pathToUri(target), tooltip: `Open ${ref.what}` });
    }
    const cluster = nodeAtPath(analysis.document, ['cluster']);
    const definitions = clusterNamesFor(document.uri).file;
    if (cluster && definitions) {
      const name = String((cluster.node as { value?: unknown } | undefined)?.value ?? '');
      const line = definitionLine(definitions, 'clusters', name);
      links.push({ range: rangeOf(document, cluster.range)!, target: `${pathToUri(definitions)}${line ? `#L${line}` : ''}`, tooltip: 'Open the cluster definition' });
    }
    const use = nodeAtPath(analysis.document, ['jar', 'project', 'use']);
    const projects = use ? projectNamesFor(document.uri).file : undefined;
    if (use && projects) {
      const name = String((use.node as { value?: unknown } | undefined)?.value ?? '');
      const line = definitionLine(projects, 'projects', name);
      links.push({ range: rangeOf(document, use.range)!, target: `${pathToUri(projects)}${line ? `#L${line}` : ''}`, tooltip: 'Open the project definition' });
    }
    return links;
  }

  /** 1-based line where `name` is defined in a `.flink/` file: a list entry's `name:`, or a mapping key. */
  function definitionLine(file: string, section: 'clusters' | 'projects', name: string): number | undefined {
    const text = options.openDocumentText?.(pathToUri(file)) ?? readFile(file);
    if (!text) return undefined;
    try {
      const doc = parseDocument(text, { prettyErrors: false });
      const entries = (doc.toJS() as Record<string, unknown> | null)?.[section];
      let offset: number | undefined;
      if (Array.isArray(entries)) {
        const index = entries.findIndex((entry) => (entry as { name?: unknown } | null)?.name === name);
        if (index >= 0) offset = nodeAtPath(doc, [section, index, 'name'])?.range[0];
      } else if (entries && typeof entries === 'object') {
        offset = nodeAtPath(doc, [section, name])?.keyRange?.[0];
      }
      return offset !== undefined ? positionOf(lineStarts(text), offset).line + 1 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Outline: every key with its nested keys (list entries named by their `name`/`on`). */
  function documentSymbols(document: TextDocument): DocumentSymbol[] {
    const analysis = analyze(document);
    if (!analysis.document) return [];
    const symbolsOf = (node: unknown, depth: number): DocumentSymbol[] => {
      if (depth > 4) return [];
      if (isMap(node)) {
        const result: DocumentSymbol[] = [];
        for (const pair of node.items as Pair[]) {
          const keyRange = nodeRange(pair.key as Node);
          if (!keyRange || !isScalar(pair.key)) continue;
          const value = pair.value as Node | null;
          const full = nodeRange(value) ?? keyRange;
          const detail = isScalar(value) && value.value !== null ? String(value.value).split('\n')[0]!.slice(0, 60) : undefined;
          result.push({
            name: String(pair.key.value),
            detail,
            kind: isMap(value) ? SymbolKind.Object : isSeq(value) ? SymbolKind.Array : SymbolKind.Property,
            range: rangeOf(document, [keyRange[0], Math.max(keyRange[1], full[1])])!,
            selectionRange: rangeOf(document, keyRange)!,
            children: symbolsOf(value, depth + 1),
          });
        }
        return result;
      }
      if (isSeq(node)) {
        return (node.items as Node[]).flatMap((item, index) => {
          const range = nodeRange(item);
          if (!range || !isMap(item)) return [];
          const label = item.get('name') ?? item.get('on') ?? item.get('coordinates');
          return [{ name: label !== undefined && label !== null ? String(label) : `[${index}]`, kind: SymbolKind.Object, range: rangeOf(document, range)!, selectionRange: rangeOf(document, range)!, children: symbolsOf(item, depth + 1) }];
        });
      }
      return [];
    };
    return symbolsOf(analysis.document.contents, 0);
  }

  const guard = <T>(fallback: T, run: () => T): T => {
    try {
      return run();
    } catch {
      return fallback;
    }
  };

  return {
    handles: (uri) => isJobFileUri(uri) || isClusterDefinitionsUri(uri) || isProjectDefinitionsUri(uri),
    diagnostics: (document) => guard([], () => analyze(document).problems.map((problem) => toDiagnostic(document, problem))),
    completion: (document, position) => guard([], () => completion(document, position)),
    hover: (document, position) => guard(null, () => hover(document, position)),
    documentLinks: (document) => guard([], () => documentLinks(document)),
    documentSymbols: (document) => guard([], () => documentSymbols(document)),
    codeActions: (document, _range, diagnostics) => guard([], () => quickFixes(document, diagnostics)),
    forget(uri) {
      analyses.delete(uri);
      sectionCaches.delete(uri);
      index.closeDocument(uri);
    },
    sqlFileContext: (sqlUri) => guard(undefined, () => index.sqlFileContext(sqlUri)),
    setWorkspaceFolders: (folders) => index.setWorkspaceFolders(folders),
    clusterNamesChanged: forgetJobFileAnalyses,
    fileChanged(uri) {
      if (isClusterDefinitionsUri(uri) || isProjectDefinitionsUri(uri)) {
        const path = uriToPath(uri);
        if (path) namesCache.delete(path);
        analyses.clear(); // every job file's cluster and project checks depend on them
      } else if (isJobFileUri(uri)) index.fileChanged(uri);
    },
  };
}

/** "Did you mean", renamed options, quoting the version: each diagnostic that carries a replacement. */
function quickFixes(document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== JOB_FILE_DIAGNOSTIC_SOURCE) continue;
    const replacement = (diagnostic.data as { replacement?: unknown } | undefined)?.replacement;
    if (typeof replacement !== 'string') continue;
    const current = document.getText(diagnostic.range);
    actions.push({
      title: `Change \`${current}\` to \`${replacement}\``,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText: replacement }] } },
    });
  }
  return actions;
}

function rangeOf(document: TextDocument, range: readonly [number, number] | undefined): Range | undefined {
  return range ? { start: document.positionAt(range[0]), end: document.positionAt(range[1]) } : undefined;
}

/** `.sql` files next to a job file and one directory down, as paths relative to it. */
function sqlFilesNear(jobFileUri: string): string[] {
  const jobPath = uriToPath(jobFileUri);
  if (!jobPath) return [];
  const dir = dirname(jobPath);
  const found: string[] = [];
  const list = (relative: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isFile() && /\.sql$/i.test(entry.name)) found.push(path);
      else if (entry.isDirectory() && depth < 1 && !entry.name.startsWith('.') && entry.name !== 'node_modules' && entry.name !== 'target') list(path, depth + 1);
      if (found.length >= 200) return;
    }
  };
  list('', 0);
  return found.sort();
}

/** `variables:` of a job text (best effort while it is being edited). */
function variablesOf(text: string): Record<string, string> {
  try {
    const data = parseDocument(text, { prettyErrors: false, uniqueKeys: false }).toJS() as { variables?: Record<string, unknown> } | null;
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(data?.variables ?? {})) if (value === null || typeof value !== 'object') result[name] = String(value);
    return result;
  } catch {
    return {};
  }
}

function channelNames(text: string): string[] {
  const names: string[] = [];
  try {
    const data = parseDocument(text, { prettyErrors: false }).toJS() as { alerts?: { channels?: Array<{ name?: unknown }> } } | null;
    for (const channel of data?.alerts?.channels ?? []) if (typeof channel?.name === 'string') names.push(channel.name);
  } catch {
    // incomplete text: no names
  }
  return names;
}

/** Version of a job file text (re-exported for the SQL side, which may only have the text). */
export function flinkVersionOfJobFileText(text: string, fallback: FlinkVersionLine = NEWEST_FLINK_VERSION): FlinkVersionLine {
  try {
    return jobFileVersion(parseDocument(text, { prettyErrors: false }), text, fallback).version;
  } catch {
    return fallback;
  }
}
