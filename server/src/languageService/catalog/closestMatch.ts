// "Did you mean …?": the closest known name to a misspelt one, if it is close enough to be a typo.
// One implementation for SQL (tables, columns, functions, connector options, SET keys) and job
// files (keys, enum values, clusters, alert channels).

/** Optimal-string-alignment distance (Levenshtein plus swaps of neighbours, `drian` → `drain`), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[cols - 1]!;
}

/**
 * The candidate closest to `word` within a typo-sized distance (about a third of its length, 1 to 4
 * edits), compared case-insensitively; undefined when none is that close. A candidate that differs
 * only in case is returned (Flink names are case-sensitive, so `Orders` for `orders` is worth
 * saying); the word itself is not. A dotted key with leading segments left out
 * (`checkpointing.interval`) finds the full key (`execution.checkpointing.interval`).
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const target = word.toLowerCase();
  const limit = Math.max(1, Math.min(4, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let suffixMatch: string | undefined;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const lower = candidate.toLowerCase();
    if (lower === target) return candidate;
    if (suffixMatch === undefined && target.includes('.') && lower.endsWith(`.${target}`)) suffixMatch = candidate;
    const distance = editDistance(target, lower, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? suffixMatch;
}
