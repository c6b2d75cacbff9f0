// Turns the `alerts` and `autoRestart` blocks of a job file (jobFile.ts model) into validated
// settings with milliseconds and defaults. Problems come back as messages naming the exact key,
// so one bad channel never silences the others.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ALERT_EVENTS, LARK_MESSAGE_FORMATS, WEBHOOK_KINDS, type AlertSettings, type AutoRestartSettings, type SmtpSettings } from '../jobs/jobFile';
import type { AutoRestartPolicy, ChannelSettings, JobAlertSettings, SmtpChannelSettings, TriggerSettings, WebhookKind } from './alertTypes';
import { parseFlinkDuration } from './flinkDuration';

export interface AlertSettingsProblem {
  /** Key path in the job file, e.g. `alerts.channels[1].urlSecret`. */
  path: string;
  message: string;
}

export interface ResolvedAlertSettings {
  settings: JobAlertSettings;
  problems: AlertSettingsProblem[];
}

/** SMTP settings from the editor or CLI when a channel has none of its own. */
export type DefaultSmtp = Partial<Omit<SmtpSettings, 'caFile'>> & {
  /** Only an explicit opt-out disables certificate checks. */
  rejectUnauthorized?: boolean;
  /** PEM of a CA to trust in addition to the system's (e.g. a company CA). */
  ca?: string;
};

const TOKEN_IN_URL: ReadonlySet<WebhookKind> = new Set(['dingtalk', 'wecom', 'lark', 'slack']);
const DEFAULT_WINDOW_MS = 10 * 60_000;

export interface ResolveAlertSettingsOptions {
  defaultSmtp?: DefaultSmtp;
  /** The job file the blocks come from: `smtp.caFile` is relative to it. */
  jobFilePath?: string;
  /** Reads a CA file (tests may substitute); default: the file system. */
  readTextFile?: (absolutePath: string) => string;
}

export function resolveAlertSettings(
  alerts: AlertSettings | undefined,
  autoRestart: AutoRestartSettings | undefined,
  options: ResolveAlertSettingsOptions = {},
): ResolvedAlertSettings {
  const problems: AlertSettingsProblem[] = [];
  const channels: ChannelSettings[] = [];
  const names = new Set<string>();
  (alerts?.channels ?? []).forEach((raw, index) => {
    const path = `alerts.channels[${index}]`;
    const name = typeof raw?.name === 'string' && raw.name.trim() !== '' ? raw.name : `${raw?.type ?? 'channel'}-${index + 1}`;
    if (names.has(name)) {
      problems.push({ path: `${path}.name`, message: `Channel name "${name}" is used twice; triggers pick channels by name.` });
      return;
    }
    names.add(name);
    if (raw?.type === 'email') {
      const smtp = resolveSmtp(raw.smtp, options, `${path}.smtp`, problems);
      const to = (raw.to ?? []).filter((a) => typeof a === 'string' && a.includes('@'));
      if (to.length === 0) problems.push({ path: `${path}.to`, message: 'An email channel needs at least one recipient address.' });
      if (smtp && to.length > 0) channels.push({ name, type: 'email', to, cc: raw.cc ?? [], smtp });
      return;
    }
    if (raw?.type === 'webhook') {
      const kind = raw.kind;
      if (!(WEBHOOK_KINDS as readonly string[]).includes(kind)) {
        problems.push({ path: `${path}.kind`, message: `Unknown webhook kind "${String(kind)}": use dingtalk, wecom, lark, slack or http.` });
        return;
      }
      if (!raw.url && !raw.urlSecret) {
        problems.push({ path: path, message: `Webhook channel "${name}" needs \`url\` or \`urlSecret\`.` });
        return;
      }
      if (raw.url && TOKEN_IN_URL.has(kind)) {
        // These addresses are credentials: whoever has one can post to the group.
        problems.push({ path: `${path}.url`, message: `The ${kind} webhook address contains its access token: store it as a secret and reference it with \`urlSecret\` instead of \`url\`.` });
        return;
      }
      if (raw.url && !isHttpUrl(raw.url)) {
        problems.push({ path: `${path}.url`, message: `"${raw.url}" is not an http(s) address.` });
        return;
      }
      if (raw.signSecret && kind !== 'dingtalk' && kind !== 'lark') {
        problems.push({ path: `${path}.signSecret`, message: `Signing is only defined for dingtalk and lark webhooks, not ${kind}; it is ignored.` });
      }
      if (raw.larkFormat !== undefined && kind !== 'lark') {
        problems.push({ path: `${path}.larkFormat`, message: `\`larkFormat\` only applies to lark webhooks, not ${kind}; it is ignored.` });
      }
      let larkFormat = raw.larkFormat;
      if (larkFormat !== undefined && !(LARK_MESSAGE_FORMATS as readonly string[]).includes(larkFormat)) {
        problems.push({ path: `${path}.larkFormat`, message: `Unknown Lark message format "${String(larkFormat)}": use interactive (a message card) or text.` });
        larkFormat = undefined;
      }
      // Keys of other robots are left out: a sign secret that is never used must not be looked up at send time.
      const signs = kind === 'dingtalk' || kind === 'lark';
      channels.push({ name, type: 'webhook', kind, url: raw.url, urlSecret: raw.urlSecret, ...(signs && raw.signSecret ? { signSecret: raw.signSecret } : {}), ...(kind === 'lark' ? { larkFormat: larkFormat ?? 'interactive' } : {}) });
      return;
    }
    problems.push({ path: `${path}.type`, message: `Unknown channel type "${String((raw as { type?: unknown })?.type)}": use email or webhook.` });
  });

  const triggers: TriggerSettings[] = [];
  (alerts?.triggers ?? []).forEach((raw, index) => {
    const path = `alerts.triggers[${index}]`;
    if (!(ALERT_EVENTS as readonly string[]).includes(raw?.on)) {
      problems.push({ path: `${path}.on`, message: `Unknown trigger "${String(raw?.on)}": use failed, restarts, checkpoint-failures or cluster-lost.` });
      return;
    }
    const withinMs = raw.within === undefined ? DEFAULT_WINDOW_MS : parseFlinkDuration(raw.within);
    if (withinMs === undefined || withinMs <= 0) {
      problems.push({ path: `${path}.within`, message: `"${raw.within}" is not a duration (e.g. \`10 min\`, \`30 s\`, \`PT1H\`).` });
      return;
    }
    const count = raw.count ?? 0;
    if (!Number.isInteger(count) || count < 0) {
      problems.push({ path: `${path}.count`, message: '`count` must be a whole number ≥ 0 (the alert fires when MORE than this many happen).' });
      return;
    }
    const unknown = (raw.channels ?? []).filter((c) => !names.has(c));
    if (unknown.length > 0) problems.push({ path: `${path}.channels`, message: `Unknown channel(s): ${unknown.join(', ')}.` });
    triggers.push({ on: raw.on, count, withinMs, channels: (raw.channels ?? []).filter((c) => names.has(c)) });
  });

  let policy: AutoRestartPolicy | undefined;
  if (autoRestart) {
    const enabled = autoRestart.enabled ?? true;
    const maxRestarts = autoRestart.maxRestarts ?? 3;
    const withinMs = autoRestart.within === undefined ? Infinity : parseFlinkDuration(autoRestart.within);
    const delayMs = autoRestart.delay === undefined ? 30_000 : parseFlinkDuration(autoRestart.delay);
    if (!Number.isInteger(maxRestarts) || maxRestarts < 0) problems.push({ path: 'autoRestart.maxRestarts', message: '`maxRestarts` must be a whole number ≥ 0.' });
    else if (withinMs === undefined) problems.push({ path: 'autoRestart.within', message: `"${autoRestart.within}" is not a duration.` });
    else if (delayMs === undefined) problems.push({ path: 'autoRestart.delay', message: `"${autoRestart.delay}" is not a duration.` });
    else policy = { enabled, maxRestarts, withinMs, delayMs, from: autoRestart.from === 'latest-savepoint' ? 'latest-savepoint' : 'latest-checkpoint' };
  }
  return { settings: { channels, triggers, autoRestart: policy }, problems };
}

function resolveSmtp(smtp: SmtpSettings | undefined, options: ResolveAlertSettingsOptions, path: string, problems: AlertSettingsProblem[]): SmtpChannelSettings | undefined {
  const { caFile, ...written } = smtp ?? {};
  const merged: DefaultSmtp = { ...options.defaultSmtp, ...written };
  if (!merged.host) {
    problems.push({ path, message: 'No SMTP server: give `smtp: { host, from }` in the channel.' });
    return undefined;
  }
  if (!merged.from) {
    problems.push({ path: `${path}.from`, message: 'An email channel needs a sender address (`smtp.from`).' });
    return undefined;
  }
  if (caFile !== undefined) {
    // The job file's CA replaces the default one: a channel names the server it trusts.
    const file = isAbsolute(caFile) || !options.jobFilePath ? resolve(caFile) : resolve(dirname(options.jobFilePath), caFile);
    try {
      merged.ca = (options.readTextFile ?? ((p: string) => readFileSync(p, 'utf8')))(file);
    } catch (cause) {
      problems.push({ path: `${path}.caFile`, message: `Cannot read the CA file ${file}: ${(cause as Error).message}. Without it the SMTP server's certificate cannot be verified, so the channel is left out.` });
      return undefined;
    }
    if (!merged.ca.includes('-----BEGIN CERTIFICATE-----')) {
      problems.push({ path: `${path}.caFile`, message: `${file} holds no PEM certificate (\`-----BEGIN CERTIFICATE-----\`); the channel is left out.` });
      return undefined;
    }
  }
  const secure = merged.secure ?? merged.port === 465;
  return {
    host: merged.host,
    port: merged.port ?? (secure ? 465 : 587),
    secure,
    requireTls: merged.requireTls ?? false,
    username: merged.username,
    passwordSecret: merged.secret,
    from: merged.from,
    rejectUnauthorized: merged.rejectUnauthorized ?? true,
    ca: merged.ca,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
