// The HTTP request each webhook service expects, as pure functions (unit-tested for shape):
// - DingTalk custom robot: `{"msgtype":"markdown","markdown":{"title","text"}}`; signing appends
//   `timestamp` (ms) and `sign` = base64(HMAC-SHA256(key=secret, "timestamp\nsecret")) to the URL.
// - WeCom group robot: `{"msgtype":"markdown","markdown":{"content"}}` (content ≤ 4096 bytes).
// - Lark/Feishu custom bot: `{"msg_type":"interactive","card":{…}}` or `{"msg_type":"text",…}`;
//   signing adds `timestamp` (s) and `sign` = base64(HMAC-SHA256(key="timestamp\nsecret", "")) to the body.
// - Slack incoming webhook: `{"text", "blocks":[…]}` (text is the notification fallback).
// - Plain HTTP: the alert as JSON.
// Each service answers HTTP 200 even for some errors; `webhookAccepted` reads their answer.
import { createHmac } from 'node:crypto';
import { alertMarkdown, alertPlainText, alertSlackMrkdwn } from './alertText';
import type { Alert, LarkMessageFormat, WebhookKind } from './alertTypes';

export interface WebhookRequest {
  url: string;
  body: unknown;
}

export function dingTalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function larkSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export function dingTalkRequest(alert: Alert, url: string, options: { signSecret?: string; now: number }): WebhookRequest {
  let target = url;
  if (options.signSecret) {
    const target_ = new URL(url);
    target_.searchParams.set('timestamp', String(options.now));
    target_.searchParams.set('sign', dingTalkSign(options.now, options.signSecret));
    target = target_.toString();
  }
  return { url: target, body: { msgtype: 'markdown', markdown: { title: alert.title, text: alertMarkdown(alert) } } };
}

const WECOM_MAX_BYTES = 4096;

export function weComRequest(alert: Alert, url: string): WebhookRequest {
  return { url, body: { msgtype: 'markdown', markdown: { content: truncateUtf8(alertMarkdown(alert), WECOM_MAX_BYTES) } } };
}

export function larkRequest(alert: Alert, url: string, options: { signSecret?: string; now: number; format?: LarkMessageFormat }): WebhookRequest {
  const body: Record<string, unknown> =
    options.format === 'text'
      ? { msg_type: 'text', content: { text: alertPlainText(alert) } }
      : {
          msg_type: 'interactive',
          card: {
            config: { wide_screen_mode: true },
            header: { title: { tag: 'plain_text', content: alert.title }, template: alert.severity === 'error' ? 'red' : alert.severity === 'warning' ? 'orange' : 'blue' },
            elements: [
              { tag: 'div', text: { tag: 'lark_md', content: alert.summary } },
              { tag: 'div', fields: alert.facts.map((f) => ({ is_short: f.value.length < 40, text: { tag: 'lark_md', content: `**${f.label}**\n${f.value}` } })) },
              ...(alert.webUrl ? [{ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: 'Open in Flink Web UI' }, type: 'primary', url: alert.webUrl }] }] : []),
            ],
          },
        };
  if (options.signSecret) {
    const seconds = Math.floor(options.now / 1000);
    body.timestamp = String(seconds);
    body.sign = larkSign(seconds, options.signSecret);
  }
  return { url, body };
}

export function slackRequest(alert: Alert, url: string): WebhookRequest {
  const text = alertSlackMrkdwn(alert);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateChars(text.header, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: truncateChars(text.body, 3000) } },
  ];
  if (text.facts.length > 0) blocks.push({ type: 'section', fields: text.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: truncateChars(f, 2000) })) });
  return { url, body: { text: `${alert.title}: ${alert.summary}`, blocks } };
}

/** Plain JSON for any HTTP receiver: stable field names, no secrets. */
export function httpRequest(alert: Alert, url: string): WebhookRequest {
  return {
    url,
    body: {
      source: 'flink-pilot',
      topic: alert.topic,
      severity: alert.severity,
      title: alert.title,
      summary: alert.summary,
      at: new Date(alert.at).toISOString(),
      cluster: alert.cluster,
      jobId: alert.jobId,
      jobName: alert.jobName,
      jobFile: alert.jobFilePath,
      webUrl: alert.webUrl,
      facts: Object.fromEntries(alert.facts.map((f) => [f.label, f.value])),
    },
  };
}

export function webhookRequest(kind: WebhookKind, alert: Alert, url: string, options: { signSecret?: string; now: number; larkFormat?: LarkMessageFormat }): WebhookRequest {
  switch (kind) {
    case 'dingtalk':
      return dingTalkRequest(alert, url, options);
    case 'wecom':
      return weComRequest(alert, url);
    case 'lark':
      return larkRequest(alert, url, { ...options, format: options.larkFormat });
    case 'slack':
      return slackRequest(alert, url);
    case 'http':
      return httpRequest(alert, url);
  }
}

/** Whether the service accepted the message: DingTalk/WeCom `errcode: 0`, Lark `code: 0`, Slack `ok`. */
export function webhookAccepted(kind: WebhookKind, status: number, text: string): { ok: true } | { ok: false; message: string } {
  if (status < 200 || status >= 300) return { ok: false, message: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  if (kind === 'http') return { ok: true };
  if (kind === 'slack') return text.trim() === 'ok' || text.trim() === '' ? { ok: true } : { ok: false, message: text.slice(0, 200) };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, message: `unexpected answer: ${text.slice(0, 200)}` };
  }
  const code = kind === 'lark' ? (body.code ?? body.StatusCode) : body.errcode;
  if (code === 0 || code === undefined) return { ok: true };
  const message = (kind === 'lark' ? (body.msg ?? body.StatusMessage) : body.errmsg) ?? 'no message';
  return { ok: false, message: `${kind} error ${String(code)}: ${String(message)}` };
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = text.slice(0, maxBytes);
  while (Buffer.byteLength(cut, 'utf8') > maxBytes - 3) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function truncateChars(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
