// Command-line parsing on node:util parseArgs: each command declares its options; the global ones
// (--json, --quiet, --help, --workspace) are accepted everywhere; mistakes become usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FlinkPilotError } from '../core/errors';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  workspace: { type: 'string', short: 'w' },
} as const satisfies OptionSpecs;

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function usageError(message: string, hint?: string): FlinkPilotError {
  return new FlinkPilotError(message, { code: 'usage', hint: hint ?? 'Run `flink-pilot <command> --help` for the options.' });
}

export function parseCommandArgs(command: string, args: readonly string[], options: OptionSpecs): ParsedCommand {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: values as ParsedCommand['values'], positionals };
  } catch (error) {
    // parseArgs' messages name the option ("Unknown option '--savepont'"); keep them, drop its internal code.
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error);
    throw usageError(`${command}: ${message}`, `Run \`flink-pilot ${command} --help\` for the options.`);
  }
}

export function stringOption(parsed: ParsedCommand, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(parsed: ParsedCommand, name: string): boolean {
  return parsed.values[name] === true;
}

/** Exactly `count` positionals, else a usage error naming what is missing. */
export function requirePositionals(command: string, parsed: ParsedCommand, names: readonly string[]): string[] {
  if (parsed.positionals.length < names.length) {
    throw usageError(`${command}: missing ${names.slice(parsed.positionals.length).map((n) => n.toUpperCase()).join(' ')}.`);
  }
  if (parsed.positionals.length > names.length) {
    throw usageError(`${command}: unexpected argument "${parsed.positionals[names.length]}".`);
  }
  return parsed.positionals;
}

/** At most one of the given flags. */
export function exclusiveFlags(command: string, parsed: ParsedCommand, names: readonly string[]): string | undefined {
  const given = names.filter((name) => flag(parsed, name));
  if (given.length > 1) throw usageError(`${command}: choose one of ${names.map((n) => `--${n}`).join(', ')}, not ${given.map((n) => `--${n}`).join(' and ')}.`);
  return given[0];
}
