// The job detail page: header with state and actions, the job graph, the checkpoint chart and the
// latest exceptions. Strict Content-Security-Policy: nothing remote, styles and the one small
// script only with the per-render nonce. Pure, so CSP and escaping are unit tested.
import { formatAge, formatBytes, formatDuration, formatTimestamp } from '../views/format';
import type { JobDetailModel } from './jobDetailModel';
import { checkpointChartSvg, escapeXml, jobGraphSvg } from './svgCharts';

export interface PageOptions {
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  now: number;
  /** Shown instead of (or above) the content, e.g. "cluster unreachable". */
  notice?: string;
}

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [`default-src 'none'`, `img-src ${cspSource} data:`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `font-src ${cspSource}`].join('; ');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 24px; }
header { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
h1 { font-size: 1.4em; margin: 16px 0 4px; }
h2 { font-size: 1.1em; margin: 24px 0 8px; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
.state { font-weight: 600; padding: 2px 8px; border-radius: 10px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.state.RUNNING { background: var(--vscode-testing-iconPassed, #388a34); color: #fff; }
.state.FAILED, .state.FAILING { background: var(--vscode-errorForeground, #e51400); color: #fff; }
.state.RESTARTING { background: var(--vscode-editorWarning-foreground, #cca700); color: #000; }
.facts { color: var(--vscode-descriptionForeground); }
.notice { padding: 8px 12px; border-left: 3px solid var(--vscode-editorWarning-foreground); background: var(--vscode-textBlockQuote-background); margin-top: 12px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; border-radius: 2px; }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.scroll { overflow-x: auto; }
svg text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); }
svg .box { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, #888); stroke-width: 1; }
svg .box.pressure-low { stroke: var(--vscode-charts-yellow, #cca700); stroke-width: 2; }
svg .box.pressure-high { stroke: var(--vscode-charts-red, #e51400); stroke-width: 3; }
svg .busy-low, .swatch.busy-low { fill: var(--vscode-charts-green, #388a34); background: var(--vscode-charts-green, #388a34); }
svg .busy-mid { fill: var(--vscode-charts-orange, #d18616); }
svg .busy-high { fill: var(--vscode-charts-red, #e51400); }
.swatch.size { background: var(--vscode-charts-blue, #1a85ff); }
.swatch.savepoint { background: var(--vscode-charts-purple, #652d90); }
.swatch.duration { background: var(--vscode-charts-orange, #d18616); }
.swatch.failed { background: var(--vscode-charts-red, #e51400); }
svg .name { font-weight: 600; font-size: 12px; }
svg .meta, svg .ship, svg .axis-label { font-size: 11px; fill: var(--vscode-descriptionForeground); }
svg .edge { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; }
svg .arrowhead { fill: var(--vscode-descriptionForeground); }
svg .bar-bg { fill: var(--vscode-input-background); }
svg .axis { stroke: var(--vscode-descriptionForeground); }
svg .bar { fill: var(--vscode-charts-blue, #1a85ff); opacity: 0.75; }
svg .bar.savepoint { fill: var(--vscode-charts-purple, #652d90); }
svg .bar.failed { fill: var(--vscode-charts-red, #e51400); opacity: 0.35; }
svg .duration-line { fill: none; stroke: var(--vscode-charts-orange, #d18616); stroke-width: 2; }
svg .duration-dot { fill: var(--vscode-charts-orange, #d18616); }
.legend span { margin-right: 16px; color: var(--vscode-descriptionForeground); }
.legend .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
details { margin: 6px 0; } summary { cursor: pointer; }
pre { white-space: pre-wrap; font-family: var(--vscode-editor-font-family); font-size: 12px; background: var(--vscode-textCodeBlock-background); padding: 8px; }
.empty { color: var(--vscode-descriptionForeground); }
`;

function exceptionsHtml(model: JobDetailModel, now: number): string {
  if (model.exceptions.length === 0) return '<p class="empty">No exceptions reported.</p>';
  return model.exceptions
    .map(
      (e, i) =>
        `<details${i === 0 ? ' open' : ''}><summary><strong>${escapeXml(e.name)}</strong> — ${escapeXml(formatAge(e.at, now))}${e.task ? ` in ${escapeXml(e.task)}` : ''}${e.location ? ` (${escapeXml(e.location)})` : ''}</summary><pre>${escapeXml(e.text)}</pre></details>`,
    )
    .join('');
}

function checkpointFacts(model: JobDetailModel): string {
  const completed = model.checkpoints.filter((c) => c.status === 'COMPLETED');
  const failed = model.checkpoints.filter((c) => c.status === 'FAILED').length;
  const last = completed.at(-1);
  return last
    ? `${completed.length} completed, ${failed} failed in the history · last ${escapeXml(formatBytes(last.sizeBytes))} in ${last.durationMs} ms`
    : `${failed} failed, none completed in the history`;
}

export function jobDetailHtml(model: JobDetailModel | undefined, options: PageOptions): string {
  const { nonce } = options;
  const body = model
    ? `<header><h1>${escapeXml(model.name)}</h1><span class="state ${escapeXml(model.state)}">${escapeXml(model.state)}</span>
<span class="facts">on ${escapeXml(model.cluster)} · <code>${escapeXml(model.jobId)}</code>${model.startTime > 0 ? ` · started ${escapeXml(formatTimestamp(model.startTime))} (up ${escapeXml(formatDuration(options.now - model.startTime))})` : ''}</span></header>
<p><button data-action="refresh">Refresh</button> <button class="secondary" data-action="webUi">Open Flink Web UI</button> <button class="secondary" data-action="exceptions">Exceptions as text</button></p>
${options.notice ? `<div class="notice">${escapeXml(options.notice)}</div>` : ''}
<h2>Job graph</h2>
<p class="legend"><span>box border: back-pressure (grey ok, yellow low, red high)</span><span>bar: busy time of the busiest subtask</span><span>p: parallelism</span></p>
<div class="scroll">${jobGraphSvg(model.vertices, model.edges)}</div>
<h2>Checkpoints</h2>
<p class="legend"><span><i class="swatch size"></i>size</span><span><i class="swatch savepoint"></i>savepoint</span><span><i class="swatch duration"></i>end-to-end duration</span><span><i class="swatch failed"></i>failed</span></p>
<p class="facts">${checkpointFacts(model)}</p>
<div class="scroll">${checkpointChartSvg(model.checkpoints)}</div>
<h2>Latest exceptions</h2>
${exceptionsHtml(model, options.now)}`
    : `<p class="notice">${escapeXml(options.notice ?? 'Loading…')}</p>`;
  // No `style` attributes anywhere: the CSP allows only the nonce'd sheet (colours are classes).
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, options.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeXml(model?.name ?? 'Flink job')}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body>${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-action]')) {
  button.addEventListener('click', () => vscode.postMessage({ action: button.dataset.action }));
}
</script></body></html>`;
}

