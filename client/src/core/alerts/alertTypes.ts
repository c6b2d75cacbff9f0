// What the alert room works with: an alert (what happened, for people and for each channel's
// format), the resolved channel and trigger settings of a job file, and delivery outcomes.
import type { FlinkPilotError } from '../errors';
import type { AlertEvent, LarkMessageFormat, WebhookChannelDefinition, WebhookKind } from '../jobs/jobFile';
import type { Result } from '../result';

export type { LarkMessageFormat, WebhookKind };

/** The job file's trigger events (`alerts.triggers[].on`). */
export type AlertTriggerKind = AlertEvent;
/** What an alert is about: a trigger of the job file, or what auto-restart did about a failure. */
export type AlertTopic = AlertTriggerKind | 'auto-restarted' | 'auto-restart-failed' | 'auto-restart-exhausted';

export type AlertSeverity = 'error' | 'warning' | 'info';

export interface AlertFact {
  label: string;
  value: string;
}

export interface Alert {
  topic: AlertTopic;
  severity: AlertSeverity;
  /** Same job + topic ⇒ same key: repeated alerts within the de-duplication window are dropped. */
  dedupKey: string;
  /** e.g. `Flink job orders-enrich FAILED on prod`. */
  title: string;
  /** One or two sentences for people. */
  summary: string;
  facts: AlertFact[];
  /** Epoch ms. */
  at: number;
  cluster: string;
  jobId?: string;
  jobName?: string;
  jobFilePath?: string;
  /** Flink Web UI page of the job or cluster. */
  webUrl?: string;
}

export interface SmtpChannelSettings {
  host: string;
  /** Default 465 when `secure`, else 587. */
  port: number;
  /** Implicit TLS; otherwise STARTTLS when offered (or required with `requireTls`). */
  secure: boolean;
  requireTls: boolean;
  username?: string;
  /** Secret name of the SMTP password. */
  passwordSecret?: string;
  from: string;
  /** TLS certificates are verified unless a cluster admin opts out explicitly. */
  rejectUnauthorized: boolean;
  /** PEM of an extra trusted CA. */
  ca?: string;
}

/** A checked channel: email with its SMTP server resolved (defaults applied), or a webhook as written. */
export type ChannelSettings = { name: string; type: 'email'; to: string[]; cc: string[]; smtp: SmtpChannelSettings } | WebhookChannelDefinition;

export interface TriggerSettings {
  on: AlertTriggerKind;
  /** `restarts` / `checkpoint-failures`: alert when MORE than `count` happen within `withinMs`. */
  count: number;
  withinMs: number;
  /** Channel names; empty = every channel. */
  channels: string[];
}

export interface AutoRestartPolicy {
  enabled: boolean;
  maxRestarts: number;
  /** Window for `maxRestarts`; Infinity = for as long as the editor runs. */
  withinMs: number;
  delayMs: number;
  from: 'latest-checkpoint' | 'latest-savepoint';
}

/** The alerting part of one job file, validated. */
export interface JobAlertSettings {
  channels: ChannelSettings[];
  triggers: TriggerSettings[];
  autoRestart?: AutoRestartPolicy;
}

/** Resolves a secret name (SecretStorage, then environment) to its value; undefined when not set. */
export type SecretResolver = (name: string) => Promise<string | undefined>;

export interface AlertChannel {
  /** Unique per channel definition (job file + name): the unit of rate limiting. */
  readonly id: string;
  /** For logs: type, kind and host — never the address with its token. */
  readonly description: string;
  send(alert: Alert): Promise<Result<void, FlinkPilotError>>;
  close?(): void;
}
