// One alert rendered for each medium: plain text (email body, Lark text), Markdown (DingTalk,
// WeCom, Slack mrkdwn differs slightly) and HTML (email). Exception texts come from Flink and are
// escaped wherever the medium interprets markup.
import type { Alert } from './alertTypes';

const SEVERITY_MARK: Record<Alert['severity'], string> = { error: '🔴', warning: '🟠', info: '🔵' };

export function alertPlainText(alert: Alert): string {
  const lines = [alert.title, '', alert.summary, ''];
  for (const fact of alert.facts) lines.push(`${fact.label}: ${fact.value}`);
  if (alert.webUrl) lines.push('', `Flink Web UI: ${alert.webUrl}`);
  lines.push('', `— Flink Pilot, ${new Date(alert.at).toISOString()}`);
  return lines.join('\n');
}

/** CommonMark-ish Markdown as DingTalk and WeCom render it. */
export function alertMarkdown(alert: Alert): string {
  const lines = [`### ${SEVERITY_MARK[alert.severity]} ${escapeMarkdown(alert.title)}`, '', escapeMarkdown(alert.summary), ''];
  for (const fact of alert.facts) lines.push(`- **${escapeMarkdown(fact.label)}**: ${escapeMarkdown(fact.value)}`);
  if (alert.webUrl) lines.push('', `[Open in Flink Web UI](${alert.webUrl})`);
  lines.push('', `> Flink Pilot · ${new Date(alert.at).toISOString()}`);
  return lines.join('\n');
}

/** Slack's mrkdwn: `*bold*`, `<url|text>`, and `&`, `<`, `>` escaped. */
export function alertSlackMrkdwn(alert: Alert): { header: string; body: string; facts: string[] } {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = `${SEVERITY_MARK[alert.severity]} *${esc(alert.title)}*\n${esc(alert.summary)}${alert.webUrl ? `\n<${alert.webUrl}|Open in Flink Web UI>` : ''}`;
  return { header: alert.title, body, facts: alert.facts.map((f) => `*${esc(f.label)}*\n${esc(f.value)}`) };
}

export function alertHtml(alert: Alert): string {
  const rows = alert.facts.map((f) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  const link = alert.webUrl ? `<p><a href="${escapeHtml(alert.webUrl)}">Open in Flink Web UI</a></p>` : '';
  return `<h3>${escapeHtml(alert.title)}</h3><p>${escapeHtml(alert.summary)}</p><table>${rows}</table>${link}<p style="color:#888">Flink Pilot · ${new Date(alert.at).toISOString()}</p>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeMarkdown(text: string): string {
  // Keep Java class names and paths readable; only neutralise what would start markup.
  return text.replace(/([\\`*_[\]])/g, '\\$1').replace(/\r?\n/g, ' ');
}
