// One shape for "where in which file": read from any error that carries it, nothing invented for
// errors that do not.
import { describe, expect, it } from 'vitest';
import { FlinkPilotError } from '../../../../client/src/core/errors';
import { filePositionOf, messageWithoutPosition } from '../../../../client/src/core/jobs/filePosition';
import { SqlSubmissionError } from '../../../../client/src/core/jobs/sqlSubmission';

describe('file positions of errors', () => {
  it('reads the position of a SQL submission error, with its end', () => {
    const error = new SqlSubmissionError("Column 'idd' not found", { file: '/ws/orders.flink.sql', start: { line: 3, column: 8 }, end: { line: 3, column: 10 } }, { code: 'sql-error' });
    expect(filePositionOf(error)).toEqual({ file: '/ws/orders.flink.sql', line: 3, column: 8, endLine: 3, endColumn: 10 });
    expect(error.message).toBe("/ws/orders.flink.sql:3:8: Column 'idd' not found");
    expect(messageWithoutPosition(error.message)).toBe("Column 'idd' not found");
  });

  it('has no position for errors without a file place, or with a broken one', () => {
    expect(filePositionOf(new FlinkPilotError('Cluster "prod" is unreachable.'))).toBeUndefined();
    expect(filePositionOf({ file: 'a.sql', line: 0, column: 1 })).toBeUndefined();
    expect(filePositionOf({ file: 'a.sql', line: '2', column: 1 })).toBeUndefined();
    expect(filePositionOf(undefined)).toBeUndefined();
    // An end column without an end line is not a range.
    expect(filePositionOf({ file: 'a.sql', line: 2, column: 1, endColumn: 9 })).toEqual({ file: 'a.sql', line: 2, column: 1 });
  });

  it('strips only a leading position, also from Windows paths', () => {
    expect(messageWithoutPosition('C:\\ws\\a.flink.sql:12:5: Encountered "FORM"')).toBe('Encountered "FORM"');
    expect(messageWithoutPosition('No position here: 1:2 inside')).toBe('No position here: 1:2 inside');
  });
});
