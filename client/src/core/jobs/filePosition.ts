// Where in which file something went wrong, in the one shape every positioned error and finding of
// the core uses (SqlSubmissionError, deep-check findings), so the CLI prints `file:line:column` and
// the editor shows a diagnostic at the same place.

/** A place in a file: 1-based line and column; the end, when known, is inclusive (as Flink reports it). */
export interface FilePosition {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** The position an error carries (e.g. a SqlSubmissionError), or undefined when it names no place in a file. */
export function filePositionOf(error: unknown): FilePosition | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Partial<Record<keyof FilePosition, unknown>>;
  if (typeof e.file !== 'string' || !isPositiveInteger(e.line) || !isPositiveInteger(e.column)) return undefined;
  const position: FilePosition = { file: e.file, line: e.line, column: e.column };
  if (isPositiveInteger(e.endLine)) {
    position.endLine = e.endLine;
    if (isPositiveInteger(e.endColumn)) position.endColumn = e.endColumn;
  }
  return position;
}

/** A message without its leading `file:line:column: ` (where the place is shown separately). */
export function messageWithoutPosition(message: string): string {
  return message.replace(/^.*?:\d+:\d+: /, '');
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}
