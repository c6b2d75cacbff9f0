// Positions in SQL text and a scanner for the regions that matter when splitting or substituting:
// comments (never substituted, never split), quoted strings and identifiers (never split).

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and Flink's parser. */
  column: number;
}

/** Maps offsets to line/column and back; built once per text. */
export class LineIndex {
  readonly #starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }
  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.#starts[lo]! + 1 };
  }
  offsetAt(position: TextPosition): number {
    const lineStart = this.#starts[Math.max(0, Math.min(position.line - 1, this.#starts.length - 1))]!;
    return Math.min(this.text.length, lineStart + Math.max(0, position.column - 1));
  }
}

export type RegionKind = 'code' | 'lineComment' | 'blockComment' | 'string' | 'quotedIdentifier';
export interface Region {
  kind: RegionKind;
  start: number;
  end: number;
}

/** Splits text into code, comments, string literals ('…', "…") and back-quoted identifiers. */
export function scanRegions(text: string): Region[] {
  const regions: Region[] = [];
  let codeStart = 0;
  let i = 0;
  const pushCode = (end: number) => {
    if (end > codeStart) regions.push({ kind: 'code', start: codeStart, end });
  };
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    let kind: RegionKind | undefined;
    let end = i;
    if (ch === '-' && next === '-') {
      kind = 'lineComment';
      const nl = text.indexOf('\n', i);
      end = nl < 0 ? text.length : nl;
    } else if (ch === '/' && next === '*') {
      kind = 'blockComment';
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? text.length : close + 2;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      kind = ch === '`' ? 'quotedIdentifier' : 'string';
      end = i + 1;
      for (;;) {
        const close = text.indexOf(ch, end);
        if (close < 0) {
          end = text.length;
          break;
        }
        // A doubled quote is an escaped quote inside the literal.
        if (text[close + 1] === ch) {
          end = close + 2;
          continue;
        }
        end = close + 1;
        break;
      }
    }
    if (kind) {
      pushCode(i);
      regions.push({ kind, start: i, end });
      i = end;
      codeStart = end;
    } else {
      i++;
    }
  }
  pushCode(text.length);
  return regions;
}
