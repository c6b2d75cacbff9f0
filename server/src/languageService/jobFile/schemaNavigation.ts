// Finding the schema of a key path, and the key context at a caret in text that may not parse yet
// (completion runs while the user types: `config:\n  execution.che|` is not valid YAML mid-edit).
import type { SchemaNode } from './jobFileSchemas';
import type { YamlPath } from './yamlTree';

const patternCache = new Map<string, RegExp>();
function patternMatches(pattern: string, key: string): boolean {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern);
    patternCache.set(pattern, regex);
  }
  return regex.test(key);
}

/** The schema of a path (keys and list indexes) from a root schema. */
export function schemaAtPath(root: SchemaNode, path: YamlPath): SchemaNode | undefined {
  let schema: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!schema) return undefined;
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
      if (schema.items) {
        schema = schema.items;
        continue;
      }
    }
    const key = String(segment);
    const exact: SchemaNode | undefined = schema.properties?.[key];
    if (exact) {
      schema = exact;
      continue;
    }
    const pattern: [string, SchemaNode] | undefined = Object.entries(schema.patternProperties ?? {}).find(([p]: [string, SchemaNode]) => patternMatches(p, key));
    if (pattern) {
      schema = pattern[1];
      continue;
    }
    schema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  }
  return schema;
}

export interface CaretContext {
  /** `key`: typing a key (or on an empty line); `value`: after `key:`. */
  kind: 'key' | 'value';
  /** Path of the mapping the key belongs to. */
  parentPath: YamlPath;
  /** For `value`: the key whose value is typed. */
  key?: string;
  /** What is typed so far (key text or value text). */
  prefix: string;
  /** Offset where the typed prefix starts. */
  prefixStart: number;
  /** Keys already present in the same mapping (not offered again). */
  siblings: string[];
}

interface LineShape {
  /** Column of the key (after `- ` when a list item starts on this line). */
  keyColumn: number;
  /** Column of the `-` when the line starts a list item. */
  dashColumn?: number;
  key?: string;
  /** Text after `key:` (trimmed). */
  rest?: string;
}

function shapeOf(line: string): LineShape | undefined {
  const match = /^(\s*)(-\s+)?(.*)$/.exec(line)!;
  const content = match[3]!;
  if (content.trim() === '' && !match[2]) return undefined;
  if (content.startsWith('#')) return undefined;
  const dashColumn = match[2] ? match[1]!.length : undefined;
  const keyColumn = match[1]!.length + (match[2]?.length ?? 0);
  const keyMatch = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(\s|$)(.*)$/.exec(content);
  if (!keyMatch) return { keyColumn, dashColumn };
  return { keyColumn, dashColumn, key: keyMatch[1]!.replace(/^["']|["']$/g, ''), rest: keyMatch[3]!.trim() };
}

/** The completion context at `offset`, from indentation alone. */
export function caretContext(text: string, offset: number): CaretContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const match = /^(\s*)(-\s+)?(.*)$/.exec(before)!;
  const typed = match[3]!;
  const keyColumn = match[1]!.length + (match[2]?.length ?? 0);
  const path: YamlPath = [];
  let column = keyColumn;
  let afterDash = false;
  if (match[2]) {
    // The caret line starts a list item: the key belongs to item 0 of the list above.
    path.unshift(0);
    column = match[1]!.length;
    afterDash = true;
  }
  const colon = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(\s+)(.*)$/.exec(typed) ?? /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:()()$/.exec(typed);
  const kind: 'key' | 'value' = colon ? 'value' : 'key';
  const key = colon ? colon[1]!.replace(/^["']|["']$/g, '') : undefined;
  const prefix = colon ? colon[3]! : typed;
  const prefixStart = offset - prefix.length;

  // Walk up: the nearest line with a smaller key column that is `key:` is the parent mapping's key.
  let end = lineStart - 1;
  while (end > 0 && (column > 0 || afterDash)) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const shape = shapeOf(text.slice(start, end));
    end = start - 1;
    if (!shape) continue;
    if (shape.dashColumn !== undefined && shape.keyColumn === column && !afterDash) {
      // Same list item as the caret's mapping (`- name: x` above `  type: |`).
      path.unshift(0);
      column = shape.dashColumn;
      afterDash = true;
      continue;
    }
    if (shape.dashColumn !== undefined && afterDash && shape.dashColumn === column) continue; // sibling items
    const parent = afterDash ? shape.keyColumn <= column && shape.dashColumn === undefined : shape.keyColumn < column;
    if (parent && shape.key !== undefined) {
      if (shape.rest === '' || shape.rest === undefined) path.unshift(shape.key);
      column = shape.dashColumn ?? shape.keyColumn;
      afterDash = shape.dashColumn !== undefined;
      if (afterDash) path.unshift(0);
      if (column === 0 && !afterDash) break;
    }
  }
  // Keys of the same mapping above the caret (up to the mapping's start) are not offered again.
  const siblings: string[] = [];
  if (kind === 'key') {
    let up = lineStart - 1;
    while (up > 0) {
      const start = text.lastIndexOf('\n', up - 1) + 1;
      const shape = shapeOf(text.slice(start, up));
      up = start - 1;
      if (!shape) continue;
      if (shape.keyColumn < keyColumn) break;
      if (shape.keyColumn === keyColumn && shape.key) siblings.push(shape.key);
      if (shape.dashColumn !== undefined && shape.keyColumn <= keyColumn) break; // first key of this list item
    }
    if (match[2]) siblings.length = 0; // a new list item starts on the caret line
  }
  // Siblings below the caret line too.
  if (kind === 'key') {
    let next = text.indexOf('\n', offset);
    while (next >= 0 && next < text.length) {
      const stop = text.indexOf('\n', next + 1);
      const line = text.slice(next + 1, stop < 0 ? text.length : stop);
      const shape = shapeOf(line);
      if (shape) {
        if (shape.keyColumn < keyColumn || shape.dashColumn !== undefined) break;
        if (shape.keyColumn === keyColumn && shape.key) siblings.push(shape.key);
      }
      if (stop < 0) break;
      next = stop;
    }
  }
  return { kind, parentPath: path, key, prefix, prefixStart, siblings };
}
