// `${name}` substitution in SQL scripts and program arguments. Comments are left alone (so a
// commented-out line cannot fail a deployment); `$${name}` stays as the literal text `${name}`.
// An undefined variable is reported with its name and every line:column where it is used. The
// returned map turns an offset in the substituted text back into one in the original file.
import { LineIndex, scanRegions, type TextPosition } from './sqlText';

export interface Replacement {
  /** Offset and length in the original text. */
  originalStart: number;
  originalLength: number;
  /** Offset and length in the substituted text. */
  start: number;
  length: number;
}

export interface UndefinedVariable {
  name: string;
  positions: TextPosition[];
}

export interface SubstitutionResult {
  text: string;
  replacements: Replacement[];
  undefinedVariables: UndefinedVariable[];
  /** Names that were used, for history and diagnostics. */
  used: string[];
}

const VARIABLE = /\$(\$?)\{([A-Za-z_][\w.-]*)\}/g;

export function substituteVariables(text: string, variables: Readonly<Record<string, string>>): SubstitutionResult {
  const replacements: Replacement[] = [];
  const missing = new Map<string, number[]>();
  const used = new Set<string>();
  let out = '';
  let copiedUpTo = 0;
  for (const region of scanRegions(text)) {
    if (region.kind === 'lineComment' || region.kind === 'blockComment') continue;
    const slice = text.slice(region.start, region.end);
    for (const match of slice.matchAll(VARIABLE)) {
      const start = region.start + match.index!;
      const escaped = match[1] === '$';
      const name = match[2]!;
      let value: string;
      if (escaped) value = match[0].slice(1);
      else if (Object.prototype.hasOwnProperty.call(variables, name)) {
        value = variables[name]!;
        used.add(name);
      } else {
        const list = missing.get(name) ?? [];
        list.push(start);
        missing.set(name, list);
        continue;
      }
      out += text.slice(copiedUpTo, start);
      replacements.push({ originalStart: start, originalLength: match[0].length, start: out.length, length: value.length });
      out += value;
      copiedUpTo = start + match[0].length;
    }
  }
  out += text.slice(copiedUpTo);
  const index = new LineIndex(text);
  return {
    text: out,
    replacements,
    used: [...used],
    undefinedVariables: [...missing].map(([name, offsets]) => ({ name, positions: offsets.map((o) => index.positionAt(o)) })),
  };
}

/** Maps an offset in the substituted text to the original text (inside a value: the `${` of it). */
export function originalOffset(replacements: readonly Replacement[], offset: number): number {
  let shift = 0;
  for (const r of replacements) {
    if (offset < r.start) break;
    if (offset < r.start + r.length) return r.originalStart;
    shift = r.originalStart + r.originalLength - (r.start + r.length);
  }
  return offset + shift;
}

/** Substitutes a single value (a program argument); returns the names that are undefined. */
export function substituteInValue(value: string, variables: Readonly<Record<string, string>>): { value: string; undefinedNames: string[] } {
  const undefinedNames: string[] = [];
  const result = value.replace(VARIABLE, (whole, escape: string, name: string) => {
    if (escape === '$') return whole.slice(1);
    if (Object.prototype.hasOwnProperty.call(variables, name)) return variables[name]!;
    undefinedNames.push(name);
    return whole;
  });
  return { value: result, undefinedNames };
}
