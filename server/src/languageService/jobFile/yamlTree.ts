// Navigation over a `yaml` document: from a JSON path (as ajv reports it) to the node and its text
// range, and from a text offset to the path under the caret. Positions are offsets into the text.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export type YamlPath = Array<string | number>;

export interface NodeAt {
  /** The value node (undefined when the key has no value). */
  node?: Node;
  /** The pair whose value is `node`, when it sits in a map. */
  pair?: Pair;
  /** Range of the key scalar, when in a map. */
  keyRange?: [number, number];
  /** Range of the value (or of the key when there is no value). */
  range: [number, number];
}

export function nodeRange(node: Node | undefined | null): [number, number] | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

/** The pairs of a map node, in order. */
export function mapPairs(node: unknown): Pair[] {
  return isMap(node) ? (node.items as Pair[]) : [];
}

export function findPair(map: unknown, key: string): Pair | undefined {
  return mapPairs(map).find((pair) => keyText(pair) === key);
}

/** Follows a path (keys and indexes) from the document root; aliases are followed to their anchor. */
export function nodeAtPath(doc: Document, path: YamlPath): NodeAt | undefined {
  let node: unknown = doc.contents;
  let at: NodeAt | undefined = nodeRange(node as Node) ? { node: node as Node, range: nodeRange(node as Node)! } : undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = findPair(node, String(segment));
      if (!pair) return undefined;
      const keyRange = nodeRange(pair.key as Node);
      const value = pair.value as Node | null;
      const range = nodeRange(value) ?? keyRange;
      if (!range) return undefined;
      at = { node: value ?? undefined, pair, keyRange, range };
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      const range = nodeRange(item);
      if (!item || !range) return undefined;
      at = { node: item, range };
      node = item;
    } else return undefined;
  }
  return at;
}

/** Decodes a JSON pointer (`/config/a~1b`) into path segments. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface PathAtOffset {
  path: YamlPath;
  /** True when the offset is on a key (or where a new key would go). */
  onKey: boolean;
  /** The scalar under the offset, if any. */
  scalar?: { value: unknown; range: [number, number] };
}

/** The path of the key or value under `offset`, from the parsed tree (undefined in empty space). */
export function pathAtOffset(doc: Document, offset: number): PathAtOffset | undefined {
  const visit = (node: unknown, path: YamlPath): PathAtOffset | undefined => {
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = keyText(pair);
        const keyRange = nodeRange(pair.key as Node);
        if (key === undefined || !keyRange) continue;
        if (offset >= keyRange[0] && offset <= keyRange[1]) return { path: [...path, key], onKey: true, scalar: { value: key, range: keyRange } };
        const value = pair.value as Node | null;
        const valueRange = nodeRange(value);
        if (valueRange && offset >= valueRange[0] && offset <= valueRange[1]) {
          return visit(value, [...path, key]) ?? { path: [...path, key], onKey: false };
        }
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (const [index, item] of (node.items as Node[]).entries()) {
        const range = nodeRange(item);
        if (range && offset >= range[0] && offset <= range[1]) return visit(item, [...path, index]) ?? { path: [...path, index], onKey: false };
      }
      return undefined;
    }
    if (isScalar(node)) {
      const range = nodeRange(node)!;
      return { path, onKey: false, scalar: { value: node.value, range } };
    }
    return undefined;
  };
  return visit(doc.contents, []);
}

/** Line starts of a text, for offset → line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 0-based line and character of an offset. */
export function positionOf(starts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low]! };
}

export { isAlias, isMap, isPair, isScalar, isSeq };
