// Analysis of job files (`*.flink.yaml`), cluster definitions (`.flink/clusters.yaml`) and build
// projects (`.flink/projects.yaml`): YAML syntax (the `yaml` package, with exact positions), the
// generated JSON Schemas (ajv), and the checks a schema cannot express (referenced files, clusters
// and projects, options the version removed, literal secrets, unknown Flink options with did-you-mean). Pure: no file system access except
// through the context callbacks, and it never throws on any input.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Pair } from 'yaml';
import { NEWEST_FLINK_VERSION, SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';
import { closestMatch } from '../catalog/closestMatch';
import { clusterDefinitionsValidator, clustersSchema, configOptionSchema, configOptionValidator, jobSchema, jobValidator, projectDefinitionsValidator, projectsSchema, type SchemaError, type SchemaNode } from './jobFileSchemas';
import { YamlSectionCache } from './yamlSections';
import { findPair, lineStarts, mapPairs, nodeAtPath, nodeRange, pointerToPath, positionOf, type YamlPath } from './yamlTree';

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** One finding, with its place: 1-based line/column for people, offsets for editors. */
export interface JobFileProblem {
  message: string;
  severity: ProblemSeverity;
  /** Stable code, e.g. `yaml-syntax`, `unknown-key`, `wrong-type`, `removed-option`, `missing-file`. */
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset?: number;
  endOffset?: number;
  /** Suggested replacement text for the range (did-you-mean, renamed option), for quick fixes. */
  replacement?: string;
}

export interface JobFileAnalysisContext {
  /** Whether a path written in the file (relative to the job file, or absolute) exists. Omitted: not checked. */
  fileExists?(writtenPath: string): boolean;
  /** Known cluster names; omitted: not checked. `local` and `local-<line>` are always known. */
  clusterNames?: readonly string[];
  /** Project names of `.flink/projects.yaml` (for `jar.project.use`); omitted: not checked. */
  projectNames?: readonly string[];
  /** Version used when the file names none (or an invalid one). Default: the newest. */
  defaultVersion?: FlinkVersionLine;
  /** Per-document cache: re-parses only the top-level sections an edit touched. */
  sectionCache?: YamlSectionCache;
}

export { YamlSectionCache };

export interface JobFileAnalysis {
  /** The file as plain data (aliases expanded) when it parsed to a mapping; present even with schema errors. */
  value?: Record<string, unknown>;
  problems: JobFileProblem[];
  /** The parsed YAML document (for completion, hover, links). */
  document?: Document.Parsed;
  /** The Flink version the file was checked against. */
  version: FlinkVersionLine;
  /** `flinkVersion` exactly as written (YAML would read an unquoted `1.20` as the number 1.2). */
  versionText?: string;
  /** Line start offsets of the text. */
  lineStarts: number[];
}

/** Job files are hand-written; anything this large is not one, and parsing it would stall the editor. */
export const MAX_JOB_FILE_BYTES = 1024 * 1024;

class ProblemSink {
  readonly problems: JobFileProblem[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly starts: number[]) {}

  add(range: readonly [number, number], severity: ProblemSeverity, code: string, message: string, replacement?: string): void {
    const key = `${range[0]}:${range[1]}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const start = positionOf(this.starts, range[0]);
    const end = positionOf(this.starts, Math.max(range[0], range[1]));
    this.problems.push({
      message,
      severity,
      code,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      offset: range[0],
      endOffset: Math.max(range[0], range[1]),
      ...(replacement !== undefined ? { replacement } : {}),
    });
  }
}

interface ParsedYaml {
  document?: Document.Parsed;
  value?: Record<string, unknown>;
  sink: ProblemSink;
  starts: number[];
}

/** YAML syntax, size and shape checks shared by job files and cluster definitions. */
function parseYaml(text: string, what: string, sectionCache?: YamlSectionCache): ParsedYaml {
  const starts = lineStarts(text);
  const sink = new ProblemSink(starts);
  const firstLineEnd = Math.min(text.length, starts[1] !== undefined ? starts[1] - 1 : text.length);
  if (text.length > MAX_JOB_FILE_BYTES) {
    sink.add([0, firstLineEnd], 'error', 'too-large', `This file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a ${what} is at most ${MAX_JOB_FILE_BYTES / 1024 / 1024} MB, so it was not analysed.`);
    return { sink, starts };
  }
  // Binary content: NUL or other C0 control characters that YAML forbids.
  const binary = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (binary) {
    sink.add([binary.index, binary.index + 1], 'error', 'binary', `This is not a text ${what}: it contains the control character U+${binary[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}.`);
    return { sink, starts };
  }
  if (text.trim() === '') {
    sink.add([0, 0], 'error', 'empty', `The ${what} is empty.`);
    return { sink, starts };
  }
  let documents: Document.Parsed[];
  try {
    const incremental = sectionCache?.parse(text);
    if (incremental) documents = [incremental];
    else
    // `uniqueKeys` is off: the library checks it pairwise (quadratic in the keys of a mapping); a Set below does it linearly.
    documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false }) as Document.Parsed[];
  } catch (cause) {
    sink.add([0, firstLineEnd], 'error', 'yaml-syntax', `Cannot parse the YAML: ${(cause as Error).message}`);
    return { sink, starts };
  }
  if (!Array.isArray(documents) || documents.length === 0) {
    sink.add([0, 0], 'error', 'empty', `The ${what} has no content.`);
    return { sink, starts };
  }
  const document = documents[0]!;
  for (const extra of documents.slice(1)) {
    const range = nodeRange(extra.contents as Node) ?? [text.length, text.length];
    sink.add(range, 'error', 'multiple-documents', `A ${what} holds one YAML document; this second document (after \`---\`) is ignored.`);
  }
  for (const error of [...document.errors, ...document.warnings]) {
    const [start, rawEnd] = error.pos;
    // A duplicate key is reported at its first character: cover the whole key.
    const end = error.code === 'DUPLICATE_KEY' ? start + (/^("[^"\n]*"|'[^'\n]*'|[^:\n#]*[^:\s#])/.exec(text.slice(start))?.[0].length ?? rawEnd - start) : rawEnd;
    const message = error.code === 'DUPLICATE_KEY' ? `Duplicate key: ${JSON.stringify(text.slice(start, end))} is already set above in the same mapping.` : error.code === 'TAB_AS_INDENT' ? 'Tabs are not allowed for indentation in YAML: indent with spaces.' : error.message.split('\n')[0]!;
    sink.add([start, Math.max(end, start + 1)], error.name === 'YAMLWarning' ? 'warning' : 'error', error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax', message);
  }
  // Duplicate keys, at the second (and later) occurrence.
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items as Pair[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          const range = nodeRange(pair.key as Node) ?? [0, 0];
          sink.add(range, 'error', 'duplicate-key', `Duplicate key: ${JSON.stringify(key)} is already set above in the same mapping.`);
        }
        seen.add(key);
      }
    },
  });
  // Aliases: undefined anchors are errors; the others are expanded (with a note, since they hide values from review).
  const anchors = new Set<string>();
  visit(document, {
    Node(_key, node) {
      if (!isAlias(node) && node.anchor) anchors.add(node.anchor);
      if (isAlias(node)) {
        const range = nodeRange(node) ?? [0, 0];
        if (!anchors.has(node.source)) sink.add(range, 'error', 'unknown-alias', `Unknown alias *${node.source}: no anchor &${node.source} is defined before it.`);
        else sink.add(range, 'information', 'alias', `Alias *${node.source} is expanded to the value of &${node.source}; findings about that value are reported at the anchor.`);
      }
    },
  });
  if (document.errors.length > 0) return { document, sink, starts };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    sink.add([0, firstLineEnd], 'error', 'yaml-aliases', `Cannot expand the YAML aliases: ${(cause as Error).message}`);
    return { document, sink, starts };
  }
  if (value === null || value === undefined) {
    sink.add([0, 0], 'error', 'empty', `The ${what} has no content.`);
    return { document, sink, starts };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    sink.add(nodeRange(document.contents as Node) ?? [0, firstLineEnd], 'error', 'not-a-mapping', `A ${what} is a YAML mapping of keys (\`name: …\`), not ${Array.isArray(value) ? 'a list' : 'a single value'}.`);
    return { document, sink, starts };
  }
  return { document, value: value as Record<string, unknown>, sink, starts };
}

// ------------------------------------------------------------------------------------------------
// Schema errors → positioned, human messages

function describeValue(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the text ${JSON.stringify(data.length > 40 ? `${data.slice(0, 40)}…` : data)}`;
  return `${typeof data === 'number' ? 'the number' : 'the boolean'} ${String(data)}`;
}

const FLINK_TYPE_EXPECTATIONS: Record<string, string> = {
  Boolean: '`true` or `false`',
  Integer: 'an integer',
  Long: 'an integer',
  Double: 'a number',
  Float: 'a number',
  Duration: 'a Duration such as `30 s`, `5 min`, `PT1M` or a number of milliseconds',
  MemorySize: 'a MemorySize such as `512 mb`, `2g` or a number of bytes',
  Enum: 'one of the listed values',
  'List<String>': 'a list (YAML list or `a;b`)',
  'List<Enum>': 'a list of values (YAML list or `A;B`)',
  Map: 'a map (YAML mapping or `k1:v1,k2:v2`)',
  'List<Map>': 'a list of maps',
  String: 'a text value',
};

function expectedOf(schema: SchemaNode | undefined): string {
  const flinkType = schema?.['x-flink-type'];
  if (flinkType) return FLINK_TYPE_EXPECTATIONS[flinkType] ?? flinkType;
  if (schema?.format === 'flink-duration') return FLINK_TYPE_EXPECTATIONS.Duration!;
  if (schema?.format === 'flink-memory-size') return FLINK_TYPE_EXPECTATIONS.MemorySize!;
  const types = Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : [];
  const names: Record<string, string> = { string: 'a text value', integer: 'an integer', number: 'a number', boolean: '`true` or `false`', array: 'a list', object: 'a mapping', null: 'nothing' };
  return types.map((t) => names[t] ?? t).join(' or ') || 'another value';
}

function keyLabel(path: YamlPath): string {
  const last = [...path].reverse().find((segment) => typeof segment === 'string' && !/^\d+$/.test(segment));
  if (last === undefined) return 'the file';
  const tail = path[path.length - 1];
  // `alerts.triggers[1]` reads as "entry 2 of `triggers`".
  return tail !== undefined && /^\d+$/.test(String(tail)) && tail !== last ? `entry ${Number(tail) + 1} of \`${String(last)}\`` : `\`${String(last)}\``;
}

function allowedValues(schema: SchemaNode | undefined): string[] {
  if (schema?.flinkEnum) return schema.flinkEnum;
  return (schema?.enum ?? []).filter((v): v is string => typeof v === 'string' && !/^(TRUE|FALSE|True|False)$/.test(v));
}

const DURATION_HELP = 'Write a number with a unit — `500 ms`, `30 s`, `5 min`, `2 h`, `1 d` —, ISO-8601 such as `PT1M`, or a plain number of milliseconds.';
const MEMORY_HELP = 'Write a number with a unit — `512 mb`, `1600m`, `2g`, `1024kb`, `1 tb` — or a plain number of bytes.';

interface SchemaErrorContext {
  doc: Document.Parsed;
  sink: ProblemSink;
  root: SchemaNode;
  data: Record<string, unknown>;
  firstKeyRange: [number, number];
}

/** Range that a `required` error belongs to: the key that demanded it (type/mode), or the parent key. */
function requiredRange(ctx: SchemaErrorContext, error: SchemaError, path: string[]): [number, number] {
  const conditional = /^#\/allOf\/(\d+)\/then/.exec(error.schemaPath);
  if (conditional && path.length === 0) {
    const condition = (ctx.root as { allOf?: Array<{ if?: SchemaNode }> }).allOf?.[Number(conditional[1])]?.if;
    for (const key of Object.keys(condition?.properties ?? {})) {
      const at = nodeAtPath(ctx.doc, [key]);
      if (at) return at.keyRange ?? at.range;
    }
  }
  if (path.length > 0) {
    const at = nodeAtPath(ctx.doc, path);
    if (at) return at.keyRange ?? at.range;
  }
  return ctx.firstKeyRange;
}

function reportSchemaErrors(ctx: SchemaErrorContext, errors: SchemaError[]): void {
  // anyOf/oneOf: one message for the whole alternative, not one per failed branch.
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath);
  // A value of the wrong type trivially satisfies every `required` branch, so its alternatives "all match": say only the type.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const relevant = errors.filter(
    (e) => e.keyword !== 'if' && !alternatives.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(`${p}/`)) && !((e.keyword === 'oneOf' || e.keyword === 'anyOf') && wrongType.has(e.instancePath)),
  );
  for (const error of relevant) {
    const path = pointerToPath(error.instancePath);
    const schema = error.parentSchema as SchemaNode | undefined;
    const at = nodeAtPath(ctx.doc, path);
    const valueRange = at?.range ?? ctx.firstKeyRange;
    const label = keyLabel(path);
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String((error.params as { additionalProperty: string }).additionalProperty);
        const keyAt = nodeAtPath(ctx.doc, [...path, key]);
        const known = Object.keys(schema?.properties ?? {});
        const suggestion = closestMatch(key, known);
        const secretHint = /^(token|password|passwd|pass|apiKey|api-key|accessToken|bearer|credentials)$/i.test(key)
          ? ' A literal secret does not belong in a file: store it with "Flink: Set Secret" and reference it by name (`secret: <name>`).'
          : '';
        const where = path.length === 0 ? 'a job file' : label;
        ctx.sink.add(
          keyAt?.keyRange ?? valueRange,
          'error',
          secretHint ? 'literal-secret' : 'unknown-key',
          `Unknown key \`${key}\` in ${where}.${suggestion ? ` Did you mean \`${suggestion}\`?` : known.length > 0 && known.length <= 16 ? ` Expected one of: ${known.filter((k) => k !== '$schema').join(', ')}.` : ''}${secretHint}`,
          suggestion,
        );
        break;
      }
      case 'required': {
        const missing = (error.params as { missingProperty: string }).missingProperty;
        const cond = /^#\/allOf\/(\d+)\/then/.exec(error.schemaPath);
        let why = '';
        if (cond && path.length === 0) {
          const condition = (ctx.root as { allOf?: Array<{ if?: SchemaNode & { not?: unknown } }> }).allOf?.[Number(cond[1])]?.if;
          const key = Object.keys(condition?.properties ?? {})[0];
          if (key) why = ` when \`${key}\` is \`${String(ctx.data[key])}\``;
          else if (condition?.not) why = ' (the default mode is `remote`, which submits to a named cluster)';
        } else if (/\/then\/properties\//.test(error.schemaPath)) {
          why = ` for mode \`${String(ctx.data.mode)}\``;
        }
        ctx.sink.add(requiredRange(ctx, error, path), 'error', 'missing-key', `Missing \`${missing}\` in ${path.length === 0 ? 'the job file' : label}${why}.`);
        break;
      }
      case 'type':
        if (typeof error.data === 'string' && /^(token|password)$/.test(String(path[path.length - 1]))) {
          // Never repeat the value: it is the secret.
          ctx.sink.add(valueRange, 'error', 'literal-secret', `${label} is written into the file, which is committed and shared. Name it instead: \`{ secret: NAME }\` (stored with "Flink: Set Secret"; the CLI reads FLINK_PILOT_SECRET_<NAME>) or \`{ env: VARIABLE }\`.`);
          break;
        }
        ctx.sink.add(valueRange, 'error', 'wrong-type', `${label} must be ${expectedOf(schema)}, not ${describeValue(error.data)}.`);
        break;
      case 'format': {
        const format = (error.params as { format: string }).format;
        const shown = JSON.stringify(error.data);
        const message =
          format === 'flink-duration'
            ? `${shown} is not a valid Duration for ${label}. ${DURATION_HELP}`
            : format === 'flink-memory-size'
              ? `${shown} is not a valid MemorySize for ${label}. ${MEMORY_HELP}`
              : format === 'flink-map'
                ? `${shown} is not a valid map for ${label}: write \`key1:value1,key2:value2\` or a YAML mapping.`
                : format === 'uri'
                  ? `${shown} is not a valid URL for ${label}.`
                  : format === 'email'
                    ? `${shown} is not a valid email address.`
                    : `${shown} is not valid for ${label} (${format}).`;
        ctx.sink.add(valueRange, 'error', format === 'flink-duration' ? 'bad-duration' : format === 'flink-memory-size' ? 'bad-memory-size' : 'bad-format', message);
        break;
      }
      case 'enum':
      case 'flinkEnum': {
        if (schema?.['x-flink-type'] === 'Boolean' || (schema?.enum ?? []).includes(true)) {
          ctx.sink.add(valueRange, 'error', 'wrong-type', `${label} must be \`true\` or \`false\`, not ${describeValue(error.data)}.`);
          break;
        }
        const allowed = error.keyword === 'flinkEnum' ? (error.schema as string[]) : allowedValues(schema);
        const text = String(error.data);
        const suggestion = closestMatch(text, allowed);
        ctx.sink.add(
          valueRange,
          'error',
          'invalid-enum',
          `${JSON.stringify(error.data)} is not a valid value for ${label}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Expected one of: ${allowed.join(', ')}.`,
          suggestion,
        );
        break;
      }
      case 'pattern': {
        const flinkType = schema?.['x-flink-type'];
        let message: string;
        if (flinkType) message = `${label} must be ${expectedOf(schema)}, not ${describeValue(error.data)}.`;
        else if (path[path.length - 1] === 'flinkVersion') message = `Flink ${String(error.data)} is not supported: use ${SUPPORTED_FLINK_VERSIONS.join(', ')} (or a release such as 2.3.0).`;
        else if (/secret$/i.test(String(path[path.length - 1]))) message = `${label} is the NAME of a secret (letters, digits, \`.\`, \`_\`, \`-\`), not the secret itself.`;
        else if (/Url$/.test(String(path[path.length - 1])) && /@/.test(String(error.data))) message = `${label} must not contain credentials (\`user:password@\`): use \`auth: { type: basic, username, secret }\`.`;
        else if (typeof error.data === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@|^[^@/:\s]*:[^@/\s]*@/i.test(error.data)) message = `${label} must not contain credentials (\`user:token@\`): they would be stored in the clone and shown in logs. Remove them and set \`credentials\` with a secret instead.`;
        else message = `${JSON.stringify(error.data)} is not a valid value for ${label}: ${firstSentence(schema?.description)}`;
        ctx.sink.add(valueRange, 'error', /secret$/i.test(String(path[path.length - 1])) || /@/.test(String(error.data)) ? 'literal-secret' : 'bad-value', message);
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const limit = (error.params as { limit: number }).limit;
        const comparison = (error.params as { comparison: string }).comparison;
        ctx.sink.add(valueRange, 'error', 'out-of-range', `${label} must be ${comparison} ${limit}, not ${String(error.data)}.`);
        break;
      }
      case 'minLength':
        ctx.sink.add(valueRange, 'error', 'empty-value', `${label} must not be empty.`);
        break;
      case 'maxLength':
        ctx.sink.add(valueRange, 'error', 'bad-value', `${label} is too long (at most ${(error.params as { limit: number }).limit} characters).`);
        break;
      case 'oneOf':
      case 'anyOf': {
        const branches = ((error.schema as SchemaNode[]) ?? []).map((b) => b.required?.[0]).filter((k): k is string => !!k);
        const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
        const message =
          branches.length > 0
            ? passing
              ? `${label} takes only one of ${branches.map((b) => `\`${b}\``).join(', ')}, not several.`
              : `${label} needs one of ${branches.map((b) => `\`${b}\``).join(', ')}.`
            : `${describeValue(error.data)} is not valid for ${label}: ${firstSentence(schema?.description) || 'see the documentation of the key'}`;
        ctx.sink.add(at?.keyRange ?? valueRange, 'error', 'bad-value', message);
        break;
      }
      case 'not': {
        const forbidden = ((error.schema as SchemaNode).required ?? [])[0];
        const forbiddenAt = forbidden ? nodeAtPath(ctx.doc, [...path, forbidden]) : undefined;
        ctx.sink.add(forbiddenAt?.keyRange ?? valueRange, 'error', 'unexpected-key', forbidden ? `\`${forbidden}\` does not belong in a \`${String(ctx.data.type)}\` job.` : `${label} is not allowed here.`);
        break;
      }
      default:
        ctx.sink.add(valueRange, 'error', 'schema', `${label} ${error.message ?? 'is not valid'}.`);
    }
  }
}

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const match = /^[^\n]*?[.!?](\s|$)/.exec(text);
  return (match ? match[0] : text.split('\n')[0]!).trim();
}

// ------------------------------------------------------------------------------------------------
// Job files

/** The version a job file names (from the scalar's source text: YAML reads `1.20` as the number 1.2). */
export function jobFileVersion(doc: Document | undefined, text: string, fallback: FlinkVersionLine): { version: FlinkVersionLine; written?: string; numeric: boolean; known: boolean } {
  const pair = doc ? findPair(doc.contents, 'flinkVersion') : undefined;
  const node = pair?.value as Node | undefined;
  const range = nodeRange(node);
  if (!node || !range || !isScalar(node)) return { version: fallback, numeric: false, known: false };
  const written = text.slice(range[0], range[1]).trim().replace(/^["']|["']$/g, '');
  const match = /^v?(\d+)\.(\d+)/.exec(written);
  const line = match ? `${match[1]}.${match[2]}` : '';
  const known = (SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(line);
  return { version: known ? (line as FlinkVersionLine) : fallback, written, numeric: typeof node.value === 'number', known };
}

function stringAt(doc: Document, path: YamlPath): { value: string; range: [number, number] } | undefined {
  const at = nodeAtPath(doc, path);
  if (!at?.node || !isScalar(at.node) || typeof at.node.value !== 'string') return undefined;
  return { value: at.node.value, range: at.range };
}

/** Whether a `sql:` value names a file (one line ending in `.sql`) rather than holding statements. */
export function isSqlFileReference(sql: string): boolean {
  const text = sql.trim();
  return !/[\r\n]/.test(text) && /\.sql$/i.test(text) && !/\s(from|into|as|table)\s/i.test(text);
}

/** Whether a project URL is a local path (checked for existence) rather than a remote Git URL. */
export function isLocalProjectUrl(url: string): boolean {
  return url.startsWith('file://') || url.startsWith('/') || url.startsWith('./') || url.startsWith('../') || /^[A-Za-z]:[\\/]/.test(url) || (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^[^@\s]+@[^:\s]+:/.test(url));
}

/** Paths a job file references, with their ranges: checked for existence and offered as links. */
export function referencedPaths(doc: Document, data: Record<string, unknown>): Array<{ written: string; range: [number, number]; what: string }> {
  const refs: Array<{ written: string; range: [number, number]; what: string }> = [];
  const add = (path: YamlPath, what: string): void => {
    const at = stringAt(doc, path);
    if (at && at.value.trim() !== '') refs.push({ written: at.value.trim(), range: at.range, what });
  };
  if (typeof data.sql === 'string' && isSqlFileReference(data.sql)) add(['sql'], 'SQL file');
  add(['jar', 'path'], 'jar');
  const project = (data.jar as { project?: { url?: unknown } } | undefined)?.project;
  if (typeof project?.url === 'string' && isLocalProjectUrl(project.url)) {
    const at = stringAt(doc, ['jar', 'project', 'url']);
    if (at) refs.push({ written: at.value.replace(/^file:\/\//, ''), range: at.range, what: 'Git project' });
  }
  add(['jar', 'project', 'mavenSettings'], 'Maven settings file');
  const jars = (data.dependencies as { jars?: unknown } | undefined)?.jars;
  if (Array.isArray(jars)) jars.forEach((_, i) => add(['dependencies', 'jars', i], 'dependency jar'));
  for (const key of ['podTemplate', 'jobManagerPodTemplate', 'taskManagerPodTemplate']) add(['kubernetes', key], 'pod template');
  const channels = (data.alerts as { channels?: unknown } | undefined)?.channels;
  if (Array.isArray(channels)) channels.forEach((_, i) => add(['alerts', 'channels', i, 'smtp', 'caFile'], 'CA file'));
  return refs;
}

// Most values are unchanged between two edits: remember the verdict per option schema and scalar.
const scalarVerdicts = new WeakMap<SchemaNode, Map<string, SchemaError[]>>();
const MAX_VERDICTS_PER_OPTION = 64;

function optionValueErrors(schema: SchemaNode, value: unknown): SchemaError[] {
  const validate = configOptionValidator(schema);
  const scalar = value === null || typeof value !== 'object';
  if (!scalar) return validate(value) ? [] : [...(validate.errors ?? [])];
  const memoKey = `${typeof value}:${String(value)}`;
  let verdicts = scalarVerdicts.get(schema);
  const known = verdicts?.get(memoKey);
  if (known) return known;
  const errors = validate(value) ? [] : [...(validate.errors ?? [])];
  if (!verdicts) scalarVerdicts.set(schema, (verdicts = new Map()));
  if (verdicts.size >= MAX_VERDICTS_PER_OPTION) verdicts.clear();
  verdicts.set(memoKey, errors);
  return errors;
}

/** Errors of each `config:` value against its option's schema, with paths as if validated in place. */
function configValueErrors(data: Record<string, unknown>, version: FlinkVersionLine): SchemaError[] {
  const config = data.config;
  if (!config || typeof config !== 'object' || Array.isArray(config)) return [];
  const errors: SchemaError[] = [];
  for (const [key, value] of Object.entries(config)) {
    const schema = configOptionSchema(version, key);
    if (!schema) continue;
    const found = optionValueErrors(schema, value);
    if (found.length === 0) continue;
    const prefix = `/config/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    for (const error of found) errors.push({ ...error, instancePath: prefix + error.instancePath, schemaPath: `#/properties/config/properties/${key}${error.schemaPath.slice(1)}` });
  }
  return errors;
}

function checkConfigOptions(doc: Document.Parsed, sink: ProblemSink, version: FlinkVersionLine): void {
  const config = findPair(doc.contents, 'config')?.value;
  if (!isMap(config)) return;
  const schema = jobSchema(version);
  const retired = schema['x-retired-options'];
  const known = Object.keys(schema.properties?.config?.properties ?? {});
  for (const pair of mapPairs(config)) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const range = nodeRange(pair.key as Node);
    if (key === undefined || !range) continue;
    if (configOptionSchema(version, key)) continue;
    const gone = retired[key];
    if (gone) {
      const instead = gone.replacement ? ` Use \`${gone.replacement}\` instead.` : '';
      const note = gone.note ? ` ${gone.note}` : '';
      if (gone.deprecatedOnly) sink.add(range, 'warning', 'deprecated-option', `\`${key}\` is deprecated in Flink ${version} and removed in 2.0.${instead}${note}`, gone.replacement);
      else sink.add(range, 'error', 'removed-option', `\`${key}\` was removed in Flink ${gone.removedIn ?? version}; Flink ${version} ignores it.${instead}${note}`, gone.replacement);
      continue;
    }
    const suggestion = closestMatch(key, known);
    sink.add(
      range,
      'warning',
      'unknown-option',
      `\`${key}\` is not a Flink ${version} option${suggestion ? `. Did you mean \`${suggestion}\`?` : ' (it is passed to Flink as is, e.g. for connectors or plugins).'}`,
      suggestion,
    );
  }
}

/**
 * `local` (the local Flink of the job's line) and `local-<line>` name the local cluster Flink Pilot
 * starts: they need no definition (the extension and the CLI resolve them to the running instance).
 */
export function isLocalClusterName(name: string): boolean {
  const line = /^local-(\d+\.\d+)$/.exec(name)?.[1];
  return name === 'local' || (line !== undefined && (SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(line));
}

function checkJobSemantics(doc: Document.Parsed, data: Record<string, unknown>, sink: ProblemSink, version: FlinkVersionLine, context: JobFileAnalysisContext): void {
  // Referenced files.
  if (context.fileExists) {
    for (const ref of referencedPaths(doc, data)) {
      let exists = false;
      try {
        exists = context.fileExists(ref.written);
      } catch {
        exists = false;
      }
      if (!exists) sink.add(ref.range, 'error', 'missing-file', `The ${ref.what} \`${ref.written}\` does not exist (paths are relative to this job file).`);
    }
  }
  // Cluster.
  const cluster = stringAt(doc, ['cluster']);
  if (cluster && context.clusterNames && !isLocalClusterName(cluster.value) && !context.clusterNames.includes(cluster.value)) {
    const suggestion = closestMatch(cluster.value, context.clusterNames);
    const known = context.clusterNames.length > 0 ? ` Known clusters: ${context.clusterNames.join(', ')}.` : ' No cluster is defined yet.';
    sink.add(cluster.range, 'error', 'unknown-cluster', `Unknown cluster \`${cluster.value}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}${known} Clusters are defined in .flink/clusters.yaml; \`local\` names the local Flink.`, suggestion);
  }
  // A project of `.flink/projects.yaml`.
  const use = stringAt(doc, ['jar', 'project', 'use']);
  if (use && context.projectNames && !context.projectNames.includes(use.value)) {
    const suggestion = closestMatch(use.value, context.projectNames);
    const known = context.projectNames.length > 0 ? ` Known projects: ${context.projectNames.join(', ')}.` : ' No project is defined yet.';
    sink.add(use.range, 'error', 'unknown-project', `No project is named \`${use.value}\` in .flink/projects.yaml.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}${known}`, suggestion);
  }
  // Claim mode `legacy` is gone in 2.x.
  const claim = stringAt(doc, ['restore', 'claimMode']);
  if (claim?.value === 'legacy' && version !== '1.20') sink.add(claim.range, 'error', 'removed-value', `Claim mode \`legacy\` was removed in Flink 2.0: use \`no_claim\` (safe default) or \`claim\`.`, 'no_claim');
  // Alert triggers name existing channels.
  const alerts = data.alerts as { channels?: Array<{ name?: unknown; kind?: unknown }>; triggers?: Array<{ channels?: unknown }> } | undefined;
  const channelNames = (alerts?.channels ?? []).map((c) => c?.name).filter((n): n is string => typeof n === 'string');
  // Webhook keys that only one flavour of robot understands (the alert code ignores them elsewhere).
  (alerts?.channels ?? []).forEach((channel, i) => {
    const kind = typeof channel?.kind === 'string' ? channel.kind : undefined;
    if (!kind) return;
    const larkFormat = nodeAtPath(doc, ['alerts', 'channels', i, 'larkFormat']);
    if (larkFormat?.keyRange && kind !== 'lark') sink.add(larkFormat.keyRange, 'warning', 'ignored-key', `\`larkFormat\` only applies to \`kind: lark\`; a ${kind} webhook ignores it.`);
    const signSecret = nodeAtPath(doc, ['alerts', 'channels', i, 'signSecret']);
    if (signSecret?.keyRange && kind !== 'lark' && kind !== 'dingtalk') sink.add(signSecret.keyRange, 'warning', 'ignored-key', `\`signSecret\` only applies to DingTalk and Lark robots (signed requests); a ${kind} webhook ignores it.`);
  });
  (alerts?.triggers ?? []).forEach((trigger, t) => {
    if (!Array.isArray(trigger?.channels)) return;
    trigger.channels.forEach((name, i) => {
      const at = stringAt(doc, ['alerts', 'triggers', t, 'channels', i]);
      if (at && !channelNames.includes(at.value)) {
        const suggestion = closestMatch(at.value, channelNames);
        sink.add(at.range, 'error', 'unknown-channel', `No alert channel is named \`${String(name)}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`, suggestion);
      }
    });
  });
  // `${name}` variables used in args must be defined.
  const variables = new Set(Object.keys((data.variables as Record<string, unknown> | undefined) ?? {}));
  const args = (data.jar as { args?: unknown } | undefined)?.args;
  if (Array.isArray(args)) {
    args.forEach((_, i) => {
      const at = stringAt(doc, ['jar', 'args', i]);
      for (const match of at?.value.matchAll(/\$\{([^}]+)\}/g) ?? []) {
        if (!variables.has(match[1]!)) sink.add(at!.range, 'warning', 'unknown-variable', `\`\${${match[1]}}\` is not defined under \`variables\`; it is passed literally.`);
      }
    });
  }
  // Remote mode ignores resources: the cluster already has them.
  const mode = (data.mode as string | undefined) ?? 'remote';
  const resources = nodeAtPath(doc, ['resources']);
  if (resources?.keyRange && (mode === 'remote' || mode.endsWith('-session'))) {
    sink.add(resources.keyRange, 'information', 'ignored-resources', `\`resources\` has no effect in mode \`${mode}\`: the running cluster already has its JobManager and TaskManagers. Set them on the cluster instead.`);
  }
}

/** Analyses a job file text against the schema of the Flink version it names. Never throws. */
export function analyzeJobFileText(text: string, context: JobFileAnalysisContext = {}): JobFileAnalysis {
  const fallback = context.defaultVersion ?? NEWEST_FLINK_VERSION;
  try {
    const parsed = parseYaml(text, 'job file', context.sectionCache);
    const { document, value, sink, starts } = parsed;
    const versionInfo = jobFileVersion(document, text, fallback);
    const version = versionInfo.version;
    if (document && value) {
      const firstKey = (mapPairs(document.contents)[0]?.key as Node | undefined) ?? undefined;
      const firstKeyRange = nodeRange(firstKey) ?? [0, 0];
      const validate = jobValidator(version);
      validate(value);
      const errors = [...(validate.errors ?? []), ...configValueErrors(value, version)];
      reportSchemaErrors({ doc: document, sink, root: jobSchema(version), data: value, firstKeyRange }, errors);
      if (versionInfo.numeric && versionInfo.known) {
        const at = nodeAtPath(document, ['flinkVersion']);
        if (at) sink.add(at.range, 'warning', 'unquoted-version', `Quote the version: YAML reads ${versionInfo.written} as a number, which can change its meaning (1.20 → 1.2).`, `"${versionInfo.written}"`);
      }
      checkConfigOptions(document, sink, version);
      checkJobSemantics(document, value, sink, version, context);
    }
    sink.problems.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    return { value, problems: sink.problems, document, version, versionText: versionInfo.written, lineStarts: starts };
  } catch (cause) {
    // Last line of defence: a bug here must not take the language server down with it.
    return { problems: [internalProblem(cause)], version: fallback, lineStarts: [0] };
  }
}

function internalProblem(cause: unknown): JobFileProblem {
  return { message: `Flink Pilot could not analyse this file (${(cause as Error)?.message ?? String(cause)}).`, severity: 'error', code: 'internal', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
}

// ------------------------------------------------------------------------------------------------
// Cluster definitions

/** Values that look like credentials rather than secret names: JWTs, long random tokens. */
function looksLikeLiteralSecret(value: string): boolean {
  if (/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(value)) return true;
  // Tokens that announce themselves: GitHub, GitLab, Slack.
  if (/^(gh[pousr]_|github_pat_|glpat-|xox[abprs]-)[A-Za-z0-9_-]{16,}$/.test(value)) return true;
  if (value.length >= 32 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value) && !/[-_.]/.test(value.slice(0, 4))) return true;
  return value.length > 64;
}

export interface ClusterDefinitionsAnalysis extends Omit<JobFileAnalysis, 'version'> {
  /** Cluster names in file order (valid or not), for completion in job files. */
  clusterNames: string[];
}

/** What a `.flink/` definitions file says beyond its schema; returns the names it defines, in file order. */
type DefinitionsCheck = (document: Document.Parsed, sink: ProblemSink) => string[];

/** A `.flink/` definitions file: YAML checks, its schema, then `check`. Never throws. */
function analyzeDefinitionsText(text: string, what: string, validator: () => (data: unknown) => boolean, root: () => SchemaNode, check: DefinitionsCheck): Omit<JobFileAnalysis, 'version'> & { names: string[] } {
  try {
    const { document, value, sink, starts } = parseYaml(text, what);
    let names: string[] = [];
    if (document && value) {
      const validate = validator() as ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
      validate(value);
      const firstKeyRange = nodeRange(mapPairs(document.contents)[0]?.key as Node | undefined) ?? [0, 0];
      reportSchemaErrors({ doc: document, sink, root: root(), data: value, firstKeyRange }, validate.errors ?? []);
      names = check(document, sink);
    }
    sink.problems.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    return { value, problems: sink.problems, document, lineStarts: starts, names };
  } catch (cause) {
    return { problems: [internalProblem(cause)], lineStarts: [0], names: [] };
  }
}

/** A `secret:` value that is a credential rather than its name. */
function checkSecretName(document: Document.Parsed, path: YamlPath, sink: ProblemSink): void {
  const secret = stringAt(document, path);
  if (secret && looksLikeLiteralSecret(secret.value)) {
    sink.add(secret.range, 'error', 'literal-secret', `\`${path.filter((p) => typeof p === 'string' && !/^\d+$/.test(p)).slice(-2).join('.')}\` looks like a literal credential. Put the NAME of a secret here and store the value with "Flink: Set Secret" (or in the environment variable FLINK_PILOT_SECRET_<NAME>).`);
  }
}

/** Analyses `.flink/clusters.yaml`. Never throws. */
export function analyzeClusterDefinitionsText(text: string): ClusterDefinitionsAnalysis {
  const { names, ...analysis } = analyzeDefinitionsText(text, 'cluster definitions file', clusterDefinitionsValidator, clustersSchema, (document, sink) => {
    const clusterNames: string[] = [];
    const clusters = findPair(document.contents, 'clusters')?.value;
    const seen = new Map<string, number>();
    if (!isSeq(clusters)) return clusterNames;
    clusters.items.forEach((_, index) => {
      const name = stringAt(document, ['clusters', index, 'name']);
      if (name) {
        clusterNames.push(name.value);
        if (seen.has(name.value)) sink.add(name.range, 'error', 'duplicate-cluster', `Another cluster is already named \`${name.value}\` (entry ${seen.get(name.value)! + 1}); names must be unique.`);
        else seen.set(name.value, index);
      }
      checkSecretName(document, ['clusters', index, 'auth', 'secret'], sink);
      const tls = stringAt(document, ['clusters', index, 'restUrl']);
      const verify = nodeAtPath(document, ['clusters', index, 'tls', 'verify']);
      if (verify?.node && isScalar(verify.node) && verify.node.value === false) {
        sink.add(verify.range, 'warning', 'tls-unverified', `TLS verification is off for \`${name?.value ?? 'this cluster'}\`: anyone on the network path can read its credentials. Prefer \`tls.caFile\` with your CA.`);
      }
      if (tls && tls.value.startsWith('http://') && stringAt(document, ['clusters', index, 'auth', 'secret'])) {
        sink.add(tls.range, 'warning', 'credentials-over-http', 'This cluster sends credentials over plain http; use https.');
      }
    });
    return clusterNames;
  });
  return { ...analysis, clusterNames: names };
}

// ------------------------------------------------------------------------------------------------
// Build projects

export interface ProjectDefinitionsAnalysis extends Omit<JobFileAnalysis, 'version'> {
  /** Project names in file order (valid or not), for `use:` in job files. */
  projectNames: string[];
}

const REF_KEYS = ['ref', 'branch', 'tag', 'commit'];

/** Analyses `.flink/projects.yaml`: the checks the build does when it loads the file, at their keys. Never throws. */
export function analyzeProjectDefinitionsText(text: string): ProjectDefinitionsAnalysis {
  const { names, ...analysis } = analyzeDefinitionsText(text, 'projects file', projectDefinitionsValidator, projectsSchema, (document, sink) => {
    const projects = findPair(document.contents, 'projects')?.value;
    const entries: Array<{ name: string; path: YamlPath }> = [];
    if (isMap(projects)) {
      for (const pair of mapPairs(projects)) if (isScalar(pair.key)) entries.push({ name: String(pair.key.value), path: ['projects', String(pair.key.value)] });
    } else if (isSeq(projects)) {
      const seen = new Map<string, number>();
      projects.items.forEach((_, index) => {
        const name = stringAt(document, ['projects', index, 'name']);
        if (!name) return;
        if (seen.has(name.value)) sink.add(name.range, 'error', 'duplicate-project', `Another project is already named \`${name.value}\` (entry ${seen.get(name.value)! + 1}); names must be unique.`);
        else seen.set(name.value, index);
        entries.push({ name: name.value, path: ['projects', index] });
      });
    }
    for (const entry of entries) checkProjectDefinition(document, entry.path, sink);
    return entries.map((entry) => entry.name);
  });
  return { ...analysis, projectNames: names };
}

/** What the schema cannot say about one project: one ref, secret names, and credentials that fit the URL's scheme. */
function checkProjectDefinition(doc: Document.Parsed, path: YamlPath, sink: ProblemSink): void {
  const refs = REF_KEYS.map((key) => nodeAtPath(doc, [...path, key])).filter((at) => at?.keyRange !== undefined);
  for (const extra of refs.slice(1)) sink.add(extra!.keyRange!, 'error', 'conflicting-keys', 'Give only one of `ref`, `branch`, `tag` or `commit`: each names what to build.');
  for (const secretPath of [['credentials', 'secret'], ['credentials', 'token', 'secret'], ['credentials', 'password', 'secret']]) checkSecretName(doc, [...path, ...secretPath], sink);
  const url = stringAt(doc, [...path, 'url'])?.value;
  if (!url) return;
  const sshKey = nodeAtPath(doc, [...path, 'credentials', 'sshKey']);
  if (sshKey?.keyRange && /^(https?|file):/i.test(url)) sink.add(sshKey.keyRange, 'error', 'credentials-mismatch', `An SSH key only works with ssh:// and git@host:path URLs; this project's URL is ${url.startsWith('file:') ? 'a file URL.' : 'HTTPS: use a token.'}`);
  for (const key of ['token', 'password']) {
    const at = nodeAtPath(doc, [...path, 'credentials', key]);
    if (at?.keyRange && !/^https?:/i.test(url)) sink.add(at.keyRange, 'error', 'credentials-mismatch', `A ${key} only works with https:// URLs; use \`sshKey\` for ssh URLs.`);
  }
}

export type { Pair };
