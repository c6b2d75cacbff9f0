// Monitor events in words for notifications (pure, unit tested).
import type { MonitorEvent } from '../core/monitor/monitorTypes';

export function describeMonitorEvent(event: MonitorEvent): { level: 'error' | 'warning' | 'info'; text: string } | undefined {
  switch (event.kind) {
    case 'job-failed':
      return { level: 'error', text: `Flink job "${event.job.name}" on ${event.cluster} FAILED${event.exception ? `: ${event.exception}` : ''}` };
    case 'job-restarted':
      return { level: 'warning', text: `Flink job "${event.job.name}" on ${event.cluster} restarted (${event.job.restarts} restart${event.job.restarts === 1 ? '' : 's'})${event.exception ? `: ${event.exception}` : ''}` };
    case 'checkpoints-failed':
      return { level: 'warning', text: `Checkpoints of "${event.job.name}" on ${event.cluster} are failing${event.message ? `: ${event.message}` : ''}` };
    case 'job-stopped-externally':
      return { level: 'warning', text: `Flink job "${event.job.name}" on ${event.cluster} was ${event.how} outside the editor.` };
    case 'cluster-lost':
      return { level: 'error', text: `Flink cluster "${event.cluster}" does not answer: ${event.error}` };
    case 'cluster-back':
      return { level: 'info', text: `Flink cluster "${event.cluster}" answers again.` };
    default:
      return undefined;
  }
}
