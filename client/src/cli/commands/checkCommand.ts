// `flink-pilot check FILE|DIR…`: the language server's diagnostics, offline, for CI pipelines. Runs the
// same pure language services the editor uses on `*.flink.sql`/`*.fsql` and `*.flink.yaml`/`*.flink.yml`
// files (directories are searched recursively) and prints `file:line:col: severity: message [code]`.
// Exit 1 when any error is found (or any warning, with --warnings-as-errors).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FlinkPilotError } from '../../core/errors';
import { flag, parseCommandArgs, stringOption, usageError } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { ExitCode } from '../exitCodes';
import { checkableKind, createCheckServices, type CheckServices } from './checkLanguageServices';
import { LOCAL_FLINK_RELEASES } from '../../core/local';
import { knownClusters } from '../cliClusters';

export const CHECK_HELP = `Usage: flink-pilot check FILE|DIR... [--flink VER] [--warnings-as-errors] [--json]

Checks Flink SQL (*.flink.sql, *.fsql) and job files (*.flink.yaml, *.flink.yml) with the language
server's diagnostics, without an editor or a cluster. Directories are searched recursively
(node_modules and dot-directories are skipped). Output: file:line:column: severity: message [code].
  --flink VER             Flink version for SQL files that no job file references (default: newest)
  --warnings-as-errors    exit 1 on warnings too
Exit 1 when an error is found, 0 when none, 5 when a file cannot be read.`;

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

export interface FileFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: (typeof SEVERITY)[number];
  message: string;
  code?: string | number;
  source?: string;
}

async function collectFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new FlinkPilotError(`Cannot read ${relative(cwd, path) || path}: it does not exist.`, { cause: error, code: 'job-file-missing' });
    }
    if (info.isDirectory()) {
      for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'target') continue;
        if (entry.isDirectory() || checkableKind(entry.name)) await visit(join(path, entry.name), false);
      }
    } else if (explicit || checkableKind(path)) {
      files.push(path);
    }
  };
  for (const path of paths) await visit(resolve(cwd, path), true);
  return files;
}

export function findingsOf(file: string, diagnostics: readonly Diagnostic[]): FileFinding[] {
  return diagnostics
    .map((d) => ({
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: SEVERITY[d.severity ?? 1] ?? 'error',
      message: typeof d.message === 'string' ? d.message : d.message.value,
      code: d.code,
      source: d.source,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

export async function checkFiles(files: readonly string[], services: CheckServices, cwd: string): Promise<FileFinding[]> {
  const findings: FileFinding[] = [];
  for (const file of files) {
    const kind = checkableKind(file);
    const shown = relative(cwd, file) || file;
    if (!kind) {
      findings.push({ file: shown, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', message: 'Not a Flink SQL or job file (expected .flink.sql, .fsql, .flink.yaml or .flink.yml).', code: 'unknown-file-type' });
      continue;
    }
    const text = await readFile(file, 'utf8');
    const document = TextDocument.create(pathToFileURL(file).toString(), kind === 'sql' ? 'flinksql' : 'flink-job-yaml', 1, text);
    findings.push(...findingsOf(shown, services.diagnostics(kind, document)));
  }
  return findings;
}

export async function checkCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('check', args, { flink: { type: 'string' }, 'warnings-as-errors': { type: 'boolean' } });
  if (parsed.values.help) {
    ctx.io.out(CHECK_HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length === 0) throw usageError('check: name at least one file or directory.', 'Example: flink-pilot check jobs/ sql/orders.flink.sql');
  const files = await collectFiles(parsed.positionals, ctx.cwd);
  const localNames = (await knownClusters(ctx).catch(() => [])).filter((c) => c.origin === 'local').map((c) => c.connection.name);
  const services = createCheckServices({
    flinkVersion: stringOption(parsed, 'flink'),
    workspace: ctx.workspace,
    extraClusterNames: [...localNames, ...LOCAL_FLINK_RELEASES.map((r) => `local-${r.line}`)],
  });
  const findings = await checkFiles(files, services, ctx.cwd);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const failed = errors > 0 || (flag(parsed, 'warnings-as-errors') && warnings > 0);
  ctx.io.json({ files: files.map((f) => relative(ctx.cwd, f) || f), findings, errors, warnings, ok: !failed });
  for (const f of findings) ctx.io.out(`${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}${f.code !== undefined ? ` [${f.code}]` : ''}`);
  ctx.io.out(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  return failed ? ExitCode.failed : ExitCode.ok;
}
