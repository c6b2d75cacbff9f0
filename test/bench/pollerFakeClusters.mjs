// Simulated Flink JobManagers for the poller benchmark, run in a child process so their CPU does not
// count against the poller's: N node:http servers on 127.0.0.1, each with M streaming jobs, answering
// GET /jobs/overview, /jobs, /jobs/:id, /jobs/:id/checkpoints and /jobs/:id/exceptions with bodies
// shaped as the 2.3 OpenAPI spec says (MultipleJobsDetails, JobIdsWithStatusOverview,
// JobDetailsInfo, CheckpointingStatistics, JobExceptionsInfoWithHistory). A control server (not
// counted) makes jobs restart and reports request counts per cluster.
import { createServer } from 'node:http';

const clusters = Number(process.argv[2] ?? 20);
const jobsPerCluster = Number(process.argv[3] ?? 50);
const started = Date.now() - 3_600_000;

function hexId(cluster, job) {
  return (cluster.toString(16).padStart(4, '0') + job.toString(16).padStart(4, '0')).padEnd(32, 'a');
}

function makeCluster(index) {
  const jobs = new Map();
  for (let j = 0; j < jobsPerCluster; j++) {
    const jid = hexId(index, j);
    jobs.set(jid, { jid, name: `pipeline-${index}-${j}`, state: 'RUNNING', lastModification: started + 1_000, exceptions: [], restartingAt: undefined, checkpoints: 100 + j });
  }
  return { jobs, counts: { overview: 0, details: 0, other: 0 } };
}

const tasks = (state) => {
  const running = state === 'RUNNING' ? 4 : 0;
  return { created: 0, scheduled: 4 - running, deploying: 0, running, finished: 0, canceling: 0, canceled: 0, failed: 0, reconciling: 0, initializing: 0, pending: 0 };
};

export function overviewBody(cluster) {
  return {
    jobs: [...cluster.jobs.values()].map((j) => ({
      jid: j.jid,
      name: j.name,
      state: j.state,
      'start-time': started,
      'end-time': -1,
      duration: Date.now() - started,
      'last-modification': j.lastModification,
      tasks: { ...tasks(j.state), total: 4 },
      jobType: 'STREAMING',
      'pending-operators': 0,
    })),
  };
}

function checkpoint(id, status, at) {
  const base = {
    className: status === 'COMPLETED' ? 'completed' : 'failed',
    id,
    status,
    is_savepoint: false,
    savepointFormat: 'CANONICAL',
    checkpoint_type: 'CHECKPOINT',
    trigger_timestamp: at - 120,
    latest_ack_timestamp: at,
    state_size: 20_480,
    checkpointed_size: 20_480,
    end_to_end_duration: 120,
    alignment_buffered: 0,
    processed_data: 0,
    persisted_data: 0,
    num_subtasks: 4,
    num_acknowledged_subtasks: status === 'COMPLETED' ? 4 : 3,
    tasks: {},
  };
  return status === 'COMPLETED' ? { ...base, external_path: `file:/tmp/chk/${id}`, discarded: false } : { ...base, failure_timestamp: at, failure_message: 'Checkpoint expired before completing.' };
}

export function detailsBody(job) {
  return {
    jid: job.jid,
    name: job.name,
    isStoppable: false,
    state: job.state,
    'job-type': 'STREAMING',
    'start-time': started,
    'end-time': -1,
    duration: Date.now() - started,
    maxParallelism: -1,
    now: Date.now(),
    timestamps: { INITIALIZING: started, CREATED: started, RUNNING: started + 500, ...(job.restartingAt ? { RESTARTING: job.restartingAt } : {}) },
    vertices: [],
    'status-counts': { ...Object.fromEntries(Object.entries(tasks(job.state)).map(([k, v]) => [k.toUpperCase(), v])) },
    'pending-operators': 0,
    schedulerType: 'Default',
  };
}

export function checkpointsBody(job) {
  const now = Date.now();
  const history = [checkpoint(job.checkpoints, 'COMPLETED', now - 1_000), checkpoint(job.checkpoints - 1, 'COMPLETED', now - 61_000)];
  return {
    counts: { restored: 0, total: job.checkpoints, in_progress: 0, completed: job.checkpoints, failed: 0 },
    latest: { completed: history[0] },
    history,
  };
}

export function exceptionsBody(job) {
  return {
    exceptionHistory: {
      entries: job.exceptions.map((e) => ({ exceptionName: 'java.io.IOException', stacktrace: e.stacktrace, timestamp: e.timestamp, taskName: 'Source: src (1/4)', endpoint: '127.0.0.1:41234', taskManagerId: '127.0.0.1:41234-a1b2c3', failureLabels: {}, concurrentExceptions: [] })),
      truncated: false,
    },
  };
}

function handler(cluster) {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let body;
    const m = /^\/jobs\/([0-9a-f]{32})(\/checkpoints|\/exceptions)?$/.exec(path);
    if (path === '/jobs/overview') {
      cluster.counts.overview++;
      body = overviewBody(cluster);
    } else if (path === '/jobs') {
      cluster.counts.other++;
      body = { jobs: [...cluster.jobs.values()].map((j) => ({ id: j.jid, status: j.state })) };
    } else if (m) {
      cluster.counts.details++;
      const job = cluster.jobs.get(m[1]);
      if (!job) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: ['Job could not be found.'] }));
        return;
      }
      body = m[2] === '/checkpoints' ? checkpointsBody(job) : m[2] === '/exceptions' ? exceptionsBody(job) : detailsBody(job);
    } else {
      cluster.counts.other++;
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: ['Not found.'] }));
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) }).end(text);
  };
}

async function main() {
  const state = Array.from({ length: clusters }, (_, i) => makeCluster(i));
  const ports = [];
  for (const cluster of state) {
    const server = createServer({ keepAliveTimeout: 60_000 }, handler(cluster));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.push(server.address().port);
  }
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/stats') {
      const counts = state.map((c) => ({ ...c.counts }));
      if (url.searchParams.get('reset') === '1') for (const c of state) c.counts = { overview: 0, details: 0, other: 0 };
      res.end(JSON.stringify(counts));
    } else if (url.pathname === '/restart') {
      // `count` jobs across the clusters fail over once and come back (state RUNNING at the next poll).
      const count = Number(url.searchParams.get('count') ?? 1);
      const all = state.flatMap((c) => [...c.jobs.values()]);
      const now = Date.now();
      for (let i = 0; i < count; i++) {
        const job = all[Math.floor(Math.random() * all.length)];
        job.exceptions.unshift({ timestamp: now, stacktrace: `org.apache.flink.runtime.JobException: Recovery\nCaused by: java.io.IOException: simulated failover ${now}` });
        job.exceptions.length = Math.min(job.exceptions.length, 16);
        job.restartingAt = now;
        job.lastModification = now;
        job.checkpoints += 1;
      }
      res.end(JSON.stringify({ restarted: count }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ ports, control: control.address().port })}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) main();
