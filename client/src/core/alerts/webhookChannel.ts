// Sends alerts to a webhook (DingTalk, WeCom, Lark, Slack or plain HTTP) with undici: TLS verified,
// a timeout, the address read from a secret at send time, and errors that name the channel and
// host but never the address (it carries the token) or the signing secret.
import { request } from 'undici';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import type { Alert, AlertChannel, ChannelSettings, SecretResolver } from './alertTypes';
import { webhookAccepted, webhookRequest } from './webhookPayloads';

type WebhookSettings = Extract<ChannelSettings, { type: 'webhook' }>;

export interface WebhookChannelOptions {
  /** Identifies the channel definition, e.g. the job file path. */
  owner: string;
  resolveSecret: SecretResolver;
  now?: () => number;
  timeoutMs?: number;
}

export class WebhookChannel implements AlertChannel {
  readonly id: string;
  readonly description: string;
  readonly #settings: WebhookSettings;
  readonly #options: WebhookChannelOptions;

  constructor(settings: WebhookSettings, options: WebhookChannelOptions) {
    this.#settings = settings;
    this.#options = options;
    this.id = `${options.owner}#${settings.name}`;
    const host = settings.url ? safeHost(settings.url) : 'address from secret';
    this.description = `${settings.kind} webhook "${settings.name}" (${host})`;
  }

  async send(alert: Alert): Promise<Result<void, FlinkPilotError>> {
    const fail = (message: string, hint: string, cause?: unknown) =>
      err(new FlinkPilotError(`Alert to ${this.description} not delivered: ${message}`, { code: 'alert-delivery', hint, cause }));
    const s = this.#settings;
    const url = s.url ?? (s.urlSecret ? await this.#options.resolveSecret(s.urlSecret) : undefined);
    if (!url) return fail(`secret "${s.urlSecret}" is not set`, `Store the webhook address with "Flink: Set Secret" (name ${s.urlSecret}) or the environment.`);
    let signSecret: string | undefined;
    if (s.signSecret) {
      signSecret = await this.#options.resolveSecret(s.signSecret);
      if (!signSecret) return fail(`signing secret "${s.signSecret}" is not set`, `Store the robot's signing secret under the name ${s.signSecret}.`);
    }
    let payload;
    try {
      payload = webhookRequest(s.kind, alert, url, { signSecret, now: (this.#options.now ?? Date.now)(), larkFormat: s.larkFormat });
    } catch (cause) {
      return fail('the address is not a valid URL', 'Check the webhook address stored in the secret.', cause);
    }
    try {
      const response = await request(payload.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload.body),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
      const text = await response.body.text();
      const accepted = webhookAccepted(s.kind, response.statusCode, text);
      if (!accepted.ok) return fail(accepted.message, 'Check the robot settings (keywords, IP allow-list, signing) and the address.');
      return ok(undefined);
    } catch (cause) {
      // The undici error message may contain the URL: keep only its code.
      const code = (cause as { code?: string; name?: string })?.code ?? (cause as { name?: string })?.name ?? 'network error';
      return fail(String(code), 'Check the network path to the webhook service.', undefined);
    }
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid address';
  }
}
