// A line-based unified diff (longest common subsequence), enough to compare a SQL file with the
// version that is deployed. Linear memory is not needed here: job scripts are small.

export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: '-', text: a[i++]! });
    else out.push({ kind: '+', text: b[j++]! });
  }
  while (i < n) out.push({ kind: '-', text: a[i++]! });
  while (j < m) out.push({ kind: '+', text: b[j++]! });
  return out;
}

/** Unified diff text with `context` lines around changes; empty when the texts are equal. */
export function unifiedDiff(before: string, after: string, labels: { before: string; after: string }, context = 3): string {
  const lines = diffLines(before, after);
  if (lines.every((l) => l.kind === ' ')) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  let index = 0;
  while (index < lines.length) {
    // Find the next change, then a hunk around it.
    while (index < lines.length && lines[index]!.kind === ' ') index++;
    if (index >= lines.length) break;
    const hunkStart = Math.max(0, index - context);
    let hunkEnd = index;
    let quiet = 0;
    while (hunkEnd < lines.length && quiet <= context * 2) {
      quiet = lines[hunkEnd]!.kind === ' ' ? quiet + 1 : 0;
      hunkEnd++;
    }
    hunkEnd = Math.min(lines.length, hunkEnd - Math.max(0, quiet - context));
    const slice = lines.slice(hunkStart, hunkEnd);
    const beforeStart = lines.slice(0, hunkStart).filter((l) => l.kind !== '+').length + 1;
    const afterStart = lines.slice(0, hunkStart).filter((l) => l.kind !== '-').length + 1;
    const beforeCount = slice.filter((l) => l.kind !== '+').length;
    const afterCount = slice.filter((l) => l.kind !== '-').length;
    out.push(`@@ -${beforeStart},${beforeCount} +${afterStart},${afterCount} @@`);
    for (const line of slice) out.push(`${line.kind}${line.text}`);
    index = hunkEnd;
  }
  return `${out.join('\n')}\n`;
}
