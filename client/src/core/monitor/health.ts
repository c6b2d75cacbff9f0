// Health of the workspace's Flink jobs, derived purely from a monitor snapshot: per job and overall
// (ok / warning / error), counts for the status bar (`$(pulse) Flink 5 ✓ 1 ⚠ 0 ✗`) and a list of
// problems in words, worst first, for its tooltip.
import { TERMINAL_JOB_STATES } from '../flink/flinkRestTypes';
import type { JobSnapshot, MonitorSnapshot } from './monitorTypes';

export type HealthLevel = 'ok' | 'warning' | 'error';

export type ProblemKind = 'failed' | 'failing' | 'restarting' | 'tasks-not-running' | 'checkpoints-failing' | 'recent-restarts' | 'cluster-unreachable';

export interface HealthProblem {
  level: Exclude<HealthLevel, 'ok'>;
  kind: ProblemKind;
  cluster: string;
  jobId?: string;
  jobName?: string;
  /** One line for people, e.g. `orders-enrich on prod: RESTARTING (3 restarts)`. */
  text: string;
}

export interface JobHealth {
  cluster: string;
  jobId: string;
  name: string;
  state: JobSnapshot['state'];
  /** `stopped`: ended normally (finished, cancelled) — not counted as a problem. */
  level: HealthLevel | 'stopped';
  problems: HealthProblem[];
  restarts: number;
  /** Age of the latest completed checkpoint, when known. */
  lastCheckpointAgeMs?: number;
  uptimeMs?: number;
  tracked: boolean;
}

export interface ClusterHealth {
  name: string;
  level: HealthLevel;
  text: string;
}

export interface WorkspaceHealth {
  level: HealthLevel;
  counts: { ok: number; warning: number; error: number; stopped: number };
  jobs: JobHealth[];
  clusters: ClusterHealth[];
  /** Every problem, errors first. */
  problems: HealthProblem[];
  /** e.g. `5 ✓ 1 ⚠ 0 ✗`. */
  summary: string;
}

export interface HealthOptions {
  now: number;
  /** `tracked`: only the workspace's own jobs (from job file history); `all`: every job on the clusters. */
  scope?: 'tracked' | 'all';
  /** A restart this recent keeps a running job at warning; 0 (default) judges by the current state only. */
  recentRestartMs?: number;
}

const LEVEL_ORDER: Record<HealthLevel, number> = { ok: 0, warning: 1, error: 2 };

export function worse(a: HealthLevel, b: HealthLevel): HealthLevel {
  return LEVEL_ORDER[a] >= LEVEL_ORDER[b] ? a : b;
}

export function jobHealth(job: JobSnapshot, options: HealthOptions & { clusterReachable?: boolean }): JobHealth {
  const problems: HealthProblem[] = [];
  const where = `${job.name} on ${job.cluster}`;
  const add = (level: HealthProblem['level'], kind: ProblemKind, text: string) =>
    problems.push({ level, kind, cluster: job.cluster, jobId: job.jobId, jobName: job.name, text: `${where}: ${text}` });
  const restartsText = job.restarts > 0 ? ` (${job.restarts} restart${job.restarts === 1 ? '' : 's'})` : '';
  let level: JobHealth['level'] = 'ok';

  if (options.clusterReachable === false) {
    add('warning', 'cluster-unreachable', 'state unknown, the cluster does not answer');
  } else if (job.state === 'FAILED') {
    add('error', 'failed', `FAILED${job.lastException ? ` — ${job.lastException.text}` : ''}`);
  } else if (job.state === 'FAILING') {
    add('error', 'failing', `FAILING${job.lastException ? ` — ${job.lastException.text}` : ''}`);
  } else if (job.state === 'RESTARTING') {
    add('warning', 'restarting', `RESTARTING${restartsText}${job.lastException ? ` — ${job.lastException.text}` : ''}`);
  } else if (TERMINAL_JOB_STATES.has(job.state)) {
    level = 'stopped';
  } else {
    if (job.state === 'RUNNING' && job.tasksTotal > 0 && job.tasksRunning < job.tasksTotal) {
      add('warning', 'tasks-not-running', `${job.tasksRunning} of ${job.tasksTotal} tasks running${restartsText} — waiting for task slots?`);
    }
    if (job.checkpointsFailing) {
      add('warning', 'checkpoints-failing', `checkpoints failing${job.checkpoints?.lastFailureMessage ? ` — ${job.checkpoints.lastFailureMessage}` : ''}`);
    }
    const recent = options.recentRestartMs ?? 0;
    if (recent > 0 && job.lastRestartAt !== undefined && options.now - job.lastRestartAt < recent) {
      add('warning', 'recent-restarts', `restarted ${Math.round((options.now - job.lastRestartAt) / 1000)} s ago${restartsText}`);
    }
  }
  if (level !== 'stopped') for (const p of problems) level = worse(level, p.level);
  const lastCheckpointAt = job.checkpoints?.lastCompletedAt;
  return {
    cluster: job.cluster,
    jobId: job.jobId,
    name: job.name,
    state: job.state,
    level,
    problems,
    restarts: job.restarts,
    lastCheckpointAgeMs: lastCheckpointAt ? Math.max(0, options.now - lastCheckpointAt) : undefined,
    uptimeMs: job.state === 'RUNNING' && job.startTime > 0 ? Math.max(0, options.now - job.startTime) : undefined,
    tracked: job.tracked !== undefined,
  };
}

/**
 * Only the newest run of each job name per cluster counts: a FAILED run that was restored as a new
 * job is history, not a current problem.
 */
function currentRuns(jobs: readonly JobSnapshot[]): JobSnapshot[] {
  const newest = new Map<string, JobSnapshot>();
  for (const job of jobs) {
    const name = job.tracked?.jobFilePath ?? job.name;
    const existing = newest.get(name);
    if (!existing || job.startTime > existing.startTime) newest.set(name, job);
  }
  return [...newest.values()];
}

export function workspaceHealth(snapshot: MonitorSnapshot, options: HealthOptions): WorkspaceHealth {
  const scope = options.scope ?? 'tracked';
  const jobs: JobHealth[] = [];
  const clusters: ClusterHealth[] = [];
  const problems: HealthProblem[] = [];
  for (const cluster of snapshot.clusters) {
    const reachable = cluster.status !== 'unreachable';
    if (!reachable) {
      const since = cluster.unreachableSince ? ` for ${formatDuration(options.now - cluster.unreachableSince)}` : '';
      const text = `Cluster ${cluster.name} unreachable${since}${cluster.lastError ? ` — ${cluster.lastError}` : ''}`;
      clusters.push({ name: cluster.name, level: 'error', text });
      problems.push({ level: 'error', kind: 'cluster-unreachable', cluster: cluster.name, text });
    } else {
      clusters.push({ name: cluster.name, level: 'ok', text: cluster.status === 'unknown' ? `Cluster ${cluster.name}: not polled yet` : `Cluster ${cluster.name}: reachable` });
    }
    const inScope = cluster.jobs.filter((j) => scope === 'all' || j.tracked !== undefined);
    for (const job of currentRuns(inScope)) {
      const health = jobHealth(job, { ...options, clusterReachable: reachable });
      jobs.push(health);
      // The cluster-level problem already says it; do not repeat it per job.
      if (reachable) problems.push(...health.problems);
    }
  }
  const counts = { ok: 0, warning: 0, error: 0, stopped: 0 };
  let level: HealthLevel = 'ok';
  for (const job of jobs) {
    counts[job.level]++;
    if (job.level !== 'stopped') level = worse(level, job.level);
  }
  for (const cluster of clusters) level = worse(level, cluster.level);
  problems.sort((a, b) => LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level]);
  jobs.sort((a, b) => a.cluster.localeCompare(b.cluster) || a.name.localeCompare(b.name));
  return { level, counts, jobs, clusters, problems, summary: `${counts.ok} ✓ ${counts.warning} ⚠ ${counts.error} ✗` };
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}
