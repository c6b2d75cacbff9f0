// The TextMate grammar for Flink SQL colouring and its language configuration. The grammar's
// Oniguruma patterns are checked with JavaScript's engine (same syntax for what this grammar uses,
// after turning the leading `(?i)` into the `i` flag).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Rule[];
  include?: string;
}
const grammar = JSON.parse(readFileSync(new URL('../../../grammars/flinksql.tmLanguage.json', import.meta.url), 'utf8')) as { scopeName: string; patterns: Rule[]; repository: Record<string, Rule> };
const config = JSON.parse(readFileSync(new URL('../../../grammars/flinksql.language-configuration.json', import.meta.url), 'utf8')) as {
  comments: { lineComment: string; blockComment: [string, string] };
  autoClosingPairs: { open: string; close: string }[];
  brackets: [string, string][];
};

function compile(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'gi' : 'g');
}

function rulesOf(name: string): Rule[] {
  return grammar.repository[name]!.patterns!;
}

/** The scope of the first rule (in the grammar's order) that matches `word` exactly. */
function scopeOf(word: string): string | undefined {
  for (const include of grammar.patterns) {
    for (const rule of rulesOf(include.include!.slice(1))) {
      if (!rule.match) continue;
      const re = compile(rule.match);
      const m = re.exec(word);
      if (m && m.index === 0 && m[0] === word.replace(/\s*\($/, '')) return rule.name;
    }
  }
  return undefined;
}

describe('Flink SQL TextMate grammar', () => {
  it('compiles every pattern', () => {
    const all: string[] = [];
    const walk = (rules: Rule[]): void => {
      for (const rule of rules) {
        for (const pattern of [rule.match, rule.begin, rule.end]) if (pattern) all.push(pattern);
        if (rule.patterns) walk(rule.patterns);
      }
    };
    Object.values(grammar.repository).forEach((r) => walk(r.patterns ?? []));
    expect(all.length).toBeGreaterThan(20);
    for (const pattern of all) expect(() => compile(pattern), pattern).not.toThrow();
    expect(grammar.scopeName).toBe('source.flinksql');
  });

  it('colours keywords, types, functions and literals, case-insensitively', () => {
    expect(scopeOf('SELECT')).toBe('keyword.other.flinksql');
    expect(scopeOf('select')).toBe('keyword.other.flinksql');
    expect(scopeOf('WATERMARK')).toBe('keyword.other.flinksql');
    expect(scopeOf('SELEC')).toBeUndefined();
    expect(scopeOf('TIMESTAMP_LTZ')).toBe('storage.type.flinksql');
    expect(scopeOf('TUMBLE(')).toBe('support.function.builtin.flinksql');
    expect(scopeOf('my_udf(')).toBe('entity.name.function.call.flinksql');
    expect(scopeOf('NULL')).toBe('constant.language.flinksql');
    expect(scopeOf('3.5e2')).toBe('constant.numeric.flinksql');
    expect(scopeOf('AND')).toBe('keyword.operator.logical.flinksql');
  });

  it('marks ${variables} with their default, inside and outside strings', () => {
    const rule = rulesOf('variables')[0]!;
    const m = compile(rule.match!).exec("'${topic:-orders}'")!;
    expect([m[2], m[4]]).toEqual(['topic', 'orders']);
    const strings = rulesOf('strings');
    expect(strings[0]!.patterns!.some((p) => p.include === '#variables')).toBe(true);
  });

  it('keeps hints apart from block comments', () => {
    expect(compile(rulesOf('comments')[1]!.begin!).test('/*+ OPTIONS(')).toBe(false);
    expect(compile(rulesOf('hints')[0]!.begin!).test('/*+ OPTIONS(')).toBe(true);
  });
});

describe('Flink SQL language configuration', () => {
  it('has SQL comments, brackets and auto-closing quotes, backticks and ${ }', () => {
    expect(config.comments).toEqual({ lineComment: '--', blockComment: ['/*', '*/'] });
    const pairs = config.autoClosingPairs.map((p) => `${p.open}${p.close}`);
    for (const pair of ["''", '""', '``', '()', '[]', '${}']) expect(pairs).toContain(pair);
    expect(config.brackets).toContainEqual(['(', ')']);
  });
});
