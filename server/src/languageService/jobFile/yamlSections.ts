// Incremental YAML parsing for job files: a job file is a mapping of top-level sections (`config:`,
// `variables:`, …). Each section is parsed on its own and cached by its text, so an edit re-parses
// only the section it touches; unchanged sections are reused with their positions shifted. The
// sections' pairs are joined into one document, identical to what parsing the whole text gives.
// Anything unusual (several documents, directives, a section that does not parse cleanly) falls
// back to parsing the whole text.
import { Document, isAlias, isNode, isScalar, Pair, parseDocument, visit, YAMLMap, type Node } from 'yaml';

interface CachedSection {
  doc: Document.Parsed;
  /** Offset of the section in the text its ranges currently describe. */
  offset: number;
}

/** Section cache of one document (one per editor document: sections of different files never mix). */
export class YamlSectionCache {
  private sections = new Map<string, CachedSection>();

  /** Parses `text` as one document, reusing unchanged sections. Undefined when the text needs a full parse. */
  parse(text: string): Document.Parsed | undefined {
    if (/^(---|\.\.\.|%)/m.test(text)) return undefined;
    const bounds = sectionBounds(text);
    if (bounds.length < 2) return undefined;
    const next = new Map<string, CachedSection>();
    const pairs: Pair[] = [];
    const errors: Document.Parsed['errors'] = [];
    const warnings: Document.Parsed['warnings'] = [];
    // Parses (or reuses) one piece of text that must be a block mapping; undefined when it is not clean.
    const piece = (start: number, end: number, kind: string): { pairs: Pair[]; doc: Document.Parsed } | 'comment' | undefined => {
      const pieceText = text.slice(start, end);
      const key = `${kind}\u0000${pieceText}`;
      // The same text twice in one file (e.g. a duplicated key) must not share nodes.
      let cached = next.has(key) ? undefined : this.sections.get(key);
      if (cached) {
        if (cached.offset !== start) shift(cached, start - cached.offset);
      } else {
        const doc = parseDocument(pieceText, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
        cached = { doc, offset: 0 };
        if (start !== 0) shift(cached, start);
      }
      const { doc } = cached;
      if (doc.contents === null && doc.errors.length === 0) {
        if (!next.has(key)) next.set(key, cached);
        return 'comment';
      }
      if (doc.errors.length > 0 || !(doc.contents instanceof YAMLMap) || hasAnchorsOrAliases(doc)) return undefined;
      if (!next.has(key)) next.set(key, cached);
      warnings.push(...doc.warnings);
      return { pairs: doc.contents.items as Pair[], doc };
    };
    for (const [start, end] of bounds) {
      // A big block mapping (`config:`, `variables:`) is cut into chunks of entries, each cached on its own.
      const chunks = childChunks(text, start, end);
      if (chunks) {
        const header = piece(start, chunks.headerEnd, 'header');
        const headerValue = header && header !== 'comment' && header.pairs.length === 1 ? header.pairs[0]!.value : undefined;
        if (!isScalar(headerValue) || headerValue.value !== null || headerValue.source !== '') return undefined;
        const headerPair = (header as { pairs: Pair[] }).pairs[0]!;
        const children: Pair[] = [];
        for (const [chunkStart, chunkEnd] of chunks.chunks) {
          const chunk = piece(chunkStart, chunkEnd, 'chunk');
          if (!chunk) return undefined;
          if (chunk !== 'comment') children.push(...chunk.pairs);
        }
        if (children.length === 0) return undefined;
        pairs.push(new Pair(headerPair.key, mapOfPairs(children)));
        continue;
      }
      const section = piece(start, end, 'section');
      if (!section) return undefined;
      if (section !== 'comment') pairs.push(...section.pairs);
    }
    if (pairs.length === 0) return undefined;
    this.sections = next;
    const map = mapOfPairs(pairs);
    const merged = new Document(undefined, { prettyErrors: false, uniqueKeys: false }) as unknown as Document.Parsed;
    merged.contents = map as Document.Parsed['contents'];
    merged.errors = errors;
    merged.warnings = warnings;
    merged.range = [0, text.length, text.length];
    return merged;
  }
}

/** Entries per chunk: small enough that re-parsing one is cheap, large enough to keep chunks few. */
const CHUNK_LINES = 40;

/**
 * For a section `key:\n  a: 1\n  b: 2 …` longer than a chunk: the end of its header line and the
 * [start, end) of chunks that each begin at a child key in the children's column. Undefined otherwise.
 */
function childChunks(text: string, start: number, end: number): { headerEnd: number; chunks: Array<[number, number]> } | undefined {
  const headerEnd = text.indexOf('\n', start) + 1;
  if (headerEnd <= 0 || headerEnd >= end) return undefined;
  if (!/^[A-Za-z_$][\w.$-]*:[ \t]*(#[^\n]*)?\n$/.test(text.slice(start, headerEnd))) return undefined;
  const indent = /^( +)[^\s#-]/.exec(text.slice(headerEnd, Math.min(end, headerEnd + 200)));
  if (!indent) return undefined;
  const column = indent[1]!.length;
  const chunks: Array<[number, number]> = [];
  let chunkStart = headerEnd;
  let lines = 0;
  for (let i = headerEnd; i < end; ) {
    const lineEnd = text.indexOf('\n', i);
    const next = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    lines++;
    // A new chunk may start at a line that is exactly a child key in the children's column.
    if (lines > CHUNK_LINES && i > chunkStart && text.startsWith(indent[1]!, i) && /[^\s#\-"'\]}]/.test(text[i + column] ?? ' ')) {
      chunks.push([chunkStart, i]);
      chunkStart = i;
      lines = 1;
    }
    i = next;
  }
  chunks.push([chunkStart, end]);
  return chunks.length > 1 ? { headerEnd, chunks } : undefined;
}

/** [start, end) of each top-level section: a line starting in column 0 with a key starts one. */
function sectionBounds(text: string): Array<[number, number]> {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
    const c = text.charCodeAt(i + 1);
    // Not a space, tab, newline, comment, list item, or a flow/quote continuation.
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 35 && c !== 45 && c !== 34 && c !== 39 && c !== 93 && c !== 125) starts.push(i + 1);
  }
  return starts.map((start, i) => [start, starts[i + 1] ?? text.length]);
}

function hasAnchorsOrAliases(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) || node.anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Moves every range of a cached section (and its errors) by `delta`. */
function shift(section: CachedSection, delta: number): void {
  section.offset += delta;
  visit(section.doc, {
    // Pair keys and values are visited as nodes too.
    Node(_key, node) {
      if (isNode(node) && node.range) node.range = [node.range[0] + delta, node.range[1] + delta, node.range[2] + delta];
    },
  });
  for (const issue of [...section.doc.errors, ...section.doc.warnings]) issue.pos = [issue.pos[0] + delta, issue.pos[1] + delta];
}

/** A mapping of already parsed pairs, spanning from the first key to the end of the last value. */
function mapOfPairs(pairs: Pair[]): YAMLMap {
  const map = new YAMLMap();
  map.items = pairs;
  const first = (pairs[0]!.key as Node).range!;
  const lastPair = pairs[pairs.length - 1]!;
  const last = ((lastPair.value as Node | null) ?? (lastPair.key as Node)).range!;
  map.range = [first[0], last[1], last[2]];
  return map;
}
