// Recognises our own processes by pid AND start time, so a pid recycled by the OS after a crash
// is never signalled (stale pid files are the classic way to kill the wrong process).
import { readFileSync } from 'node:fs';

/** Start time of a process in clock ticks since boot (Linux `/proc/<pid>/stat` field 22). */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

export function isOurProcess(pid: number, startTicks: number | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (startTicks === undefined) return true;
  const current = processStartTicks(pid);
  // A zombie or a platform without /proc: trust the pid check above.
  return current === undefined || current === startTicks;
}
