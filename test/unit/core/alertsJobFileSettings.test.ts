// From the job file to the channel settings: the SMTP `requireTls` / `caFile` and Lark `larkFormat`
// keys that the schema accepts reach the channels; a bad CA file or a key for the wrong kind of
// robot is a problem naming its key, never a silent default.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAlertSettings } from '../../../client/src/core/alerts/alertSettings';
import { webhookRequest } from '../../../client/src/core/alerts/webhookPayloads';
import type { Alert } from '../../../client/src/core/alerts/alertTypes';
import { parseJobFileText } from '../../../client/src/core/jobs/jobFile';
import { sqlJobWithChannels } from '../../fixtures/alerts/alertJobText';

const work = mkdtempSync(join(tmpdir(), 'fp-alert-settings-'));
const CA = '-----BEGIN CERTIFICATE-----\nMIIBcompanyCA\n-----END CERTIFICATE-----\n';
writeFileSync(join(work, 'ca.pem'), CA);
writeFileSync(join(work, 'not-a-cert.txt'), 'hello');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const jobFilePath = join(work, 'orders.flink.yaml');

const JOB = sqlJobWithChannels(
  'orders',
  `    - name: mail
      type: email
      to: [oncall@example.org]
      smtp: { host: smtp.example.org, port: 587, requireTls: true, caFile: ca.pem, from: flink@example.org }
    - name: lark
      type: webhook
      kind: lark
      urlSecret: lark-url
      larkFormat: text
    - name: lark-card
      type: webhook
      kind: lark
      urlSecret: lark-url
`,
);

const alert: Alert = { topic: 'failed', severity: 'error', dedupKey: 'k', title: 'Flink job orders FAILED on prod', summary: 'Flink says: boom', facts: [], at: 0, cluster: 'prod' };

describe('alert settings from a job file', () => {
  it('loads requireTls, the CA file (relative to the job file) and the Lark message type', () => {
    const parsed = parseJobFileText(JOB, jobFilePath);
    if (!parsed.ok) throw parsed.error;
    const { settings, problems } = resolveAlertSettings(parsed.value.job.alerts, undefined, { jobFilePath });
    expect(problems).toEqual([]);
    expect(settings.channels[0]).toMatchObject({ type: 'email', smtp: { host: 'smtp.example.org', port: 587, secure: false, requireTls: true, rejectUnauthorized: true, ca: CA } });
    expect(settings.channels[1]).toMatchObject({ kind: 'lark', larkFormat: 'text' });
    // A card unless the file says otherwise.
    expect(settings.channels[2]).toMatchObject({ kind: 'lark', larkFormat: 'interactive' });
    const lark = settings.channels[1]!;
    const text = webhookRequest('lark', alert, 'http://127.0.0.1:1/hook', { now: 0, larkFormat: lark.type === 'webhook' ? lark.larkFormat : undefined });
    expect(text.body).toMatchObject({ msg_type: 'text' });
  });

  it('refuses a job file whose CA file does not exist, at its position', () => {
    const parsed = parseJobFileText(JOB.replace('caFile: ca.pem', 'caFile: gone.pem'), jobFilePath);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.problems).toEqual([expect.objectContaining({ code: 'missing-file', line: 11 })]);
  });

  it('leaves out an email channel whose CA file cannot be read or holds no certificate, naming the key', () => {
    const channels = [{ name: 'mail', type: 'email' as const, to: ['a@example.org'], smtp: { host: 'h', from: 'f@example.org', caFile: 'not-a-cert.txt' } }];
    const noCert = resolveAlertSettings({ channels }, undefined, { jobFilePath });
    expect(noCert.settings.channels).toEqual([]);
    expect(noCert.problems).toEqual([{ path: 'alerts.channels[0].smtp.caFile', message: expect.stringContaining('holds no PEM certificate') }]);
    const unreadable = resolveAlertSettings({ channels: [{ ...channels[0]!, smtp: { ...channels[0]!.smtp, caFile: 'missing.pem' } }] }, undefined, { jobFilePath });
    expect(unreadable.problems).toEqual([{ path: 'alerts.channels[0].smtp.caFile', message: expect.stringContaining(`Cannot read the CA file ${join(work, 'missing.pem')}`) }]);
  });

  it('leaves out a sign secret of a robot that does not sign, so sending never waits for it', () => {
    const { settings, problems } = resolveAlertSettings({ channels: [{ name: 'wecom', type: 'webhook', kind: 'wecom', urlSecret: 'w', signSecret: 'unused' }, { name: 'ding', type: 'webhook', kind: 'dingtalk', urlSecret: 'd', signSecret: 'sign' }] }, undefined);
    expect(problems).toEqual([{ path: 'alerts.channels[0].signSecret', message: 'Signing is only defined for dingtalk and lark webhooks, not wecom; it is ignored.' }]);
    expect(settings.channels).toEqual([
      { name: 'wecom', type: 'webhook', kind: 'wecom', urlSecret: 'w' },
      { name: 'ding', type: 'webhook', kind: 'dingtalk', urlSecret: 'd', signSecret: 'sign' },
    ]);
  });

  it('reports Lark keys on other webhooks and unknown Lark message types', () => {
    const { settings, problems } = resolveAlertSettings({
      channels: [
        { name: 'slack', type: 'webhook', kind: 'slack', urlSecret: 's', larkFormat: 'text' },
        { name: 'lark', type: 'webhook', kind: 'lark', urlSecret: 'l', larkFormat: 'card' as 'text' },
      ],
    }, undefined);
    expect(problems.map((p) => p.path)).toEqual(['alerts.channels[0].larkFormat', 'alerts.channels[1].larkFormat']);
    expect(problems[1]!.message).toContain('use interactive (a message card) or text');
    // Both channels still alert: the slack one without the Lark key, the Lark one as a card.
    expect(settings.channels).toEqual([
      { name: 'slack', type: 'webhook', kind: 'slack', urlSecret: 's' },
      { name: 'lark', type: 'webhook', kind: 'lark', urlSecret: 'l', larkFormat: 'interactive' },
    ]);
  });
});
