// Wires the monitor to the outside world: each monitor event is checked against the triggers of
// the job files, passes de-duplication and rate limiting per channel, and is sent by email or
// webhook; failed jobs whose file asks for it are restarted automatically. Every alert also goes to
// `onAlert` listeners (the editor shows them as notifications). Log lines name channels by type,
// name and host only: addresses, tokens and passwords never reach a log.
import { describeError, FlinkPilotError } from '../errors';
import type { AlertSettings, AutoRestartSettings } from '../jobs/jobFile';
import { systemClock, type MonitorClock } from '../monitor/clock';
import type { Disposable, MonitorEvent, MonitorSnapshot, TrackedJob } from '../monitor/monitorTypes';
import { AlertGate } from './alertGate';
import { AlertRules, type AlertBinding } from './alertRules';
import { resolveAlertSettings, type AlertSettingsProblem, type DefaultSmtp } from './alertSettings';
import type { Alert, AlertChannel, ChannelSettings, SecretResolver } from './alertTypes';
import { AutoRestarter, type AutoRestartOutcome, type RestoreFunction } from './autoRestart';
import { EmailChannel } from './emailChannel';
import { WebhookChannel } from './webhookChannel';

/** What the service needs of the monitor (JobMonitor has it). */
export interface MonitorHandle {
  onEvent(listener: (event: MonitorEvent) => void): Disposable;
  snapshot(): MonitorSnapshot;
  trackJob?(job: TrackedJob): void;
  nudge?(): void;
}

/** A job file with its alerting blocks, as the editor or CLI loaded it. */
export interface AlertJobInput {
  jobFilePath: string;
  jobName: string;
  cluster: string;
  alerts?: AlertSettings;
  autoRestart?: AutoRestartSettings;
}

export type DeliveryOutcome = 'sent' | 'duplicate' | 'rate-limited' | 'failed';

export interface AlertDelivery {
  alert: Alert;
  /** Channel description (no secrets). */
  channel: string;
  outcome: DeliveryOutcome;
  error?: FlinkPilotError;
}

export type AlertLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface AlertServiceOptions {
  monitor: MonitorHandle;
  resolveSecret: SecretResolver;
  clock?: MonitorClock;
  /** Restores a job (jobService.restoreJob); without it, auto-restart is reported as unavailable. */
  restore?: RestoreFunction;
  defaultSmtp?: DefaultSmtp;
  dedupWindowMs?: number;
  maxAlertsPerChannelPerHour?: number;
  log?: AlertLog;
  /** Builds a channel from its settings (tests may substitute). */
  createChannel?: (settings: ChannelSettings, owner: string, resolveSecret: SecretResolver) => AlertChannel;
}

export function createAlertChannel(settings: ChannelSettings, owner: string, resolveSecret: SecretResolver): AlertChannel {
  return settings.type === 'email' ? new EmailChannel(settings, { owner, resolveSecret }) : new WebhookChannel(settings, { owner, resolveSecret });
}

interface BoundJob {
  binding: AlertBinding;
  channels: Map<string, AlertChannel>;
}

export class AlertService implements Disposable {
  readonly #options: AlertServiceOptions;
  readonly #clock: MonitorClock;
  readonly #rules: AlertRules;
  readonly #gate: AlertGate;
  /** The editor's notifications: de-duplicated like a channel, with a looser rate limit. */
  readonly #editorGate: AlertGate;
  readonly #restarter: AutoRestarter;
  readonly #subscription: Disposable;
  readonly #alertListeners = new Set<(alert: Alert) => void>();
  readonly #deliveryListeners = new Set<(delivery: AlertDelivery) => void>();
  readonly #pending = new Set<Promise<void>>();
  #jobs = new Map<string, BoundJob>();
  #disposed = false;

  constructor(options: AlertServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock();
    const now = () => this.#clock.now();
    this.#rules = new AlertRules({ now, webUrlOf: (cluster) => options.monitor.snapshot().clusters.find((c) => c.name === cluster)?.webUrl });
    this.#gate = new AlertGate({ now, dedupWindowMs: options.dedupWindowMs, maxPerPeriod: options.maxAlertsPerChannelPerHour });
    this.#editorGate = new AlertGate({ now, dedupWindowMs: options.dedupWindowMs, maxPerPeriod: 60 });
    this.#restarter = new AutoRestarter({
      clock: this.#clock,
      restore: options.restore ?? (async (request) => ({ ok: false, error: unavailable(request.jobName) })),
      onOutcome: (outcome) => this.#onRestartOutcome(outcome),
    });
    this.#subscription = options.monitor.onEvent((event) => this.#onEvent(event));
  }

  /** Sets the job files to alert for; returns the problems of their alerting blocks (with key paths). */
  setJobs(jobs: readonly AlertJobInput[]): Map<string, AlertSettingsProblem[]> {
    const problems = new Map<string, AlertSettingsProblem[]>();
    const next = new Map<string, BoundJob>();
    for (const job of jobs) {
      const resolved = resolveAlertSettings(job.alerts, job.autoRestart, { defaultSmtp: this.#options.defaultSmtp, jobFilePath: job.jobFilePath });
      if (resolved.problems.length > 0) problems.set(job.jobFilePath, resolved.problems);
      const create = this.#options.createChannel ?? createAlertChannel;
      const channels = new Map(resolved.settings.channels.map((c) => [c.name, create(c, job.jobFilePath, this.#options.resolveSecret)] as const));
      next.set(job.jobFilePath, { binding: { jobFilePath: job.jobFilePath, jobName: job.jobName, cluster: job.cluster, settings: resolved.settings }, channels });
    }
    for (const old of this.#jobs.values()) for (const channel of old.channels.values()) channel.close?.();
    this.#jobs = next;
    this.#rules.setBindings([...next.values()].map((j) => j.binding));
    return problems;
  }

  onAlert(listener: (alert: Alert) => void): Disposable {
    this.#alertListeners.add(listener);
    return { dispose: () => this.#alertListeners.delete(listener) };
  }

  onDelivery(listener: (delivery: AlertDelivery) => void): Disposable {
    this.#deliveryListeners.add(listener);
    return { dispose: () => this.#deliveryListeners.delete(listener) };
  }

  /** Resolves when every delivery and automatic restart under way has finished. */
  async whenSettled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    await this.#restarter.whenSettled();
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#subscription.dispose();
    this.#restarter.dispose();
    for (const job of this.#jobs.values()) for (const channel of job.channels.values()) channel.close?.();
    this.#alertListeners.clear();
    this.#deliveryListeners.clear();
  }

  #onEvent(event: MonitorEvent): void {
    if (this.#disposed) return;
    for (const triggered of this.#rules.evaluate(event)) this.#dispatch(triggered.alert, triggered.binding.jobFilePath, triggered.channels);
    if (event.kind === 'job-failed') {
      const binding = this.#rules.bindingFor(event.cluster, event.job);
      const policy = binding?.settings.autoRestart;
      if (binding && policy?.enabled) {
        const scheduled = this.#restarter.handleFailure({ cluster: event.cluster, jobFilePath: binding.jobFilePath, jobName: binding.jobName, failedJobId: event.job.jobId }, policy);
        if (scheduled) this.#log('info', `Job ${binding.jobName} failed on ${event.cluster}: automatic restart from ${policy.from} in ${Math.round(policy.delayMs / 1000)} s.`);
      }
    }
  }

  #dispatch(alert: Alert, jobFilePath: string, channelNames: readonly string[]): void {
    // The editor's own notification passes the same de-duplication as a channel.
    if (this.#editorGate.admit('editor', alert.dedupKey).admitted) {
      for (const listener of this.#alertListeners) {
        try {
          listener(alert);
        } catch (error) {
          this.#log('error', `Alert listener failed: ${describeError(error)}`);
        }
      }
    }
    const job = this.#jobs.get(jobFilePath);
    if (!job) return;
    for (const name of channelNames) {
      const channel = job.channels.get(name);
      if (!channel) continue;
      const decision = this.#gate.admit(channel.id, alert.dedupKey);
      if (!decision.admitted) {
        this.#log('info', `Alert "${alert.title}" not sent to ${channel.description}: ${decision.reason === 'duplicate' ? 'already sent recently' : 'rate limit reached'}.`);
        this.#emitDelivery({ alert, channel: channel.description, outcome: decision.reason });
        continue;
      }
      const withNote: Alert =
        decision.suppressedSinceLast > 0
          ? { ...alert, facts: [...alert.facts, { label: 'Held back', value: `${decision.suppressedSinceLast} similar alert(s) since the last message` }] }
          : alert;
      const sending = channel.send(withNote).then((result) => {
        if (result.ok) {
          this.#log('info', `Alert "${alert.title}" sent to ${channel.description}.`);
          this.#emitDelivery({ alert, channel: channel.description, outcome: 'sent' });
        } else {
          this.#gate.release(channel.id, alert.dedupKey);
          this.#log('warn', result.error.message);
          this.#emitDelivery({ alert, channel: channel.description, outcome: 'failed', error: result.error });
        }
      });
      const tracked = sending.finally(() => this.#pending.delete(tracked));
      this.#pending.add(tracked);
    }
  }

  #onRestartOutcome(outcome: AutoRestartOutcome): void {
    if (this.#disposed) return;
    const jobFilePath = outcome.kind === 'exhausted' ? outcome.jobFilePath : outcome.request.jobFilePath;
    const bound = this.#jobs.get(jobFilePath);
    const now = this.#clock.now();
    let alert: Alert;
    if (outcome.kind === 'restarted') {
      const r = outcome.request;
      this.#options.monitor.trackJob?.({ cluster: r.cluster, jobId: outcome.result.jobId, jobFilePath: r.jobFilePath, name: r.jobName });
      this.#options.monitor.nudge?.();
      alert = {
        topic: 'auto-restarted',
        severity: 'info',
        dedupKey: `auto-restarted:${r.jobFilePath}:${outcome.result.jobId}`,
        title: `Flink job ${r.jobName} restarted automatically on ${r.cluster}`,
        summary: `Attempt ${r.attempt} of ${r.maxRestarts}: the failed job ${r.failedJobId} was restored from its ${r.from.replace('latest-', 'latest ')} as job ${outcome.result.jobId}.`,
        facts: [
          { label: 'Job', value: r.jobName },
          { label: 'Cluster', value: r.cluster },
          { label: 'New job ID', value: outcome.result.jobId },
          { label: 'Failed job ID', value: r.failedJobId },
          ...(outcome.result.restoredFrom ? [{ label: 'Restored from', value: outcome.result.restoredFrom }] : []),
        ],
        at: now,
        cluster: r.cluster,
        jobId: outcome.result.jobId,
        jobName: r.jobName,
        jobFilePath: r.jobFilePath,
      };
    } else if (outcome.kind === 'failed') {
      const r = outcome.request;
      alert = {
        topic: 'auto-restart-failed',
        severity: 'error',
        dedupKey: `auto-restart-failed:${r.jobFilePath}:${r.failedJobId}`,
        title: `Automatic restart of Flink job ${r.jobName} failed on ${r.cluster}`,
        summary: outcome.error.message,
        facts: [
          { label: 'Job', value: r.jobName },
          { label: 'Cluster', value: r.cluster },
          { label: 'Failed job ID', value: r.failedJobId },
          { label: 'Attempt', value: `${r.attempt} of ${r.maxRestarts}` },
          ...(outcome.error.hint ? [{ label: 'What to do', value: outcome.error.hint }] : []),
        ],
        at: now,
        cluster: r.cluster,
        jobId: r.failedJobId,
        jobName: r.jobName,
        jobFilePath: r.jobFilePath,
      };
    } else {
      alert = {
        topic: 'auto-restart-exhausted',
        severity: 'error',
        dedupKey: `auto-restart-exhausted:${outcome.jobFilePath}`,
        title: `Flink job ${outcome.jobName} failed again — automatic restarts used up`,
        summary: `${outcome.attempts} automatic restart(s) already made (limit ${outcome.maxRestarts}); the job stays FAILED until someone looks at it.`,
        facts: [
          { label: 'Job', value: outcome.jobName },
          { label: 'Cluster', value: outcome.cluster },
          { label: 'Failed job ID', value: outcome.failedJobId },
        ],
        at: now,
        cluster: outcome.cluster,
        jobId: outcome.failedJobId,
        jobName: outcome.jobName,
        jobFilePath: outcome.jobFilePath,
      };
    }
    this.#log(alert.severity === 'error' ? 'warn' : 'info', `${alert.title}: ${alert.summary}`);
    // Outcomes go to the channels that hear about failures (or all, when no failed trigger picks some).
    const failedTriggers = bound?.binding.settings.triggers.filter((t) => t.on === 'failed') ?? [];
    const names = new Set(failedTriggers.flatMap((t) => (t.channels.length > 0 ? t.channels : [...(bound?.channels.keys() ?? [])])));
    if (failedTriggers.length === 0) for (const name of bound?.channels.keys() ?? []) names.add(name);
    this.#dispatch(alert, jobFilePath, [...names]);
  }

  #emitDelivery(delivery: AlertDelivery): void {
    for (const listener of this.#deliveryListeners) {
      try {
        listener(delivery);
      } catch (error) {
        this.#log('error', `Delivery listener failed: ${describeError(error)}`);
      }
    }
  }

  #log(level: 'info' | 'warn' | 'error', message: string): void {
    this.#options.log?.(level, message);
  }
}

function unavailable(jobName: string): FlinkPilotError {
  return new FlinkPilotError(`Automatic restart of ${jobName} is not available here.`, {
    code: 'auto-restart-unavailable',
    hint: 'Restore the job with the Restore command.',
  });
}
