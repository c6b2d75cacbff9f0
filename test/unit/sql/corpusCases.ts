// Reads the Flink SQL-client test scripts (../shared/reference/flink-sql-corpus, `.q` format) into
// statements with Flink's verdict, for the corpus, fuzz and benchmark tests.
//
// `.q` format (see /work/shared/reference/README.md): `#` lines are comments; a statement block
// ends at a line ending in ';' (or, in sql_multi/ files, at a `!output` line); the expected output
// follows and ends with a directive `!ok`, `!info`, `!warning` or `!error`. A statement that Flink
// rejects while PARSING has `!error` with a ParseException in its output.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitStatements } from '../../../server/src/languageService/sql/statementSplitter';

export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/reference/flink-sql-corpus', import.meta.url));

export interface CorpusStatement {
  /** `file:line` of the statement block, for failure messages. */
  where: string;
  text: string;
  /** Flink's verdict: 'accepted' (including runtime/validation errors), 'parse-error'. */
  verdict: 'accepted' | 'parse-error';
  expectedOutput: string;
}

/** `$VAR_*` placeholders are filled in by Flink's harness; a path is what they stand for. */
function substitute(text: string): string {
  return text.replace(/\$VAR_[A-Z0-9_]+/g, (name) => `/tmp/flink-test/${name.slice(5).toLowerCase()}`);
}

function listQFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listQFiles(join(dir, entry.name)) : entry.name.endsWith('.q') ? [join(dir, entry.name)] : [],
  ).sort();
}

/** True when the block's last ';' really terminates a statement (not inside a string or comment). */
function endsWithTerminator(block: string): boolean {
  const statements = splitStatements(block);
  const last = statements[statements.length - 1];
  return last !== undefined && last.terminator === block.trimEnd().length - 1;
}

export function loadCorpus(dir = CORPUS_DIR): CorpusStatement[] {
  const statements: CorpusStatement[] = [];
  for (const file of listQFiles(dir)) {
    const multi = file.includes('sql_multi');
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    let block: string[] = [];
    let blockLine = 0;
    let output: string[] | null = null;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (output !== null) {
        if (/^!(ok|info|warning|error)\s*$/.test(line)) {
          const text = substitute(block.join('\n'));
          const out = output.join('\n');
          const parseError = line.startsWith('!error') && /ParseException|SQL parse failed/.test(out);
          const where = `${relative(dir, file)}:${blockLine + 1}`;
          for (const s of splitStatements(text)) {
            statements.push({ where, text: s.text, verdict: parseError ? 'parse-error' : 'accepted', expectedOutput: out });
          }
          block = [];
          output = null;
        } else {
          output.push(line);
        }
        continue;
      }
      if (block.length === 0 && (line.startsWith('#') || line.trim() === '')) continue;
      if (line.startsWith('#')) continue;
      if (block.length === 0) blockLine = i;
      if (multi && line.trim() === '!output') {
        output = [];
        continue;
      }
      block.push(line);
      if (!multi && line.trimEnd().endsWith(';') && endsWithTerminator(block.join('\n'))) output = [];
    }
  }
  return statements;
}
