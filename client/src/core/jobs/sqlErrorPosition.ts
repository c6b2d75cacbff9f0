// Finds the position Flink names in a SQL error ("… at line 2, column 15." from the parser,
// "From line 1, column 8 to line 1, column 12: …" from the validator) in the chain of causes of a
// gateway error, so the error can be shown at the right place in the `.flink.sql` file.
import { LineIndex, type TextPosition } from './sqlText';

export interface FlinkSqlPosition {
  start: TextPosition;
  end?: TextPosition;
}

const RANGE = /from line (\d+), column (\d+) to line (\d+), column (\d+)/i;
const POINT = /line (\d+), column (\d+)/i;

export function sqlPositionInMessages(messages: readonly string[]): FlinkSqlPosition | undefined {
  // The deepest cause is most precise; search from the root cause outwards.
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    const range = RANGE.exec(message);
    if (range) {
      return {
        start: { line: Number(range[1]), column: Number(range[2]) },
        end: { line: Number(range[3]), column: Number(range[4]) },
      };
    }
    const point = POINT.exec(message);
    if (point) return { start: { line: Number(point[1]), column: Number(point[2]) } };
  }
  return undefined;
}

/** The offset (in `statementText`) of a 1-based line/column position reported by Flink. */
export function offsetInStatement(statementText: string, position: TextPosition): number {
  return new LineIndex(statementText).offsetAt(position);
}

/** The most helpful single line of a SQL error: the cause that carries the position, else the root cause. */
export function sqlErrorLine(messages: readonly string[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (POINT.test(messages[i]!)) return messages[i];
  return messages.at(-1);
}

/**
 * The error for people: without Java class names and without Flink's statement-relative position
 * (the caller shows the position in the file instead). `Column 'idd' not found in any table`.
 */
export function humanSqlMessage(line: string): string {
  let text = line.trim();
  for (;;) {
    const stripped = text.replace(/^[\w.$]+(?:Exception|Error): /, '');
    if (stripped === text) break;
    text = stripped;
  }
  text = text.replace(RANGE, '').replace(/^:\s*/, '');
  text = text.replace(/ at line \d+, column \d+/i, '');
  return text.trim() || line.trim();
}
