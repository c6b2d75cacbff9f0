// The Jobs view filter: `state:running tag:etl cluster:prod orders -state:finished`. Terms with a key
// match that field, bare words match name, file, tags or cluster; terms are ANDed, the same key given
// twice is ORed (`state:running state:restarting`), a leading `-` negates. Case-insensitive; values
// are substrings, except `state:` which must match a whole state name.

export type FilterKey = 'name' | 'tag' | 'state' | 'cluster' | 'file' | 'any';

export interface FilterTerm {
  key: FilterKey;
  value: string;
  negate: boolean;
}

export interface JobFilter {
  text: string;
  terms: FilterTerm[];
}

export interface FilterableJob {
  name: string;
  tags: readonly string[];
  /** Flink state; jobs of a job file that never ran have none. */
  state?: string;
  cluster?: string;
  file?: string;
}

const KEYS: Record<string, FilterKey> = { name: 'name', tag: 'tag', tags: 'tag', state: 'state', status: 'state', cluster: 'cluster', file: 'file' };

/** Splits on whitespace, keeping `"quoted words"` together. */
function tokens(text: string): string[] {
  return [...text.matchAll(/-?(?:\w+:)?"[^"]*"|\S+/g)].map((m) => m[0]);
}

export function parseJobFilter(text: string): JobFilter {
  const terms: FilterTerm[] = [];
  for (const raw of tokens(text.trim())) {
    let token = raw;
    const negate = token.startsWith('-') && token.length > 1;
    if (negate) token = token.slice(1);
    const colon = token.indexOf(':');
    const key = colon > 0 ? KEYS[token.slice(0, colon).toLowerCase()] : undefined;
    let value = key ? token.slice(colon + 1) : token;
    value = value.replace(/^"|"$/g, '').toLowerCase();
    if (value === '') continue;
    terms.push({ key: key ?? 'any', value, negate });
  }
  return { text, terms };
}

function termMatches(term: FilterTerm, job: FilterableJob): boolean {
  const has = (field: string | undefined) => field !== undefined && field.toLowerCase().includes(term.value);
  switch (term.key) {
    case 'name':
      return has(job.name);
    case 'tag':
      return job.tags.some((tag) => has(tag));
    case 'state':
      return job.state !== undefined && job.state.toLowerCase() === term.value;
    case 'cluster':
      return has(job.cluster);
    case 'file':
      return has(job.file);
    case 'any':
      return has(job.name) || has(job.file) || has(job.cluster) || job.tags.some((tag) => has(tag)) || (job.state !== undefined && job.state.toLowerCase() === term.value);
  }
}

export function matchesJobFilter(filter: JobFilter, job: FilterableJob): boolean {
  const positive = new Map<FilterKey, FilterTerm[]>();
  for (const term of filter.terms) {
    if (term.negate) {
      if (termMatches(term, job)) return false;
    } else {
      positive.set(term.key, [...(positive.get(term.key) ?? []), term]);
    }
  }
  for (const [key, terms] of positive) {
    // Bare words are ANDed (each must match); repeated keyed terms are alternatives.
    if (key === 'any') {
      if (!terms.every((term) => termMatches(term, job))) return false;
    } else if (!terms.some((term) => termMatches(term, job))) {
      return false;
    }
  }
  return true;
}

export function isEmptyFilter(filter: JobFilter): boolean {
  return filter.terms.length === 0;
}
