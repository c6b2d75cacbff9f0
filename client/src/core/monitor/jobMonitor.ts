// The one poller for every cluster of the workspace. Each cycle makes one GET /jobs/overview per
// due cluster; only jobs whose overview changed (state, task states, last modification) get their
// details read (/jobs/:id, /checkpoints, /exceptions), plus a slow checkpoint re-read for the
// workspace's own running jobs, whose checkpoint failures change nothing in the overview. Results
// become a snapshot (for trees and the status bar) and typed events (for alerts and notifications).
import { describeError } from '../errors';
import { TERMINAL_JOB_STATES, type JobOverview } from '../flink/flinkRestTypes';
import { systemClock, type MonitorClock, type TimerHandle } from './clock';
import {
  applyOverview,
  countNewCheckpointFailures,
  countNewRestarts,
  FAILED_STATES,
  initialMarks,
  overviewSignature,
  rootCauseLine,
  snapshotFromOverview,
  type CountingMarks,
} from './jobChanges';
import type { ClusterSnapshot, Disposable, JobSnapshot, MonitorEvent, MonitoredCluster, MonitorSnapshot, TrackedJob } from './monitorTypes';
import { DEFAULT_POLL_INTERVALS, nextPollAt, pollMode, type PollIntervals, type PollMode } from './pollSchedule';

export interface JobMonitorOptions {
  clusters?: readonly MonitoredCluster[];
  clock?: MonitorClock;
  intervals?: Partial<PollIntervals>;
  /** A cluster is reported lost after this many failed polls in a row. Default 2 (one blip is not news). */
  lostAfterFailures?: number;
  /** Changed jobs whose details are read per cluster per cycle; the rest wait for the next cycle. Default 20. */
  maxDetailJobsPerCycle?: number;
  /** Parallel detail requests per cluster. Default 4. */
  detailConcurrency?: number;
  /** Re-read checkpoint statistics of tracked running jobs this often (0: never). Default 30 s. */
  trackedCheckpointRefreshMs?: number;
  /** How long `expectStop` explains a job ending. Default 10 min. */
  ownActionWindowMs?: number;
  /**
   * Details of a changed job are read once more this long after the change. Flink's REST handlers
   * serve job details from a cache (`web.refresh-interval`, 3 s by default) while /jobs/overview is
   * live, so the first read right after a failover can predate it. Default 4 s; 0 disables.
   */
  detailRecheckMs?: number;
  /** Receives errors thrown by listeners (they never stop the poller). */
  onListenerError?: (error: unknown) => void;
}

/** Request counters, for the status of the monitor and the benchmark. */
export interface MonitorStats {
  cycles: number;
  overviewRequests: number;
  detailRequests: number;
}

interface JobRecord {
  snapshot: JobSnapshot;
  signature: string;
  marks: CountingMarks;
  /** Details must be (re)read: the overview changed, or a previous read was deferred or failed. */
  detailsPending: boolean;
  /** The job just turned FAILED/FAILING: announce it once the exception is known. */
  failurePending: boolean;
  checkpointsReadAt?: number;
  /** When to read the details again, after Flink's detail cache has surely caught up. */
  recheckAt?: number;
  /** The copy handed out in snapshots; rebuilt only when the job changed (`dirty`). */
  frozen?: JobSnapshot;
  dirty: boolean;
}

interface ClusterRecord {
  cluster: MonitoredCluster;
  status: ClusterSnapshot['status'];
  consecutiveFailures: number;
  lostReported: boolean;
  lastPollAt?: number;
  lastSeenAt?: number;
  firstFailureAt?: number;
  lastError?: string;
  jobs: Map<string, JobRecord>;
  /** Every job id this cluster ever listed (a vanished tracked job is not "never seen"). */
  seenIds: Set<string>;
}

type Listener<T> = (value: T) => void;

export class JobMonitor implements Disposable {
  readonly #clock: MonitorClock;
  readonly #intervals: PollIntervals;
  readonly #lostAfter: number;
  readonly #maxDetailJobs: number;
  readonly #detailConcurrency: number;
  readonly #checkpointRefreshMs: number;
  readonly #ownActionWindowMs: number;
  readonly #detailRecheckMs: number;
  readonly #onListenerError: (error: unknown) => void;
  readonly #clusters = new Map<string, ClusterRecord>();
  readonly #tracked = new Map<string, TrackedJob & { expectedRunning?: boolean }>();
  readonly #expectedStops = new Map<string, number>();
  /** Tracked jobs already reported as ended or missing when first looked for (tracking is re-set often). */
  readonly #reportedAtFirstSight = new Set<string>();
  readonly #eventListeners = new Set<Listener<MonitorEvent>>();
  readonly #snapshotListeners = new Set<Listener<MonitorSnapshot>>();
  readonly #abort = new AbortController();
  readonly #stats: MonitorStats = { cycles: 0, overviewRequests: 0, detailRequests: 0 };
  #focused = true;
  #lastNudgeAt?: number;
  #lastChangeAt?: number;
  #timer?: TimerHandle;
  #running?: Promise<void>;
  #rerun = false;
  #started = false;
  #disposed = false;
  #lastSnapshot: MonitorSnapshot;

  constructor(options: JobMonitorOptions = {}) {
    this.#clock = options.clock ?? systemClock();
    this.#intervals = { ...DEFAULT_POLL_INTERVALS, ...options.intervals };
    this.#lostAfter = Math.max(1, options.lostAfterFailures ?? 2);
    this.#maxDetailJobs = Math.max(1, options.maxDetailJobsPerCycle ?? 20);
    this.#detailConcurrency = Math.max(1, options.detailConcurrency ?? 4);
    this.#checkpointRefreshMs = options.trackedCheckpointRefreshMs ?? 30_000;
    this.#ownActionWindowMs = options.ownActionWindowMs ?? 600_000;
    this.#detailRecheckMs = options.detailRecheckMs ?? 4_000;
    this.#onListenerError = options.onListenerError ?? (() => undefined);
    this.#lastChangeAt = this.#clock.now();
    this.setClusters(options.clusters ?? []);
    this.#lastSnapshot = this.#buildSnapshot();
  }

  get stats(): Readonly<MonitorStats> {
    return { ...this.#stats };
  }

  /** The current poll mode (for the UI's tooltip). */
  get mode(): PollMode {
    return pollMode(this.#intervals, this.#scheduleState());
  }

  /** Replaces the set of clusters; state of clusters that stay is kept. */
  setClusters(clusters: readonly MonitoredCluster[]): void {
    const names = new Set(clusters.map((c) => c.name));
    for (const name of [...this.#clusters.keys()]) if (!names.has(name)) this.#clusters.delete(name);
    for (const cluster of clusters) {
      const existing = this.#clusters.get(cluster.name);
      if (existing) existing.cluster = cluster;
      else this.#clusters.set(cluster.name, { cluster, status: 'unknown', consecutiveFailures: 0, lostReported: false, jobs: new Map(), seenIds: new Set() });
    }
    this.#reschedule();
  }

  /**
   * The workspace's own jobs (from job file history). `expectedRunning`: history says it should be
   * running, so not finding it on the cluster is reported as stopped outside the editor.
   */
  setTrackedJobs(jobs: readonly (TrackedJob & { expectedRunning?: boolean })[]): void {
    this.#tracked.clear();
    for (const job of jobs) this.#tracked.set(key(job.cluster, job.jobId), { ...job });
    for (const record of this.#clusters.values()) {
      for (const job of record.jobs.values()) {
        job.snapshot.tracked = this.#tracked.get(key(job.snapshot.cluster, job.snapshot.jobId));
        job.dirty = true;
      }
    }
  }

  trackJob(job: TrackedJob & { expectedRunning?: boolean }): void {
    this.#tracked.set(key(job.cluster, job.jobId), { ...job });
    const record = this.#clusters.get(job.cluster)?.jobs.get(job.jobId);
    if (record) {
      record.snapshot.tracked = this.#tracked.get(key(job.cluster, job.jobId));
      record.dirty = true;
    }
  }

  /** Called by the editor right before it stops or cancels a job, so the end is not reported as external. */
  expectStop(cluster: string, jobId: string): void {
    this.#expectedStops.set(key(cluster, jobId), this.#clock.now());
  }

  /** A user action happened: poll now and fast for a while. */
  nudge(): void {
    this.#lastNudgeAt = this.#clock.now();
    this.#reschedule();
  }

  /** The window gained or lost focus: poll slower in the background, catch up at once on return. */
  setFocused(focused: boolean): void {
    if (this.#focused === focused) return;
    this.#focused = focused;
    if (focused) this.#lastNudgeAt = this.#clock.now();
    this.#reschedule();
  }

  start(): void {
    if (this.#disposed || this.#started) return;
    this.#started = true;
    this.#reschedule();
  }

  snapshot(): MonitorSnapshot {
    return this.#lastSnapshot;
  }

  onEvent(listener: Listener<MonitorEvent>): Disposable {
    this.#eventListeners.add(listener);
    return { dispose: () => this.#eventListeners.delete(listener) };
  }

  onSnapshot(listener: Listener<MonitorSnapshot>): Disposable {
    this.#snapshotListeners.add(listener);
    return { dispose: () => this.#snapshotListeners.delete(listener) };
  }

  /** Polls every cluster now regardless of schedule; resolves when the cycle (and any queued one) ends. */
  pollNow(): Promise<void> {
    return this.#runCycle(true);
  }

  /** Resolves when no cycle is running. */
  async whenIdle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#abort.abort();
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#eventListeners.clear();
    this.#snapshotListeners.clear();
  }

  // ---------------------------------------------------------------- scheduling

  #scheduleState() {
    return { now: this.#clock.now(), focused: this.#focused, lastNudgeAt: this.#lastNudgeAt, lastChangeAt: this.#lastChangeAt };
  }

  #dueAt(record: ClusterRecord): number {
    return nextPollAt(this.#intervals, this.#scheduleState(), { lastPollAt: record.lastPollAt, consecutiveFailures: record.consecutiveFailures });
  }

  #reschedule(): void {
    if (!this.#started || this.#disposed) return;
    if (this.#running) {
      // The cycle in flight reschedules when it ends; a nudge meanwhile asks for one more.
      this.#rerun = true;
      return;
    }
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#clusters.size === 0) return;
    let earliest = Infinity;
    for (const record of this.#clusters.values()) earliest = Math.min(earliest, this.#dueAt(record));
    const delay = Math.max(0, earliest - this.#clock.now());
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#runCycle(false);
    }, delay);
  }

  #runCycle(force: boolean): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    if (this.#running) {
      this.#rerun = this.#rerun || force;
      return this.#running.then(() => this.whenIdle());
    }
    const cycle = this.#cycle(force).finally(() => {
      this.#running = undefined;
      const again = this.#rerun;
      this.#rerun = false;
      if (again && !this.#disposed) void this.#runCycle(true);
      else this.#reschedule();
    });
    this.#running = cycle;
    return cycle;
  }

  async #cycle(force: boolean): Promise<void> {
    const now = this.#clock.now();
    const due = [...this.#clusters.values()].filter((r) => force || this.#dueAt(r) <= now);
    if (due.length === 0) return;
    this.#stats.cycles++;
    await Promise.all(due.map((record) => this.#pollCluster(record)));
    if (this.#disposed) return;
    this.#lastSnapshot = this.#buildSnapshot();
    for (const listener of this.#snapshotListeners) this.#safely(() => listener(this.#lastSnapshot));
  }

  // ---------------------------------------------------------------- one cluster

  async #pollCluster(record: ClusterRecord): Promise<void> {
    const started = this.#clock.now();
    const { name, source } = record.cluster;
    this.#stats.overviewRequests++;
    let overview;
    try {
      overview = await source.jobsOverview({ signal: this.#abort.signal });
    } catch (error) {
      overview = { ok: false as const, error: new Error(describeError(error)) };
    }
    if (this.#disposed || this.#clusters.get(name) !== record) return;
    record.lastPollAt = started;
    if (!overview.ok) {
      record.consecutiveFailures++;
      record.firstFailureAt ??= started;
      record.lastError = overview.error.message;
      if (record.consecutiveFailures >= this.#lostAfter && !record.lostReported) {
        record.lostReported = true;
        record.status = 'unreachable';
        this.#changed();
        this.#emit({ kind: 'cluster-lost', at: started, cluster: name, error: overview.error.message, since: record.firstFailureAt });
      }
      return;
    }
    if (record.lostReported) {
      this.#changed();
      this.#emit({ kind: 'cluster-back', at: started, cluster: name, downForMs: started - (record.firstFailureAt ?? started) });
    }
    record.lostReported = false;
    record.consecutiveFailures = 0;
    record.firstFailureAt = undefined;
    record.lastError = undefined;
    record.status = 'reachable';
    record.lastSeenAt = started;

    const seen = new Set<string>();
    for (const job of overview.value) {
      seen.add(job.jid);
      this.#observe(record, job, started);
    }
    for (const [jobId, job] of record.jobs) {
      if (seen.has(jobId)) continue;
      record.jobs.delete(jobId);
      this.#changed();
      if (job.snapshot.tracked && !TERMINAL_JOB_STATES.has(job.snapshot.state)) this.#reportExternalStop(job.snapshot, 'disappeared', started);
    }
    // Tracked jobs that history expects running but that the cluster never listed.
    for (const tracked of this.#tracked.values()) {
      if (tracked.cluster !== name || !tracked.expectedRunning || seen.has(tracked.jobId)) continue;
      const trackedKey = key(name, tracked.jobId);
      if (this.#reportedAtFirstSight.has(trackedKey) || this.#everSeen(record, tracked.jobId)) continue;
      this.#reportedAtFirstSight.add(trackedKey);
      const ghost = snapshotFromOverview(name, { jid: tracked.jobId, name: tracked.name ?? tracked.jobId, state: 'CANCELED', 'start-time': 0, 'end-time': 0, duration: 0, 'last-modification': 0, tasks: {} }, started);
      ghost.tracked = tracked;
      this.#reportExternalStop(ghost, 'disappeared', started);
    }
    await this.#readDetails(record, started);
  }

  #observe(record: ClusterRecord, job: JobOverview, now: number): void {
    const existing = record.jobs.get(job.jid);
    const signature = overviewSignature(job);
    const tracked = this.#tracked.get(key(record.cluster.name, job.jid));
    if (!existing) {
      const snapshot = snapshotFromOverview(record.cluster.name, job, now);
      snapshot.tracked = tracked;
      const created: JobRecord = { snapshot, signature, marks: initialMarks(now, job['last-modification']), detailsPending: false, failurePending: false, dirty: true };
      record.jobs.set(job.jid, created);
      record.seenIds.add(job.jid);
      this.#changed();
      this.#emit({ kind: 'job-discovered', at: now, cluster: record.cluster.name, job: snapshot });
      // History says it runs, but it ended while nobody watched: that is news, once.
      const trackedKey = key(record.cluster.name, job.jid);
      if (tracked?.expectedRunning && !this.#reportedAtFirstSight.has(trackedKey)) {
        if (FAILED_STATES.has(job.state)) {
          this.#reportedAtFirstSight.add(trackedKey);
          created.failurePending = true;
          created.detailsPending = true;
        } else if (job.state === 'CANCELED' || job.state === 'FINISHED' || job.state === 'SUSPENDED') {
          this.#reportedAtFirstSight.add(trackedKey);
          this.#reportExternalStop(snapshot, job.state === 'CANCELED' ? 'canceled' : job.state === 'FINISHED' ? 'finished' : 'suspended', now);
        }
      }
      return;
    }
    if (existing.snapshot.tracked !== tracked) {
      existing.snapshot.tracked = tracked;
      existing.dirty = true;
    }
    if (existing.signature === signature) return;
    existing.signature = signature;
    existing.dirty = true;
    const from = existing.snapshot.state;
    applyOverview(existing.snapshot, job);
    existing.detailsPending = true;
    this.#changed();
    const to = job.state;
    if (from === to) return;
    this.#emit({ kind: 'job-state-changed', at: now, cluster: record.cluster.name, job: existing.snapshot, from, to });
    if (FAILED_STATES.has(to) && !FAILED_STATES.has(from)) existing.failurePending = true;
    if (tracked && (to === 'CANCELED' || to === 'FINISHED' || to === 'SUSPENDED')) {
      const how = to === 'CANCELED' ? 'canceled' : to === 'FINISHED' ? 'finished' : 'suspended';
      this.#reportExternalStop(existing.snapshot, how, now);
    }
  }

  #everSeen(record: ClusterRecord, jobId: string): boolean {
    return record.seenIds.has(jobId);
  }

  #reportExternalStop(job: JobSnapshot, how: 'canceled' | 'finished' | 'disappeared' | 'suspended', now: number): void {
    const expectedAt = this.#expectedStops.get(key(job.cluster, job.jobId));
    if (expectedAt !== undefined && now - expectedAt <= this.#ownActionWindowMs) return;
    this.#emit({ kind: 'job-stopped-externally', at: now, cluster: job.cluster, job, how });
  }

  async #readDetails(record: ClusterRecord, now: number): Promise<void> {
    // Changed jobs first, then re-checks, within one budget per cluster and cycle.
    const jobs = [...record.jobs.values()];
    const changed = [
      ...jobs.filter((j) => j.detailsPending),
      ...jobs.filter((j) => !j.detailsPending && j.recheckAt !== undefined && j.recheckAt <= now),
    ].slice(0, this.#maxDetailJobs);
    const checkpointOnly =
      this.#checkpointRefreshMs > 0
        ? [...record.jobs.values()].filter(
            (j) => !changed.includes(j) && !j.detailsPending && j.snapshot.tracked && j.snapshot.state === 'RUNNING' && now - (j.checkpointsReadAt ?? j.snapshot.firstSeenAt) >= this.#checkpointRefreshMs,
          )
        : [];
    const work: (() => Promise<void>)[] = [
      ...changed.map((job) => () => this.#readJobDetails(record, job, now)),
      ...checkpointOnly.map((job) => () => this.#readCheckpoints(record, job, now)),
    ];
    let next = 0;
    const worker = async () => {
      while (next < work.length && !this.#disposed) await work[next++]!();
    };
    await Promise.all(Array.from({ length: Math.min(this.#detailConcurrency, work.length) }, worker));
  }

  async #readJobDetails(record: ClusterRecord, job: JobRecord, now: number): Promise<void> {
    const { source, name } = record.cluster;
    const id = job.snapshot.jobId;
    const signal = this.#abort.signal;
    const recheck = !job.detailsPending && job.recheckAt !== undefined;
    job.recheckAt = recheck || this.#detailRecheckMs <= 0 ? undefined : now + this.#detailRecheckMs;
    const wantCheckpoints = !TERMINAL_JOB_STATES.has(job.snapshot.state) || job.failurePending;
    this.#stats.detailRequests += wantCheckpoints ? 3 : 2;
    const [details, exceptions, checkpoints] = await Promise.all([
      source.jobDetails(id, { signal }).catch(() => undefined),
      source.jobExceptions(id, { signal, maxExceptions: 20 }).catch(() => undefined),
      wantCheckpoints ? source.checkpoints(id, { signal }).catch(() => undefined) : Promise.resolve(undefined),
    ]);
    if (this.#disposed || record.jobs.get(id) !== job) return;
    job.dirty = true;
    const detailsOk = details?.ok ? details.value : undefined;
    const exceptionsOk = exceptions?.ok ? exceptions.value : undefined;
    // A job that vanished between overview and details (404) is handled by the next overview.
    job.detailsPending = !(details?.ok && exceptions?.ok);
    const restarts = countNewRestarts(job.marks, job.snapshot.state, detailsOk, exceptionsOk);
    if (restarts.newest) job.snapshot.lastException = restarts.newest;
    if (restarts.restartTimes.length > 0) {
      job.snapshot.restarts += restarts.restartTimes.length;
      job.snapshot.lastRestartAt = restarts.restartTimes.at(-1);
      this.#emit({ kind: 'job-restarted', at: now, cluster: name, job: job.snapshot, added: restarts.restartTimes.length, restartTimes: restarts.restartTimes, exception: restarts.newest?.text });
    }
    if (checkpoints?.ok) this.#applyCheckpoints(record, job, checkpoints.value, now);
    // Wait for the re-check when the (cached) exception history does not show the failure yet.
    const failureKnown = restarts.failure !== undefined || job.recheckAt === undefined;
    if (job.failurePending && failureKnown) {
      // Announced once, with Flink's root cause when the exception history could be read.
      job.failurePending = false;
      if (FAILED_STATES.has(job.snapshot.state)) {
        // A failure from before the monitor saw the job is not counted, but its cause is still the news.
        const newestEntry = exceptionsOk?.exceptionHistory?.entries?.[0];
        const older = newestEntry ? rootCauseLine(newestEntry.stacktrace) ?? newestEntry.exceptionName : undefined;
        if (!job.snapshot.lastException && newestEntry && older) job.snapshot.lastException = { text: older, at: newestEntry.timestamp };
        this.#emit({ kind: 'job-failed', at: now, cluster: name, job: job.snapshot, exception: restarts.failure?.text ?? job.snapshot.lastException?.text });
      }
    }
  }

  async #readCheckpoints(record: ClusterRecord, job: JobRecord, now: number): Promise<void> {
    this.#stats.detailRequests++;
    const checkpoints = await record.cluster.source.checkpoints(job.snapshot.jobId, { signal: this.#abort.signal }).catch(() => undefined);
    if (this.#disposed || record.jobs.get(job.snapshot.jobId) !== job) return;
    if (checkpoints?.ok) this.#applyCheckpoints(record, job, checkpoints.value, now);
  }

  #applyCheckpoints(record: ClusterRecord, job: JobRecord, stats: Parameters<typeof countNewCheckpointFailures>[1], now: number): void {
    job.checkpointsReadAt = now;
    job.dirty = true;
    const result = countNewCheckpointFailures(job.marks, stats, now);
    const wasFailing = job.snapshot.checkpointsFailing;
    job.snapshot.checkpoints = result.summary;
    job.snapshot.checkpointsFailing = result.failing;
    if (wasFailing !== result.failing) this.#changed();
    if (result.failureTimes.length > 0) {
      job.snapshot.checkpointFailuresSeen += result.failureTimes.length;
      this.#changed();
      this.#emit({ kind: 'checkpoints-failed', at: now, cluster: record.cluster.name, job: job.snapshot, added: result.failureTimes.length, failureTimes: result.failureTimes, message: result.message });
    }
  }

  // ---------------------------------------------------------------- output

  #changed(): void {
    this.#lastChangeAt = this.#clock.now();
  }

  #emit(event: MonitorEvent): void {
    // Listeners get a copy: the live record keeps changing with later cycles.
    const frozen = 'job' in event ? { ...event, job: { ...event.job } } : event;
    for (const listener of this.#eventListeners) this.#safely(() => listener(frozen));
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#onListenerError(error);
    }
  }

  #buildSnapshot(): MonitorSnapshot {
    const clusters: ClusterSnapshot[] = [];
    for (const record of this.#clusters.values()) {
      clusters.push({
        name: record.cluster.name,
        status: record.status,
        lastSeenAt: record.lastSeenAt,
        unreachableSince: record.lostReported ? record.firstFailureAt : undefined,
        lastError: record.lastError,
        consecutiveFailures: record.consecutiveFailures,
        nextPollAt: this.#started ? this.#dueAt(record) : undefined,
        webUrl: record.cluster.webUrl,
        jobs: [...record.jobs.values()].map((j) => {
          if (j.dirty || !j.frozen) {
            j.frozen = { ...j.snapshot, checkpoints: j.snapshot.checkpoints && { ...j.snapshot.checkpoints } };
            j.dirty = false;
          }
          return j.frozen;
        }),
      });
    }
    return { at: this.#clock.now(), cycle: this.#stats.cycles, clusters };
  }
}

function key(cluster: string, jobId: string): string {
  return `${cluster}\u0000${jobId}`;
}

