// Monitor snapshots for the client's unit tests, built field by field as the monitor fills them.
import type { ClusterSnapshot, JobSnapshot } from '../../../client/src/core/monitor/monitorTypes';

export const NOW = Date.parse('2026-11-25T03:00:00Z');

export function job(overrides: Partial<JobSnapshot> & Pick<JobSnapshot, 'jobId' | 'name'>): JobSnapshot {
  return {
    cluster: 'dev',
    state: 'RUNNING',
    startTime: NOW - 2 * 3_600_000 - 5 * 60_000,
    endTime: -1,
    lastModification: NOW - 60_000,
    tasksTotal: 3,
    tasksRunning: 3,
    restarts: 0,
    checkpointFailuresSeen: 0,
    checkpointsFailing: false,
    firstSeenAt: NOW - 3_600_000,
    ...overrides,
  };
}

export function cluster(name: string, jobs: JobSnapshot[], overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return { name, status: 'reachable', lastSeenAt: NOW, consecutiveFailures: 0, webUrl: `http://127.0.0.1:8081`, jobs: jobs.map((j) => ({ ...j, cluster: name })), ...overrides };
}
