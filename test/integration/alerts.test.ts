// Monitoring and alerting against a real Flink 2.3 cluster of its own (its TaskManager is killed,
// which would break the shared test clusters): a SQL job with a fixed-delay restart strategy runs,
// the TaskManager process is killed with SIGKILL, Flink restarts the job, the monitor sees the
// restart, and the alert arrives at a real SMTP server (smtp-server, with authentication from a
// secret) and at a local HTTP receiver; the workspace health turns to warning and back to ok
// once a TaskManager is started again.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertService, type AlertDelivery } from '../../client/src/core/alerts/alertService';
import type { Alert } from '../../client/src/core/alerts/alertTypes';
import { restoreThroughJobService } from '../../client/src/core/alerts/jobServiceRestore';
import { EmailChannel } from '../../client/src/core/alerts/emailChannel';
import { resolveAlertSettings } from '../../client/src/core/alerts/alertSettings';
import { WebhookChannel } from '../../client/src/core/alerts/webhookChannel';
import { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
import { parseJobFileText } from '../../client/src/core/jobs/jobFile';
import { submitJob } from '../../client/src/core/jobs/jobService';
import { restartLocalComponent, startLocalCluster, stopLocalCluster, type LocalClusterInfo } from '../../client/src/core/local';
import { workspaceHealth, type WorkspaceHealth } from '../../client/src/core/monitor/health';
import { JobMonitor } from '../../client/src/core/monitor/jobMonitor';
import type { MonitorEvent } from '../../client/src/core/monitor/monitorTypes';
import { sqlJobWithChannels } from '../fixtures/alerts/alertJobText';
import { jobContext, sqlJob, uniqueName } from './deploySupport';

const SQL = `CREATE TEMPORARY TABLE src (id INT, v BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
CREATE TEMPORARY TABLE snk (id INT, v BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id, v FROM src;
`;
const SMTP_USER = 'flink-alerts';
const SMTP_PASSWORD = 'pa55-from-secret-storage';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

function listen(server: Server | SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = server as unknown as { listen(port: number, host: string, cb: () => void): void; on(e: string, cb: (e: Error) => void): void; server?: Server };
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = ((server as { server?: Server }).server ?? (server as Server)).address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

describe('alerts on a real Flink 2.3 cluster whose TaskManager dies', () => {
  let stateDir = '';
  let cluster: LocalClusterInfo;
  let rest: FlinkRestClient;
  let smtp: SMTPServer;
  let receiver: Server;
  let smtpPort = 0;
  let receiverPort = 0;
  const mails: ReceivedMail[] = [];
  const posts: { headers: Record<string, unknown>; body: Record<string, unknown> }[] = [];
  const authAttempts: { user: string; ok: boolean }[] = [];

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'fp-alerts-state-'));
    // The shared clusters must exist (the run is configured), but this test needs its own.
    expect(inject('flinkClusters')['2.3']).toBeDefined();
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        const ok = auth.username === SMTP_USER && auth.password === SMTP_PASSWORD;
        authAttempts.push({ user: auth.username ?? '', ok });
        callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    smtpPort = await listen(smtp);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        res.writeHead(204).end();
      });
    });
    receiverPort = await listen(receiver);
    cluster = await startLocalCluster({ version: '2.3', name: 'alerts-test', stateDir, taskSlots: 2 });
    rest = new FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl, getRetries: 0, timeoutMs: 5_000 });
  }, 300_000);

  afterAll(async () => {
    await rest?.close();
    if (cluster) await stopLocalCluster({ name: cluster.name, stateDir });
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }, 120_000);

  it('sees the restart, alerts by email and webhook, and the health goes to warning and back to ok', async () => {
    const job = sqlJob(uniqueName('alerts'), '2.3', SQL, {
      config: {
        'parallelism.default': '1',
        'restart-strategy.type': 'fixed-delay',
        'restart-strategy.fixed-delay.attempts': '1000',
        'restart-strategy.fixed-delay.delay': '2 s',
        'execution.checkpointing.interval': '3 s',
      },
    });
    const ctx = jobContext(cluster, job);
    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    const jobId = submitted.value.jobId;

    const monitor = new JobMonitor({
      clusters: [{ name: cluster.name, source: rest, webUrl: cluster.restUrl }],
      intervals: { normalMs: 500, fastMs: 250, idleMs: 2_000, unfocusedMs: 2_000, backoffBaseMs: 500, maxBackoffMs: 2_000 },
      trackedCheckpointRefreshMs: 2_000,
    });
    monitor.setTrackedJobs([{ cluster: cluster.name, jobId, jobFilePath: ctx.jobFilePath, name: job.name }]);
    const events: MonitorEvent[] = [];
    monitor.onEvent((e) => events.push(e));
    const healthLog: WorkspaceHealth[] = [];
    monitor.onSnapshot((s) => healthLog.push(workspaceHealth(s, { now: Date.now() })));

    const secretsAsked: string[] = [];
    const logs: string[] = [];
    const service = new AlertService({
      monitor,
      resolveSecret: async (name) => {
        secretsAsked.push(name);
        return name === 'smtp-password' ? SMTP_PASSWORD : undefined;
      },
      log: (level, message) => logs.push(`${level} ${message}`),
    });
    const problems = service.setJobs([
      {
        jobFilePath: ctx.jobFilePath,
        jobName: job.name,
        cluster: cluster.name,
        alerts: {
          channels: [
            { name: 'oncall', type: 'email', to: ['oncall@example.org'], smtp: { host: '127.0.0.1', port: smtpPort, secure: false, username: SMTP_USER, secret: 'smtp-password', from: 'flink-pilot@example.org' } },
            { name: 'receiver', type: 'webhook', kind: 'http', url: `http://127.0.0.1:${receiverPort}/flink-alerts` },
          ],
          triggers: [{ on: 'restarts', count: 0, within: '10 min' }, { on: 'failed' }],
        },
      },
    ]);
    expect(problems.size).toBe(0);
    const deliveries: AlertDelivery[] = [];
    service.onDelivery((d) => deliveries.push(d));

    try {
      monitor.start();
      // All tasks running and healthy first.
      await waitFor('the job to be healthy', () => healthLog.at(-1)?.level === 'ok' && healthLog.at(-1)!.counts.ok === 1, 60_000);

      // Kill the TaskManager like a crashed machine would: no goodbye, the JobManager finds out by heartbeat.
      const tmPid = cluster.pids.taskmanager!;
      process.kill(-tmPid, 'SIGKILL');
      const restarted = await waitFor('the monitor to see a restart', () => events.find((e) => e.kind === 'job-restarted'), 90_000);
      expect(restarted).toMatchObject({ cluster: cluster.name, job: { jobId } });
      // Checkpoints usually fail first (the dead TaskManager never acknowledges), then the job
      // restarts and waits for a slot: all of it is a warning, none of it an error.
      const warning = await waitFor(
        'health to show the job restarting or waiting for slots',
        () => healthLog.find((h) => h.level === 'warning' && h.problems.some((p) => p.kind === 'restarting' || p.kind === 'tasks-not-running')),
        30_000,
      );
      expect(warning.summary).toBe('0 ✓ 1 ⚠ 0 ✗');
      expect(warning.problems.every((p) => p.level === 'warning' && p.text.includes(job.name))).toBe(true);
      expect(healthLog.some((h) => h.level === 'error')).toBe(false);

      // The alert arrives at the SMTP server (authenticated with the secret) and the HTTP receiver.
      const mail = await waitFor('the alert email', () => mails[0], 30_000);
      expect(mail.to).toEqual(['oncall@example.org']);
      expect(mail.from).toBe('flink-pilot@example.org');
      // Long header lines are folded (RFC 5322): unfold before matching.
      expect(mail.raw.replace(/\r\n[ \t]+/g, ' ')).toMatch(/Subject: \[FLINK WARNING\] Flink job fp-it-alerts-\S+ restarted \d+ times? in 10 min on alerts-test/);
      expect(mail.raw).toContain(jobId);
      expect(authAttempts).toEqual([{ user: SMTP_USER, ok: true }]);
      expect(secretsAsked).toContain('smtp-password');
      const post = await waitFor('the webhook post', () => posts[0], 30_000);
      expect(post.headers['content-type']).toContain('application/json');
      expect(post.body).toMatchObject({ source: 'flink-pilot', topic: 'restarts', severity: 'warning', cluster: cluster.name, jobId, jobName: job.name, jobFile: ctx.jobFilePath });
      expect(String(post.body.webUrl)).toBe(`${cluster.restUrl}/#/job/running/${jobId}/overview`);

      // Start a TaskManager again: the job gets its slot back and the health returns to ok.
      const marker = healthLog.length;
      cluster = await restartLocalComponent(cluster, 'taskmanager', 'start');
      await waitFor('health back to ok', () => healthLog.slice(marker).find((h) => h.level === 'ok' && h.counts.ok === 1), 120_000);
      const snapshotJob = monitor.snapshot().clusters[0]!.jobs.find((j) => j.jobId === jobId)!;
      expect(snapshotJob.state).toBe('RUNNING');
      expect(snapshotJob.restarts).toBeGreaterThanOrEqual(1);
      expect(snapshotJob.tasksRunning).toBe(snapshotJob.tasksTotal);

      // Exactly one message per channel: later restarts within the window are de-duplicated.
      await service.whenSettled();
      expect(mails).toHaveLength(1);
      expect(posts).toHaveLength(1);
      expect(deliveries.filter((d) => d.outcome === 'sent')).toHaveLength(2);
      expect(logs.join('\n')).not.toContain(SMTP_PASSWORD);
    } finally {
      service.dispose();
      monitor.dispose();
      await rest.cancelJob(jobId);
      rmSync(dirname(ctx.jobFilePath), { recursive: true, force: true });
    }
  });
});

describe('automatic restart on a real Flink 2.3 cluster', () => {
  // Shares nothing with the describe above but the idea: its own cluster would cost another minute,
  // so this one starts only when the first describe's cluster is gone.
  let stateDir = '';
  let cluster: LocalClusterInfo;
  let rest: FlinkRestClient;
  let receiver: Server;
  let receiverPort = 0;
  const posts: Record<string, unknown>[] = [];

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'fp-autorestart-state-'));
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        res.writeHead(200).end();
      });
    });
    receiverPort = await listen(receiver);
    cluster = await startLocalCluster({ version: '2.3', name: 'autorestart-test', stateDir, taskSlots: 2 });
    rest = new FlinkRestClient({ clusterName: cluster.name, baseUrl: cluster.restUrl, getRetries: 0, timeoutMs: 5_000 });
  }, 300_000);

  afterAll(async () => {
    await rest?.close();
    if (cluster) await stopLocalCluster({ name: cluster.name, stateDir });
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }, 120_000);

  it('restores a failed job from its latest retained checkpoint, up to maxRestarts, and alerts each step', async () => {
    // Fails deterministically when the sequence reaches 35 (1 row/s: after ~35 s), after one
    // checkpoint at ~20 s; restored from it, the job replays ~15 s of rows (long enough for the
    // restore to be verified as running) and then fails again on the same row.
    const sql = `CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000');
CREATE TEMPORARY TABLE snk (id BIGINT, r BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id, 1000 / (id - 35) FROM src;
`;
    const job = sqlJob(uniqueName('autorestart'), '2.3', sql, {
      config: {
        'parallelism.default': '1',
        'restart-strategy.type': 'none',
        'execution.checkpointing.interval': '20 s',
        'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
      },
      restore: { from: 'latest-checkpoint', allowNonRestoredState: false, claimMode: 'no_claim' },
    });
    const ctx = jobContext(cluster, job);
    const submitted = await submitJob(ctx);
    if (!submitted.ok) throw submitted.error;
    const firstJobId = submitted.value.jobId;

    const monitor = new JobMonitor({
      clusters: [{ name: cluster.name, source: rest, webUrl: cluster.restUrl }],
      intervals: { normalMs: 500, fastMs: 250, idleMs: 1_000, unfocusedMs: 1_000 },
    });
    monitor.setTrackedJobs([{ cluster: cluster.name, jobId: firstJobId, jobFilePath: ctx.jobFilePath, name: job.name }]);
    const events: MonitorEvent[] = [];
    monitor.onEvent((e) => events.push(e));
    const logs: string[] = [];
    const service = new AlertService({
      monitor,
      resolveSecret: async () => undefined,
      restore: restoreThroughJobService(async () => ctx),
      log: (level, message) => logs.push(`${level} ${message}`),
    });
    service.setJobs([
      {
        jobFilePath: ctx.jobFilePath,
        jobName: job.name,
        cluster: cluster.name,
        alerts: { channels: [{ name: 'receiver', type: 'webhook', kind: 'http', url: `http://127.0.0.1:${receiverPort}/alerts` }], triggers: [{ on: 'failed' }] },
        autoRestart: { enabled: true, maxRestarts: 1, delay: '1 s', from: 'latest-checkpoint' },
      },
    ]);
    const jobIds = new Set<string>([firstJobId]);
    try {
      monitor.start();
      const firstFailure = await waitFor('the first failure', () => events.find((e) => e.kind === 'job-failed' && e.job.jobId === firstJobId), 90_000);
      expect(firstFailure.kind === 'job-failed' && firstFailure.exception).toMatch(/ArithmeticException/);
      const outcome = await waitFor('the automatic restart', () => posts.find((p) => p.topic === 'auto-restarted' || p.topic === 'auto-restart-failed'), 120_000);
      if (outcome.topic !== 'auto-restarted') throw new Error(`Automatic restart failed: ${String(outcome.summary)}\n${logs.join('\n')}`);
      const restarted = outcome;
      const newJobId = String(restarted.jobId);
      jobIds.add(newJobId);
      expect(newJobId).not.toBe(firstJobId);
      const facts = restarted.facts as Record<string, string>;
      expect(facts['Restored from']).toMatch(new RegExp(`${firstJobId}/chk-\\d+`));
      // Flink itself says where the new job's state came from.
      const stats = await rest.checkpoints(newJobId);
      if (!stats.ok) throw stats.error;
      expect(stats.value.latest.restored?.external_path?.replace(/\/$/, '')).toContain(facts['Restored from']!.replace(/^file:/, '').replace(/\/$/, ''));
      // The restored job replays the same rows, fails again, and the limit of one restart is reached.
      const exhausted = await waitFor('the exhausted alert', () => posts.find((p) => p.topic === 'auto-restart-exhausted'), 120_000);
      expect(exhausted).toMatchObject({ severity: 'error', cluster: cluster.name, jobId: newJobId });
      expect(posts.filter((p) => p.topic === 'failed').map((p) => p.jobId)).toEqual([firstJobId, newJobId]);
      await service.whenSettled();
      expect(posts.filter((p) => p.topic === 'auto-restarted')).toHaveLength(1);
    } finally {
      service.dispose();
      monitor.dispose();
      for (const id of jobIds) await rest.cancelJob(id);
      rmSync(dirname(ctx.jobFilePath), { recursive: true, force: true });
    }
  });
});

describe('monitoring a failing job on the shared Flink 1.20 cluster', () => {
  it('counts the restart, reports the failure with Flink\'s root cause, and alerts through the HTTP receiver', async () => {
    const shared = inject('flinkClusters')['1.20']!;
    const posts: Record<string, unknown>[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    const port = await listen(receiver);
    const rest = new FlinkRestClient({ clusterName: shared.name, baseUrl: shared.restUrl, getRetries: 0, timeoutMs: 5_000 });
    // One restart allowed, then FAILED: the sequence reaches 10 after ~2 s, again after the restart.
    const job = sqlJob(uniqueName('fail120'), '1.20', `CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000');
CREATE TEMPORARY TABLE snk (id BIGINT, r BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id, 100 / (id - 10) FROM src;
`, { config: { 'parallelism.default': '1', 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '1', 'restart-strategy.fixed-delay.delay': '1 s' } });
    const ctx = jobContext(shared, job);
    const monitor = new JobMonitor({ clusters: [{ name: shared.name, source: rest, webUrl: shared.restUrl }], intervals: { normalMs: 300, fastMs: 200, idleMs: 1_000, unfocusedMs: 1_000 } });
    const events: MonitorEvent[] = [];
    monitor.onEvent((e) => events.push(e));
    const service = new AlertService({ monitor, resolveSecret: async () => undefined });
    service.setJobs([
      {
        jobFilePath: ctx.jobFilePath,
        jobName: job.name,
        cluster: shared.name,
        alerts: { channels: [{ name: 'hook', type: 'webhook', kind: 'http', url: `http://127.0.0.1:${port}/` }], triggers: [{ on: 'failed' }, { on: 'restarts', count: 0, within: '5 min' }] },
      },
    ]);
    let jobId: string | undefined;
    try {
      monitor.start();
      // Started before the job exists, so the monitor sees it from its first state on.
      await monitor.pollNow();
      const submitted = await submitJob(ctx, { waitForRunning: false });
      if (!submitted.ok) throw submitted.error;
      jobId = submitted.value.jobId;
      monitor.trackJob({ cluster: shared.name, jobId, jobFilePath: ctx.jobFilePath, name: job.name });
      const failed = await waitFor('the job to fail', () => events.find((e) => e.kind === 'job-failed' && e.job.jobId === jobId), 90_000);
      expect(failed.kind === 'job-failed' && failed.exception).toMatch(/ArithmeticException/);
      expect(events.some((e) => e.kind === 'job-restarted' && e.job.jobId === jobId)).toBe(true);
      // The failure is reported at FAILING already; the terminal FAILED comes with a later poll.
      const snap = await waitFor('the job to reach FAILED', () => {
        const current = monitor.snapshot().clusters[0]!.jobs.find((j) => j.jobId === jobId);
        return current?.state === 'FAILED' ? current : undefined;
      }, 30_000);
      expect(snap).toMatchObject({ state: 'FAILED', restarts: 1 });
      expect(workspaceHealth(monitor.snapshot(), { now: Date.now() })).toMatchObject({ level: 'error', summary: '0 ✓ 0 ⚠ 1 ✗' });
      await waitFor('both alerts', () => posts.length >= 2, 30_000);
      await service.whenSettled();
      expect(posts.map((p) => p.topic).sort()).toEqual(['failed', 'restarts']);
      expect(String(posts.find((p) => p.topic === 'failed')!.summary)).toMatch(/ArithmeticException/);
    } finally {
      service.dispose();
      monitor.dispose();
      if (jobId) await rest.cancelJob(jobId);
      await rest.close();
      rmSync(dirname(ctx.jobFilePath), { recursive: true, force: true });
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('alert channels against real local servers', () => {
  let work = '';
  let certPem = '';
  let keyPem = '';
  const received: { url: string; body: Record<string, unknown> }[] = [];
  let answer: (url: string) => { status: number; text: string } = () => ({ status: 200, text: '{"errcode":0,"errmsg":"ok"}' });
  let hooks: Server;
  let hooksPort = 0;
  const alert: Alert = {
    topic: 'failed',
    severity: 'error',
    dedupKey: 'k',
    title: 'Flink job orders FAILED on prod',
    summary: 'Flink says: java.lang.ArithmeticException: / by zero',
    facts: [{ label: 'Job', value: 'orders' }],
    at: Date.now(),
    cluster: 'prod',
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'fp-alert-channels-'));
    // A self-signed certificate for 127.0.0.1, made with the system's openssl (argument array, no shell).
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem'),
    ]);
    certPem = readFileSync(join(work, 'cert.pem'), 'utf8');
    keyPem = readFileSync(join(work, 'key.pem'), 'utf8');
    hooks = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        const reply = answer(req.url ?? '');
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.text);
      });
    });
    hooksPort = await listen(hooks);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (hooks ? hooks.close(() => resolve()) : resolve()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A real SMTP server on 127.0.0.1 that keeps every mail it accepts; STARTTLS with the test certificate, or none at all. */
  function recordingSmtpServer(mails: string[], options: { startTls: boolean }): SMTPServer {
    return new SMTPServer({
      secure: false,
      ...(options.startTls ? { key: keyPem, cert: certPem } : { disabledCommands: ['STARTTLS'] }),
      authOptional: true,
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
        stream.on('end', () => {
          mails.push(text);
          callback();
        });
      },
    });
  }

  it('verifies the SMTP server certificate by default (STARTTLS) and trusts it once its CA is given', async () => {
    const mails: string[] = [];
    const server = recordingSmtpServer(mails, { startTls: true });
    const port = await listen(server);
    try {
      const settings = { name: 'mail', type: 'email' as const, to: ['a@example.org'], cc: [], smtp: { host: '127.0.0.1', port, secure: false, requireTls: true, from: 'f@example.org', rejectUnauthorized: true } };
      const untrusted = await new EmailChannel(settings, { owner: 'x', resolveSecret: async () => undefined, timeoutMs: 10_000 }).send(alert);
      expect(untrusted.ok).toBe(false);
      expect(!untrusted.ok && untrusted.error.hint).toContain('certificate is not trusted');
      expect(mails).toHaveLength(0);
      const trusted = await new EmailChannel({ ...settings, smtp: { ...settings.smtp, ca: certPem } }, { owner: 'x', resolveSecret: async () => undefined, timeoutMs: 10_000 }).send(alert);
      if (!trusted.ok) throw trusted.error;
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain('Subject: [FLINK ERROR] Flink job orders FAILED on prod');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('takes requireTls and the CA file from the job file: STARTTLS is enforced and the server verified with that CA', async () => {
    const mails: string[] = [];
    const withTls = recordingSmtpServer(mails, { startTls: true });
    const plainOnly = recordingSmtpServer(mails, { startTls: false });
    const tlsPort = await listen(withTls);
    const plainPort = await listen(plainOnly);
    const jobFilePath = join(work, 'mailing.flink.yaml');
    const jobText = (port: number, requireTls: boolean) =>
      sqlJobWithChannels('mailing', `    - { name: mail, type: email, to: [oncall@example.org], smtp: { host: 127.0.0.1, port: ${port}, requireTls: ${requireTls}, caFile: cert.pem, from: flink@example.org } }\n`);
    const channelFor = (text: string) => {
      const parsed = parseJobFileText(text, jobFilePath);
      if (!parsed.ok) throw parsed.error;
      const { settings, problems } = resolveAlertSettings(parsed.value.job.alerts, undefined, { jobFilePath });
      expect(problems).toEqual([]);
      const settingsOfMail = settings.channels[0]!;
      if (settingsOfMail.type !== 'email') throw new Error('expected the email channel');
      return new EmailChannel(settingsOfMail, { owner: jobFilePath, resolveSecret: async () => undefined, timeoutMs: 10_000 });
    };
    try {
      // The CA named in the job file is what makes the self-signed server trusted.
      const verified = await channelFor(jobText(tlsPort, true)).send(alert);
      if (!verified.ok) throw verified.error;
      expect(mails).toHaveLength(1);
      // A server that does not offer STARTTLS gets nothing when the job file requires TLS …
      const refused = await channelFor(jobText(plainPort, true)).send(alert);
      expect(refused.ok).toBe(false);
      expect(mails).toHaveLength(1);
      // … and the same alert in plain text when it does not.
      const plain = await channelFor(jobText(plainPort, false)).send(alert);
      if (!plain.ok) throw plain.error;
      expect(mails).toHaveLength(2);
    } finally {
      await Promise.all([withTls, plainOnly].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    }
  });

  it('never puts the address (with its token) or the signing secret into its description or errors', async () => {
    const secrets: Record<string, string> = {
      // Nothing listens on port 1: connection refused.
      refused: 'http://127.0.0.1:1/robot/send?access_token=TOPSECRETTOKEN',
      failing: `http://127.0.0.1:${hooksPort}/robot/send?access_token=TOPSECRETTOKEN`,
      sign: 'SECsignsecret',
    };
    answer = () => ({ status: 500, text: 'internal error' });
    for (const urlSecret of ['refused', 'failing']) {
      const channel = new WebhookChannel({ name: 'ding', type: 'webhook', kind: 'dingtalk', urlSecret, signSecret: 'sign' }, { owner: '/ws/x.flink.yaml', resolveSecret: async (n) => secrets[n], timeoutMs: 5_000 });
      const result = await channel.send(alert);
      expect(result.ok).toBe(false);
      const text = `${channel.description} ${!result.ok && result.error.describe()} ${JSON.stringify(!result.ok && result.error)}`;
      expect(text).not.toContain('TOPSECRETTOKEN');
      expect(text).not.toContain('SECsignsecret');
      expect(!result.ok && result.error.message).toMatch(/^Alert to dingtalk webhook "ding" \(address from secret\) not delivered: /);
    }
    answer = () => ({ status: 200, text: '{"errcode":0,"errmsg":"ok"}' });
  });

  it('signs DingTalk requests so that the receiver can verify them, and reads DingTalk, Lark and Slack answers', async () => {
    const secrets: Record<string, string> = {
      'ding-url': `http://127.0.0.1:${hooksPort}/robot/send?access_token=T0KEN`,
      'ding-sign': 'SECrobot',
      'lark-url': `http://127.0.0.1:${hooksPort}/open-apis/bot/v2/hook/abc`,
      'slack-url': `http://127.0.0.1:${hooksPort}/services/T/B/X`,
    };
    const resolveSecret = async (name: string) => secrets[name];
    const ding = await new WebhookChannel({ name: 'ding', type: 'webhook', kind: 'dingtalk', urlSecret: 'ding-url', signSecret: 'ding-sign' }, { owner: 'x', resolveSecret }).send(alert);
    if (!ding.ok) throw ding.error;
    const request = new URL(received.at(-1)!.url, 'http://127.0.0.1');
    const timestamp = request.searchParams.get('timestamp')!;
    // The receiver's side of DingTalk's check: HMAC-SHA256 over "timestamp\nsecret" with the secret.
    const expected = createHmac('sha256', 'SECrobot').update(`${timestamp}\nSECrobot`).digest('base64');
    expect(request.searchParams.get('sign')).toBe(expected);
    expect(request.searchParams.get('access_token')).toBe('T0KEN');
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    expect(received.at(-1)!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: alert.title } });

    answer = () => ({ status: 200, text: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' });
    const lark = await new WebhookChannel({ name: 'lark', type: 'webhook', kind: 'lark', urlSecret: 'lark-url', larkFormat: 'interactive' }, { owner: 'x', resolveSecret }).send(alert);
    expect(lark.ok).toBe(false);
    expect(!lark.ok && lark.error.message).toContain('lark error 19021');
    expect(!lark.ok && lark.error.describe()).not.toContain('/hook/abc');

    answer = () => ({ status: 200, text: 'ok' });
    const slack = await new WebhookChannel({ name: 'slack', type: 'webhook', kind: 'slack', urlSecret: 'slack-url' }, { owner: 'x', resolveSecret }).send(alert);
    if (!slack.ok) throw slack.error;
    expect(received.at(-1)!.body).toMatchObject({ text: `${alert.title}: ${alert.summary}` });
  });
});
