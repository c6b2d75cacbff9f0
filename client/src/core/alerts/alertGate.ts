// De-duplication and rate limiting in front of every channel: the same alert (job + topic) goes
// to a channel at most once per window, and a channel gets at most N alerts per period, so a
// flapping job cannot flood a group chat. What was held back is counted and mentioned in the next
// alert that passes.

export interface AlertGateOptions {
  now: () => number;
  /** Same channel + same dedup key within this window is a duplicate. Default 10 min. */
  dedupWindowMs?: number;
  /** At most this many alerts per channel per `ratePeriodMs`. Default 10. */
  maxPerPeriod?: number;
  /** Default 1 h. */
  ratePeriodMs?: number;
}

export type GateDecision = { admitted: true; suppressedSinceLast: number } | { admitted: false; reason: 'duplicate' | 'rate-limited' };

export class AlertGate {
  readonly #now: () => number;
  readonly #dedupWindowMs: number;
  readonly #maxPerPeriod: number;
  readonly #ratePeriodMs: number;
  readonly #lastSent = new Map<string, number>();
  readonly #sentTimes = new Map<string, number[]>();
  readonly #suppressed = new Map<string, number>();

  constructor(options: AlertGateOptions) {
    this.#now = options.now;
    this.#dedupWindowMs = options.dedupWindowMs ?? 10 * 60_000;
    this.#maxPerPeriod = options.maxPerPeriod ?? 10;
    this.#ratePeriodMs = options.ratePeriodMs ?? 60 * 60_000;
  }

  /** Decides and, when admitted, records the send. */
  admit(channelId: string, dedupKey: string): GateDecision {
    const now = this.#now();
    const key = `${channelId}\u0000${dedupKey}`;
    const last = this.#lastSent.get(key);
    if (last !== undefined && now - last < this.#dedupWindowMs) {
      this.#suppress(channelId);
      return { admitted: false, reason: 'duplicate' };
    }
    const times = (this.#sentTimes.get(channelId) ?? []).filter((t) => now - t < this.#ratePeriodMs);
    if (times.length >= this.#maxPerPeriod) {
      this.#sentTimes.set(channelId, times);
      this.#suppress(channelId);
      return { admitted: false, reason: 'rate-limited' };
    }
    times.push(now);
    this.#sentTimes.set(channelId, times);
    this.#lastSent.set(key, now);
    const suppressedSinceLast = this.#suppressed.get(channelId) ?? 0;
    this.#suppressed.delete(channelId);
    this.#prune(now);
    return { admitted: true, suppressedSinceLast };
  }

  /** Forgets a failed send, so the next attempt is not taken for a duplicate. */
  release(channelId: string, dedupKey: string): void {
    this.#lastSent.delete(`${channelId}\u0000${dedupKey}`);
    const times = this.#sentTimes.get(channelId);
    times?.pop();
  }

  #suppress(channelId: string): void {
    this.#suppressed.set(channelId, (this.#suppressed.get(channelId) ?? 0) + 1);
  }

  #prune(now: number): void {
    if (this.#lastSent.size < 1000) return;
    for (const [key, at] of this.#lastSent) if (now - at >= this.#dedupWindowMs) this.#lastSent.delete(key);
  }
}
