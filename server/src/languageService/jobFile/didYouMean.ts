// "Did you mean …?": the closest known name to a misspelt one, if it is close enough to be a typo.

/** Edit distance counting a swap of two neighbours as one edit (typos like `drian`), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate closest to `word` within a typo-sized distance (about a third of its length), or undefined. */
export function closestMatch(word: string, candidates: readonly string[], options: { caseInsensitive?: boolean } = {}): string | undefined {
  const normalize = (s: string): string => (options.caseInsensitive ? s.toLowerCase() : s);
  const target = normalize(word);
  const limit = Math.max(1, Math.min(4, Math.floor(target.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const c = normalize(candidate);
    if (c === target) return options.caseInsensitive ? candidate : undefined;
    const distance = editDistance(target, c, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A key with a segment dropped or added (`checkpointing.interval` for `execution.checkpointing.interval`).
  if (!best) best = candidates.find((c) => normalize(c).endsWith(`.${target}`) && target.includes('.'));
  return best;
}
