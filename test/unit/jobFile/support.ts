// Helpers for the job-file tests: documents at a path inside the fixtures (so referenced files and
// .flink/clusters.yaml resolve against real files), and `|` caret markers.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const jobsDir = join(fixturesDir, 'jobs');
export const demoDir = join(fixturesDir, 'demo');

let version = 0;
/** A job document that lives (virtually) in test/fixtures/jobs/. */
export function jobDocument(text: string, name = 'under-test.flink.yaml', dir = jobsDir): TextDocument {
  return TextDocument.create(pathToFileURL(join(dir, name)).href, 'flink-job-yaml', ++version, text);
}

/** Splits `a: |b` into the text without the marker and the marker's offset. */
export function caret(textWithCaret: string): { text: string; offset: number } {
  const offset = textWithCaret.indexOf('|');
  if (offset < 0) throw new Error('no | caret marker');
  return { text: textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1), offset };
}

/** 1-based line:column of an offset, for readable assertions. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}
