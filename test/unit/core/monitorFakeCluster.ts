// A scripted JobManager for monitor unit tests: answers the four calls the monitor makes with
// bodies shaped like the OpenAPI schemas (MultipleJobsDetails, JobDetailsInfo,
// CheckpointingStatistics, JobExceptionsInfoWithHistory) and records every call with the time.
import { FlinkError } from '../../../client/src/core/flink/flinkError';
import type { CheckpointingStatistics, CheckpointStatistics, JobDetails, JobExceptions, JobOverview, JobStatus } from '../../../client/src/core/flink/flinkRestTypes';
import type { MonitorClock } from '../../../client/src/core/monitor/clock';
import type { JobsOverviewSource } from '../../../client/src/core/monitor/monitorTypes';
import { err, ok } from '../../../client/src/core/result';

export interface FakeJob {
  id: string;
  name: string;
  state: JobStatus;
  startTime: number;
  lastModification: number;
  tasks: { total: number; running: number };
  exceptions: { timestamp: number; stacktrace: string }[];
  restartingAt?: number;
  checkpoints: { completed: number; failed: number; history: CheckpointStatistics[] };
}

export class FakeCluster implements JobsOverviewSource {
  readonly jobs = new Map<string, FakeJob>();
  readonly calls: { path: string; at: number }[] = [];
  down = false;

  constructor(readonly name: string, private readonly clock: MonitorClock) {}

  addJob(id: string, name: string, overrides: Partial<FakeJob> = {}): FakeJob {
    const job: FakeJob = {
      id,
      name,
      state: 'RUNNING',
      startTime: this.clock.now() - 60_000,
      lastModification: this.clock.now() - 50_000,
      tasks: { total: 2, running: 2 },
      exceptions: [],
      checkpoints: { completed: 5, failed: 0, history: [] },
      ...overrides,
    };
    this.jobs.set(id, job);
    return job;
  }

  /** The job fails over once: new exception entry, tasks redeployed, state RESTARTING. */
  restart(id: string, cause: string): void {
    const job = this.jobs.get(id)!;
    const now = this.clock.now();
    job.exceptions.unshift({ timestamp: now, stacktrace: `org.apache.flink.runtime.JobException: Recovery is suppressed\n\tat X.y(X.java:1)\nCaused by: ${cause}\n\tat Z.z(Z.java:2)` });
    job.restartingAt = now;
    job.state = 'RESTARTING';
    job.lastModification = now;
    job.tasks = { total: job.tasks.total, running: 0 };
  }

  recover(id: string): void {
    const job = this.jobs.get(id)!;
    job.state = 'RUNNING';
    job.lastModification = this.clock.now();
    job.tasks = { total: job.tasks.total, running: job.tasks.total };
  }

  failCheckpoint(id: string, message: string): void {
    const job = this.jobs.get(id)!;
    const now = this.clock.now();
    job.checkpoints.failed++;
    job.checkpoints.history.unshift(checkpoint(job.checkpoints.completed + job.checkpoints.failed, 'FAILED', now, message));
  }

  completeCheckpoint(id: string): void {
    const job = this.jobs.get(id)!;
    job.checkpoints.completed++;
    job.checkpoints.history.unshift(checkpoint(job.checkpoints.completed + job.checkpoints.failed, 'COMPLETED', this.clock.now()));
  }

  requests(prefix = ''): number {
    return this.calls.filter((c) => c.path.startsWith(prefix)).length;
  }

  #unreachable(call: string) {
    return err(new FlinkError({ kind: 'unreachable', cluster: this.name, call, cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { code: 'ECONNREFUSED' }) }));
  }

  async jobsOverview() {
    this.calls.push({ path: '/jobs/overview', at: this.clock.now() });
    if (this.down) return this.#unreachable('GET /jobs/overview');
    const jobs: JobOverview[] = [...this.jobs.values()].map((j) => ({
      jid: j.id,
      name: j.name,
      state: j.state,
      'start-time': j.startTime,
      'end-time': ['FAILED', 'CANCELED', 'FINISHED'].includes(j.state) ? j.lastModification : -1,
      duration: this.clock.now() - j.startTime,
      'last-modification': j.lastModification,
      tasks: { total: j.tasks.total, running: j.tasks.running, scheduled: j.tasks.total - j.tasks.running, created: 0, deploying: 0, finished: 0, canceling: 0, canceled: 0, failed: 0, reconciling: 0, initializing: 0 },
      jobType: 'STREAMING',
    }));
    return ok(jobs);
  }

  async jobDetails(id: string) {
    this.calls.push({ path: `/jobs/${id}`, at: this.clock.now() });
    const job = this.jobs.get(id);
    if (this.down) return this.#unreachable('GET /jobs/:id');
    if (!job) return err(new FlinkError({ kind: 'http', status: 404, cluster: this.name, call: 'GET /jobs/:id' }));
    const details: JobDetails = {
      jid: id,
      name: job.name,
      state: job.state,
      'start-time': job.startTime,
      'end-time': -1,
      duration: 1,
      now: this.clock.now(),
      timestamps: { INITIALIZING: job.startTime, CREATED: job.startTime, RUNNING: job.startTime, ...(job.restartingAt ? { RESTARTING: job.restartingAt } : {}) },
      vertices: [],
    };
    return ok(details);
  }

  async checkpoints(id: string) {
    this.calls.push({ path: `/jobs/${id}/checkpoints`, at: this.clock.now() });
    const job = this.jobs.get(id);
    if (this.down) return this.#unreachable('GET /jobs/:id/checkpoints');
    if (!job) return err(new FlinkError({ kind: 'http', status: 404, cluster: this.name, call: 'GET /jobs/:id/checkpoints' }));
    const history = job.checkpoints.history.slice(0, 10);
    const stats: CheckpointingStatistics = {
      counts: { restored: 0, total: job.checkpoints.completed + job.checkpoints.failed, in_progress: 0, completed: job.checkpoints.completed, failed: job.checkpoints.failed },
      latest: {
        completed: history.find((c) => c.status === 'COMPLETED') ?? null,
        failed: history.find((c) => c.status === 'FAILED') ?? null,
        savepoint: null,
        restored: null,
      },
      history,
    };
    return ok(stats);
  }

  async jobExceptions(id: string) {
    this.calls.push({ path: `/jobs/${id}/exceptions`, at: this.clock.now() });
    const job = this.jobs.get(id);
    if (this.down) return this.#unreachable('GET /jobs/:id/exceptions');
    if (!job) return err(new FlinkError({ kind: 'http', status: 404, cluster: this.name, call: 'GET /jobs/:id/exceptions' }));
    const body: JobExceptions = {
      exceptionHistory: {
        entries: job.exceptions.map((e) => ({ exceptionName: e.stacktrace.split('\n')[0]!, stacktrace: e.stacktrace, timestamp: e.timestamp, taskName: 'Source: src', concurrentExceptions: [] })),
        truncated: false,
      },
    };
    return ok(body);
  }
}

function checkpoint(id: number, status: 'COMPLETED' | 'FAILED', at: number, message?: string): CheckpointStatistics {
  return {
    className: status === 'COMPLETED' ? 'completed' : 'failed',
    id,
    status,
    is_savepoint: false,
    trigger_timestamp: at - 100,
    latest_ack_timestamp: at,
    state_size: 1024,
    end_to_end_duration: 100,
    num_subtasks: 2,
    num_acknowledged_subtasks: status === 'COMPLETED' ? 2 : 1,
    external_path: status === 'COMPLETED' ? `file:/tmp/chk/chk-${id}` : undefined,
    failure_message: message,
    failure_timestamp: status === 'FAILED' ? at : undefined,
  };
}
