// Sends alerts by email over SMTP with nodemailer: implicit TLS or STARTTLS, certificates verified
// by default, the password read from a secret at send time and never put into logs or errors.
import nodemailer from 'nodemailer';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import { alertHtml, alertPlainText } from './alertText';
import type { Alert, AlertChannel, ChannelSettings, SecretResolver } from './alertTypes';

type EmailSettings = Extract<ChannelSettings, { type: 'email' }>;

export interface EmailChannelOptions {
  owner: string;
  resolveSecret: SecretResolver;
  timeoutMs?: number;
}

const SEVERITY_PREFIX: Record<Alert['severity'], string> = { error: '[FLINK ERROR]', warning: '[FLINK WARNING]', info: '[FLINK]' };

export class EmailChannel implements AlertChannel {
  readonly id: string;
  readonly description: string;
  readonly #settings: EmailSettings;
  readonly #options: EmailChannelOptions;

  constructor(settings: EmailSettings, options: EmailChannelOptions) {
    this.#settings = settings;
    this.#options = options;
    this.id = `${options.owner}#${settings.name}`;
    this.description = `email "${settings.name}" via ${settings.smtp.host}:${settings.smtp.port}`;
  }

  async send(alert: Alert): Promise<Result<void, FlinkPilotError>> {
    const { smtp, to, cc } = this.#settings;
    const fail = (message: string, hint: string, cause?: unknown) =>
      err(new FlinkPilotError(`Alert to ${this.description} not delivered: ${message}`, { code: 'alert-delivery', hint, cause }));
    let pass: string | undefined;
    if (smtp.passwordSecret) {
      pass = await this.#options.resolveSecret(smtp.passwordSecret);
      if (pass === undefined) return fail(`secret "${smtp.passwordSecret}" is not set`, `Store the SMTP password under the name ${smtp.passwordSecret}.`);
    }
    const timeout = this.#options.timeoutMs ?? 20_000;
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTls,
      auth: smtp.username ? { user: smtp.username, pass: pass ?? '' } : undefined,
      tls: { rejectUnauthorized: smtp.rejectUnauthorized, ca: smtp.ca },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    });
    try {
      await transport.sendMail({
        from: smtp.from,
        to,
        cc: cc.length > 0 ? cc : undefined,
        subject: `${SEVERITY_PREFIX[alert.severity]} ${alert.title}`,
        text: alertPlainText(alert),
        html: alertHtml(alert),
        headers: { 'X-Flink-Pilot-Topic': alert.topic },
      });
      return ok(undefined);
    } catch (cause) {
      const e = cause as { code?: string; responseCode?: number; response?: string; message?: string };
      const detail = e.responseCode ? `SMTP ${e.responseCode} ${e.response ?? ''}`.trim() : [e.code, e.message].filter(Boolean).join(' ') || 'SMTP error';
      const hint =
        e.code === 'EAUTH'
          ? 'Check the SMTP user name and the password secret.'
          : /CERT|SELF[_-]SIGNED|TLS|unable to verify/i.test(`${e.code ?? ''} ${e.message ?? ''}`)
            ? 'The SMTP server certificate is not trusted: add its CA, or fix the host name.'
            : 'Check the SMTP host, port and TLS settings.';
      return fail(redact(detail, pass), hint);
    } finally {
      transport.close();
    }
  }
}

function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}
