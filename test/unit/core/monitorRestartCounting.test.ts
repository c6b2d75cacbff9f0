// Restart counting when Flink's exception history lags behind the job state (its details are cached
// for ~3 s): a failover seen first through its RESTARTING timestamp must not be counted again when
// its exception entry shows up on a later poll, and the failure that ended the job is no restart.
import { describe, expect, it } from 'vitest';
import { countNewRestarts, initialMarks } from '../../../client/src/core/monitor/jobChanges';
import type { JobDetails, JobExceptions } from '../../../client/src/core/flink/flinkRestTypes';

const details = (restartingAt?: number) => ({ timestamps: restartingAt ? { RESTARTING: restartingAt } : {} }) as unknown as JobDetails;
const history = (...timestamps: number[]) =>
  ({ exceptionHistory: { entries: timestamps.map((t) => ({ timestamp: t, exceptionName: 'java.lang.ArithmeticException', stacktrace: `java.lang.ArithmeticException: / by zero #${t}` })) } }) as unknown as JobExceptions;

describe('countNewRestarts', () => {
  it('counts one failover once, whether the timestamp or the exception entry is seen first', () => {
    const marks = initialMarks(1_000);
    // Poll 1: RUNNING again after a restart; the exception history does not show it yet.
    expect(countNewRestarts(marks, 'RUNNING', details(2_010), history()).restartTimes).toEqual([2_010]);
    // Poll 2: the entry of that same failover (failed at 2_000, restarting at 2_010) appears.
    expect(countNewRestarts(marks, 'RUNNING', details(2_010), history(2_000)).restartTimes).toEqual([]);
    // Poll 3: the job fails for good; its last exception ended it and is no restart.
    const final = countNewRestarts(marks, 'FAILED', details(2_010), history(2_000, 5_000));
    expect(final.restartTimes).toEqual([]);
    expect(final.failure?.text).toContain('#5000');
  });

  it('still counts a later failover that is seen through its exception entry', () => {
    const marks = initialMarks(1_000);
    expect(countNewRestarts(marks, 'RUNNING', details(2_010), history()).restartTimes).toEqual([2_010]);
    expect(countNewRestarts(marks, 'RUNNING', details(2_010), history(2_000, 7_000)).restartTimes).toEqual([7_000]);
  });

  it('counts each exception entry as one failover when the history is current', () => {
    const marks = initialMarks(1_000);
    expect(countNewRestarts(marks, 'RUNNING', details(3_010), history(2_000, 3_000)).restartTimes).toEqual([2_000, 3_000]);
    expect(countNewRestarts(marks, 'RUNNING', details(3_010), history(2_000, 3_000)).restartTimes).toEqual([]);
  });
});
