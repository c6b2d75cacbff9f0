// Time for the monitor and the alert rules, injectable so tests and benchmarks drive cycles
// deterministically instead of waiting for real timers.

export interface TimerHandle {
  /** Opaque; only passed back to `clearTimeout`. */
  readonly id: number;
}

export interface MonitorClock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real wall clock; timers are unref'd so a forgotten monitor never keeps a CLI process alive. */
export function systemClock(): MonitorClock {
  const timers = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, delayMs) {
      const id = next++;
      const timer = setTimeout(() => {
        timers.delete(id);
        callback();
      }, Math.max(0, delayMs));
      timer.unref?.();
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      const timer = timers.get(handle.id);
      if (timer) clearTimeout(timer);
      timers.delete(handle.id);
    },
  };
}

/** A clock that only moves when told to: `advance(ms)` fires due timers in time order. */
export class ManualClock implements MonitorClock {
  #now: number;
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  /** Number of timers waiting (a disposed monitor must leave none). */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** When the earliest timer fires, if any. */
  get nextTimerAt(): number | undefined {
    let earliest: number | undefined;
    for (const timer of this.#timers.values()) if (earliest === undefined || timer.at < earliest) earliest = timer.at;
    return earliest;
  }

  /** Moves time forward, firing each due timer at its own time; awaits microtasks between timers. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= target && timer.at < dueAt) {
          dueAt = timer.at;
          dueId = id;
        }
      }
      if (dueId === undefined) break;
      const timer = this.#timers.get(dueId)!;
      this.#timers.delete(dueId);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
      await flushMicrotasks();
    }
    this.#now = target;
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
