// Links from a SQL script to the files it names: `ADD JAR '…'`, `CREATE FUNCTION … USING JAR '…'`
// and `file:` paths in WITH options (filesystem connector `path`, …). Relative paths resolve against
// the script's directory; `${var}` paths and remote schemes (hdfs:, s3:) are not linked.
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FlinkSqlParser } from './generated/FlinkSqlParser';
import type { ScriptModel } from './scriptModel';

function targetOf(documentUri: string, written: string): string | undefined {
  if (!written || written.includes('${')) return undefined;
  if (written.startsWith('file:')) {
    try {
      return pathToFileURL(fileURLToPath(written)).href;
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(written)) return undefined; // hdfs:, s3:, http: …
  if (isAbsolute(written)) return pathToFileURL(written).href;
  if (!documentUri.startsWith('file:')) return undefined;
  try {
    return pathToFileURL(resolve(dirname(fileURLToPath(documentUri)), written)).href;
  } catch {
    return undefined;
  }
}

export function sqlDocumentLinks(model: ScriptModel, document: TextDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const statement of model.statements) {
    const tokens = statement.analysis.parsed.tokens.getTokens().filter((t) => t.channel === 0);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type !== FlinkSqlParser.STRING_LITERAL) continue;
      const before = (tokens[i - 1]?.text ?? '').toUpperCase();
      const key = tokens[i - 2]?.type === FlinkSqlParser.STRING_LITERAL && tokens[i - 1]?.type === FlinkSqlParser.EQ ? tokens[i - 2]!.text ?? '' : '';
      const value = (t.text ?? '').slice(1, -1).replace(/''/g, "'");
      const isJar = before === 'JAR';
      const isPathOption = /^'(path|[\w.-]*\.(path|dir|file))'$/i.test(key) && value.startsWith('file:');
      if (!isJar && !isPathOption) continue;
      const target = targetOf(document.uri, value);
      if (!target) continue;
      const base = statement.split.start;
      links.push({
        range: { start: document.positionAt(base + t.start + 1), end: document.positionAt(base + t.stop) },
        target,
        tooltip: isJar ? 'Open the JAR location' : 'Open the path',
      });
    }
  }
  return links;
}
