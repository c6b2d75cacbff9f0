// Turns monitor events into alerts according to the triggers of the job files: `failed`, more than
// N restarts within M, more than N checkpoint failures within M, `cluster-lost`. Windows are kept
// per job file (not per Flink job id), so restarts keep counting across an automatic restore.
import type { MonitorEvent } from '../monitor/monitorTypes';
import { formatDuration } from '../monitor/health';
import type { Alert, AlertFact, AlertTriggerKind, JobAlertSettings, TriggerSettings } from './alertTypes';

/** A job file with alerting: which Flink job it is (cluster + name) and its settings. */
export interface AlertBinding {
  jobFilePath: string;
  jobName: string;
  cluster: string;
  settings: JobAlertSettings;
}

export interface TriggeredAlert {
  alert: Alert;
  binding: AlertBinding;
  /** Channel names of the binding to send to. */
  channels: string[];
}

export interface AlertRulesOptions {
  now: () => number;
  /** Web UI base address of a cluster, for links. */
  webUrlOf?: (cluster: string) => string | undefined;
}

export class AlertRules {
  readonly #options: AlertRulesOptions;
  #bindings: AlertBinding[] = [];
  /** jobFilePath → trigger kind → event times. */
  readonly #windows = new Map<string, Map<AlertTriggerKind, number[]>>();

  constructor(options: AlertRulesOptions) {
    this.#options = options;
  }

  setBindings(bindings: readonly AlertBinding[]): void {
    this.#bindings = [...bindings];
    const live = new Set(bindings.map((b) => b.jobFilePath));
    for (const key of [...this.#windows.keys()]) if (!live.has(key)) this.#windows.delete(key);
  }

  /** The binding a monitored job belongs to: by the job file it was tracked with, else by cluster + name. */
  bindingFor(cluster: string, job: { name: string; tracked?: { jobFilePath?: string } }): AlertBinding | undefined {
    const byFile = job.tracked?.jobFilePath;
    return (
      (byFile ? this.#bindings.find((b) => b.jobFilePath === byFile) : undefined) ??
      this.#bindings.find((b) => b.cluster === cluster && b.jobName === job.name)
    );
  }

  evaluate(event: MonitorEvent): TriggeredAlert[] {
    const now = this.#options.now();
    if (event.kind === 'cluster-lost') {
      return this.#bindings
        .filter((b) => b.cluster === event.cluster)
        .flatMap((binding) =>
          triggersOf(binding, 'cluster-lost').map((trigger) => ({
            binding,
            channels: channelsOf(binding, trigger),
            alert: this.#alert(binding, event.cluster, {
              topic: 'cluster-lost',
              severity: 'error',
              // One message per cluster and channel, however many job files watch it.
              dedupKey: `cluster-lost:${event.cluster}`,
              title: `Flink cluster ${event.cluster} is unreachable`,
              summary: `The JobManager REST endpoint has not answered since ${new Date(event.since).toISOString()}: ${event.error}`,
              facts: [{ label: 'Cluster', value: event.cluster }, { label: 'Error', value: event.error }],
              webUrl: this.#options.webUrlOf?.(event.cluster),
            }),
          })),
        );
    }
    if (!('job' in event)) return [];
    const binding = this.bindingFor(event.cluster, event.job);
    if (!binding) return [];
    const job = event.job;
    const base = (extra: AlertFact[]): AlertFact[] => [
      { label: 'Job', value: job.name },
      { label: 'Cluster', value: event.cluster },
      { label: 'Job ID', value: job.jobId },
      { label: 'State', value: job.state },
      { label: 'Job file', value: binding.jobFilePath },
      ...extra,
    ];
    const webUrl = this.#jobUrl(event.cluster, job.jobId);
    const results: TriggeredAlert[] = [];
    const push = (trigger: TriggerSettings, alert: Omit<Alert, 'at' | 'cluster' | 'jobId' | 'jobName' | 'jobFilePath'>) =>
      results.push({ binding, channels: channelsOf(binding, trigger), alert: { ...alert, at: now, cluster: event.cluster, jobId: job.jobId, jobName: job.name, jobFilePath: binding.jobFilePath } });

    if (event.kind === 'job-failed') {
      for (const trigger of triggersOf(binding, 'failed')) {
        push(trigger, {
          topic: 'failed',
          severity: 'error',
          dedupKey: `failed:${binding.jobFilePath}:${job.jobId}`,
          title: `Flink job ${job.name} FAILED on ${event.cluster}`,
          summary: event.exception ? `Flink says: ${event.exception}` : 'Flink reports the job as FAILED; its restart strategy gave up.',
          facts: base([
            ...(event.exception ? [{ label: 'Root cause', value: event.exception }] : []),
            { label: 'Restarts seen', value: String(job.restarts) },
            ...(job.checkpoints?.lastCompletedPath ? [{ label: 'Latest checkpoint', value: job.checkpoints.lastCompletedPath }] : []),
          ]),
          webUrl,
        });
      }
    } else if (event.kind === 'job-restarted') {
      for (const { trigger, inWindow } of this.#exceeded(binding, 'restarts', event.restartTimes)) {
        push(trigger, {
          topic: 'restarts',
          severity: 'warning',
          dedupKey: `restarts:${binding.jobFilePath}`,
          title: `Flink job ${job.name} restarted ${inWindow} time${inWindow === 1 ? '' : 's'} in ${formatDuration(trigger.withinMs)} on ${event.cluster}`,
          summary: `More than ${trigger.count} restart${trigger.count === 1 ? '' : 's'} within ${formatDuration(trigger.withinMs)}.${event.exception ? ` Latest failure: ${event.exception}` : ''}`,
          facts: base([
            { label: 'Restarts in window', value: String(inWindow) },
            { label: 'Restarts seen', value: String(job.restarts) },
            ...(event.exception ? [{ label: 'Latest failure', value: event.exception }] : []),
          ]),
          webUrl,
        });
      }
    } else if (event.kind === 'checkpoints-failed') {
      for (const { trigger, inWindow } of this.#exceeded(binding, 'checkpoint-failures', event.failureTimes)) {
        push(trigger, {
          topic: 'checkpoint-failures',
          severity: 'warning',
          dedupKey: `checkpoint-failures:${binding.jobFilePath}`,
          title: `Flink job ${job.name}: ${inWindow} checkpoint failure${inWindow === 1 ? '' : 's'} in ${formatDuration(trigger.withinMs)} on ${event.cluster}`,
          summary: `More than ${trigger.count} failed checkpoint${trigger.count === 1 ? '' : 's'} within ${formatDuration(trigger.withinMs)}.${event.message ? ` Flink says: ${event.message}` : ''}`,
          facts: base([
            { label: 'Failures in window', value: String(inWindow) },
            ...(event.message ? [{ label: 'Failure', value: event.message }] : []),
            ...(job.checkpoints?.lastCompletedAt ? [{ label: 'Last completed checkpoint', value: new Date(job.checkpoints.lastCompletedAt).toISOString() }] : []),
          ]),
          webUrl,
        });
      }
    }
    return results;
  }

  /** Records new event times; returns the triggers of `kind` whose window now holds MORE than `count` events. */
  #exceeded(binding: AlertBinding, kind: 'restarts' | 'checkpoint-failures', times: readonly number[]): Array<{ trigger: TriggerSettings; inWindow: number }> {
    const recorded = this.#record(binding, kind, times);
    const now = this.#options.now();
    return triggersOf(binding, kind).flatMap((trigger) => {
      const inWindow = recorded.filter((t) => now - t <= trigger.withinMs).length;
      return inWindow > trigger.count ? [{ trigger, inWindow }] : [];
    });
  }

  #record(binding: AlertBinding, kind: AlertTriggerKind, times: readonly number[]): number[] {
    let perFile = this.#windows.get(binding.jobFilePath);
    if (!perFile) this.#windows.set(binding.jobFilePath, (perFile = new Map()));
    const longest = Math.max(0, ...triggersOf(binding, kind).map((t) => t.withinMs));
    const now = this.#options.now();
    const kept = [...(perFile.get(kind) ?? []), ...times].filter((t) => now - t <= longest).sort((a, b) => a - b);
    perFile.set(kind, kept);
    return kept;
  }

  #jobUrl(cluster: string, jobId: string): string | undefined {
    const base = this.#options.webUrlOf?.(cluster);
    return base ? `${base.replace(/\/+$/, '')}/#/job/running/${jobId}/overview` : undefined;
  }

  #alert(binding: AlertBinding, cluster: string, alert: Omit<Alert, 'at' | 'cluster'>): Alert {
    return { ...alert, at: this.#options.now(), cluster, jobFilePath: binding.jobFilePath };
  }
}

function triggersOf(binding: AlertBinding, kind: AlertTriggerKind): TriggerSettings[] {
  return binding.settings.triggers.filter((t) => t.on === kind);
}

function channelsOf(binding: AlertBinding, trigger: TriggerSettings): string[] {
  return trigger.channels.length > 0 ? trigger.channels : binding.settings.channels.map((c) => c.name);
}
