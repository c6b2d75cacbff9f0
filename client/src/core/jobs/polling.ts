// Polls until a probe reports a value, with adaptive backoff: the pause grows with the time already
// waited (a tenth of it, within bounds), so a savepoint that takes 300 ms is seen within ~30 ms of
// completing, and one that takes ten minutes costs few requests. Bounded by a timeout, cancellable;
// the timer is always cleared.
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';

export interface PollOptions {
  /** What is awaited, for the timeout message, e.g. "savepoint of job 3f…". */
  what: string;
  timeoutMs: number;
  signal?: AbortSignal;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Pause as a fraction of the time waited so far; default 0.1. */
  fraction?: number;
  hint?: string;
}

/** `probe` answers ok(undefined) for "not yet", ok(value) when done, or an error that ends polling. */
export async function pollUntil<T, E extends Error>(
  probe: () => Promise<Result<T | undefined, E>>,
  options: PollOptions,
): Promise<Result<T, E | FlinkPilotError>> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const initial = options.initialDelayMs ?? 25;
  for (;;) {
    if (options.signal?.aborted) return err(new FlinkPilotError(`Cancelled while waiting for ${options.what}.`, { code: 'aborted' }));
    const result = await probe();
    if (!result.ok) return result;
    if (result.value !== undefined) return ok(result.value);
    const left = deadline - Date.now();
    if (left <= 0) {
      return err(new FlinkPilotError(`Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what}.`, { code: 'timeout', hint: options.hint }));
    }
    const delay = Math.min(options.maxDelayMs ?? 1000, Math.max(initial, (Date.now() - started) * (options.fraction ?? 0.1)));
    await sleep(Math.min(delay, left), options.signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
