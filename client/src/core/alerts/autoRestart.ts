// Automatic restart of a failed job from its latest checkpoint or savepoint when the job file asks
// for it (`autoRestart`), up to `maxRestarts` within `within`, after `delay`. The restore itself is
// the deployment core's (jobService.restoreJob), injected as a function so this stays testable
// and the same code path as the user's own "Restore" command.
import { FlinkPilotError } from '../errors';
import type { MonitorClock, TimerHandle } from '../monitor/clock';
import type { Result } from '../result';
import type { AutoRestartPolicy } from './alertTypes';

export interface AutoRestartRequest {
  cluster: string;
  jobFilePath: string;
  jobName: string;
  failedJobId: string;
  from: 'latest-checkpoint' | 'latest-savepoint';
  /** 1-based attempt within the policy's window. */
  attempt: number;
  maxRestarts: number;
  signal: AbortSignal;
}

export interface AutoRestartResult {
  jobId: string;
  /** The checkpoint or savepoint path Flink restored from. */
  restoredFrom?: string;
}

export type RestoreFunction = (request: AutoRestartRequest) => Promise<Result<AutoRestartResult, FlinkPilotError>>;

export type AutoRestartOutcome =
  | { kind: 'restarted'; request: Omit<AutoRestartRequest, 'signal'>; result: AutoRestartResult }
  | { kind: 'failed'; request: Omit<AutoRestartRequest, 'signal'>; error: FlinkPilotError }
  | { kind: 'exhausted'; cluster: string; jobFilePath: string; jobName: string; failedJobId: string; attempts: number; maxRestarts: number };

export interface AutoRestarterOptions {
  clock: MonitorClock;
  restore: RestoreFunction;
  onOutcome: (outcome: AutoRestartOutcome) => void;
}

export class AutoRestarter {
  readonly #options: AutoRestarterOptions;
  /** jobFilePath → times of automatic restarts. */
  readonly #attempts = new Map<string, number[]>();
  /** Failed job ids already handled (a failure is acted on once). */
  readonly #handled = new Set<string>();
  readonly #timers = new Set<TimerHandle>();
  readonly #abort = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();
  #disposed = false;

  constructor(options: AutoRestarterOptions) {
    this.#options = options;
  }

  /** Attempts used within the window for a job file. */
  attemptsFor(jobFilePath: string, policy: AutoRestartPolicy): number {
    const now = this.#options.clock.now();
    return (this.#attempts.get(jobFilePath) ?? []).filter((t) => now - t <= policy.withinMs).length;
  }

  /** A job of this job file failed: restart it later if the policy allows. Returns whether a restart was scheduled. */
  handleFailure(target: { cluster: string; jobFilePath: string; jobName: string; failedJobId: string }, policy: AutoRestartPolicy): boolean {
    if (this.#disposed || !policy.enabled || this.#handled.has(target.failedJobId)) return false;
    this.#handled.add(target.failedJobId);
    const used = this.attemptsFor(target.jobFilePath, policy);
    if (used >= policy.maxRestarts) {
      this.#options.onOutcome({ kind: 'exhausted', ...target, attempts: used, maxRestarts: policy.maxRestarts });
      return false;
    }
    const times = this.#attempts.get(target.jobFilePath) ?? [];
    times.push(this.#options.clock.now());
    this.#attempts.set(target.jobFilePath, times);
    const request = { ...target, from: policy.from, attempt: used + 1, maxRestarts: policy.maxRestarts };
    const timer = this.#options.clock.setTimeout(() => {
      this.#timers.delete(timer);
      const run = this.#run(request).finally(() => this.#inFlight.delete(run));
      this.#inFlight.add(run);
    }, policy.delayMs);
    this.#timers.add(timer);
    return true;
  }

  /** Resolves when every restore that has started has finished. */
  async whenSettled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  dispose(): void {
    this.#disposed = true;
    this.#abort.abort();
    for (const timer of this.#timers) this.#options.clock.clearTimeout(timer);
    this.#timers.clear();
  }

  async #run(request: Omit<AutoRestartRequest, 'signal'>): Promise<void> {
    if (this.#disposed) return;
    const signal = this.#abort.signal;
    let result = await this.#restore({ ...request, signal });
    // No checkpoint retained (or no savepoint taken yet): the other kind of state is the next best.
    if (!result.ok && !signal.aborted) {
      const other = request.from === 'latest-checkpoint' ? 'latest-savepoint' : 'latest-checkpoint';
      const second = await this.#restore({ ...request, from: other, signal });
      if (second.ok) {
        request = { ...request, from: other };
        result = second;
      }
    }
    if (this.#disposed) return;
    if (result.ok) this.#options.onOutcome({ kind: 'restarted', request, result: result.value });
    else this.#options.onOutcome({ kind: 'failed', request, error: result.error });
  }

  async #restore(request: AutoRestartRequest): Promise<Result<AutoRestartResult, FlinkPilotError>> {
    try {
      return await this.#options.restore(request);
    } catch (cause) {
      return { ok: false, error: new FlinkPilotError(`Automatic restart of ${request.jobName} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, code: 'auto-restart' }) };
    }
  }
}
