// Each webhook service's request shape and signature, the answer checks, and the text renderings.
// Signature vectors were computed independently (Python hmac/hashlib) with the services'
// documented algorithms.
import { describe, expect, it } from 'vitest';
import { alertHtml, alertMarkdown, alertPlainText } from '../../../client/src/core/alerts/alertText';
import type { Alert } from '../../../client/src/core/alerts/alertTypes';
import {
  dingTalkRequest,
  dingTalkSign,
  httpRequest,
  larkRequest,
  larkSign,
  slackRequest,
  webhookAccepted,
  weComRequest,
} from '../../../client/src/core/alerts/webhookPayloads';

const alert: Alert = {
  topic: 'failed',
  severity: 'error',
  dedupKey: 'failed:/ws/orders.flink.yaml:abc',
  title: 'Flink job orders FAILED on prod',
  summary: 'Flink says: java.lang.ArithmeticException: / by zero',
  facts: [
    { label: 'Job', value: 'orders' },
    { label: 'Root cause', value: 'java.lang.ArithmeticException: / by zero <script>' },
  ],
  at: Date.UTC(2026, 0, 1, 12),
  cluster: 'prod',
  jobId: 'abc',
  jobName: 'orders',
  jobFilePath: '/ws/orders.flink.yaml',
  webUrl: 'http://127.0.0.1:8081/#/job/running/abc/overview',
};

describe('DingTalk', () => {
  it('signs with HMAC-SHA256(secret, "timestamp\\nsecret") in base64', () => {
    expect(dingTalkSign(1700000000123, 'SECabc123')).toBe('etIBQNvdgq9e1O4P4gRnRS05m9vXVgr6/5xt3Azj2s8=');
  });

  it('sends a markdown message and appends timestamp and URL-encoded sign to the address', () => {
    const req = dingTalkRequest(alert, 'https://robot.example/send?access_token=TOKEN', { signSecret: 'SECabc123', now: 1700000000123 });
    const url = new URL(req.url);
    expect(url.searchParams.get('access_token')).toBe('TOKEN');
    expect(url.searchParams.get('timestamp')).toBe('1700000000123');
    expect(url.searchParams.get('sign')).toBe('etIBQNvdgq9e1O4P4gRnRS05m9vXVgr6/5xt3Azj2s8=');
    expect(req.url).toContain('sign=etIBQNvdgq9e1O4P4gRnRS05m9vXVgr6%2F5xt3Azj2s8%3D');
    expect(req.body).toEqual({ msgtype: 'markdown', markdown: { title: alert.title, text: alertMarkdown(alert) } });
  });

  it('leaves the address alone without a signing secret', () => {
    expect(dingTalkRequest(alert, 'https://robot.example/send?access_token=T', { now: 1 }).url).toBe('https://robot.example/send?access_token=T');
  });
});

describe('WeCom', () => {
  it('sends markdown content, cut to 4096 bytes', () => {
    const req = weComRequest(alert, 'https://wecom.example/send?key=K');
    expect(req.body).toEqual({ msgtype: 'markdown', markdown: { content: alertMarkdown(alert) } });
    const long = weComRequest({ ...alert, summary: '数'.repeat(3000) }, 'https://wecom.example/send?key=K');
    const content = (long.body as { markdown: { content: string } }).markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(content.endsWith('…')).toBe(true);
  });
});

describe('Lark / Feishu', () => {
  it('signs with HMAC-SHA256(key = "timestamp\\nsecret", empty message), timestamp in seconds', () => {
    expect(larkSign(1700000000, 'SECabc123')).toBe('UqhI0v4zAkSwI4hNYBuHQvnrAqshA0UaeBGHCUMPX70=');
  });

  it('sends an interactive card with a red header for errors, signature in the body', () => {
    const req = larkRequest(alert, 'https://lark.example/hook/X', { signSecret: 'SECabc123', now: 1700000000999 });
    const body = req.body as Record<string, any>;
    expect(body.msg_type).toBe('interactive');
    expect(body.timestamp).toBe('1700000000');
    expect(body.sign).toBe('UqhI0v4zAkSwI4hNYBuHQvnrAqshA0UaeBGHCUMPX70=');
    expect(body.card.header).toEqual({ title: { tag: 'plain_text', content: alert.title }, template: 'red' });
    expect(body.card.elements[0]).toEqual({ tag: 'div', text: { tag: 'lark_md', content: alert.summary } });
    expect(body.card.elements[2].actions[0]).toMatchObject({ tag: 'button', url: alert.webUrl });
  });

  it('can send plain text instead', () => {
    expect(larkRequest(alert, 'https://lark.example/hook/X', { now: 1, format: 'text' }).body).toEqual({ msg_type: 'text', content: { text: alertPlainText(alert) } });
  });
});

describe('Slack', () => {
  it('sends fallback text plus header, mrkdwn section and fields, with <, >, & escaped', () => {
    const body = slackRequest(alert, 'https://hooks.example/services/T/B/X').body as Record<string, any>;
    expect(body.text).toBe(`${alert.title}: ${alert.summary}`);
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: alert.title } });
    expect(body.blocks[1].text.type).toBe('mrkdwn');
    expect(body.blocks[1].text.text).toContain(`<${alert.webUrl}|Open in Flink Web UI>`);
    expect(body.blocks[2].fields[1].text).toBe('*Root cause*\njava.lang.ArithmeticException: / by zero &lt;script&gt;');
  });
});

describe('plain HTTP', () => {
  it('sends the alert as stable JSON', () => {
    expect(httpRequest(alert, 'http://127.0.0.1:9/hook').body).toEqual({
      source: 'flink-pilot',
      topic: 'failed',
      severity: 'error',
      title: alert.title,
      summary: alert.summary,
      at: '2026-01-01T12:00:00.000Z',
      cluster: 'prod',
      jobId: 'abc',
      jobName: 'orders',
      jobFile: '/ws/orders.flink.yaml',
      webUrl: alert.webUrl,
      facts: { Job: 'orders', 'Root cause': 'java.lang.ArithmeticException: / by zero <script>' },
    });
  });
});

describe('webhookAccepted', () => {
  it('reads each service answer, including errors sent with HTTP 200', () => {
    expect(webhookAccepted('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(webhookAccepted('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, message: 'dingtalk error 310000: sign not match' });
    expect(webhookAccepted('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}').ok).toBe(false);
    expect(webhookAccepted('lark', 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}')).toMatchObject({ ok: false, message: expect.stringContaining('19021') });
    expect(webhookAccepted('lark', 200, '{"code":0,"msg":"success","data":{}}')).toEqual({ ok: true });
    expect(webhookAccepted('slack', 200, 'ok')).toEqual({ ok: true });
    expect(webhookAccepted('slack', 403, 'invalid_token')).toEqual({ ok: false, message: 'HTTP 403: invalid_token' });
    expect(webhookAccepted('http', 204, '')).toEqual({ ok: true });
    expect(webhookAccepted('wecom', 200, '<html>proxy</html>').ok).toBe(false);
  });
});

describe('renderings', () => {
  it('escapes HTML from Flink messages in the email body and keeps markdown on one line per fact', () => {
    expect(alertHtml(alert)).toContain('/ by zero &lt;script&gt;');
    expect(alertHtml(alert)).not.toContain('<script>');
    const md = alertMarkdown({ ...alert, summary: 'line1\nline2 *star*' });
    expect(md).toContain('line1 line2 \\*star\\*');
    expect(alertPlainText(alert)).toContain('Flink Web UI: http://127.0.0.1:8081/#/job/running/abc/overview');
  });
});
