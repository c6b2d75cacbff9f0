// The pictures of the job detail view as SVG text: the job graph laid out left to right by depth
// (sources first), each vertex a box with its parallelism, a busy bar and a back-pressure border;
// and the checkpoint history as size bars with a duration line. Pure string building; every text
// that comes from Flink is escaped.
import { formatBytes, formatDuration, formatTimestamp } from '../views/format';
import type { CheckpointPoint, GraphEdge, GraphVertex } from './jobDetailModel';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const BOX_W = 220;
const BOX_H = 74;
const GAP_X = 70;
const GAP_Y = 24;
const PAD = 16;

/** Column (depth from the sources) and row of each vertex. Cycles cannot occur in a job graph; guarded anyway. */
export function layoutGraph(vertices: readonly GraphVertex[], edges: readonly GraphEdge[]): Map<string, { column: number; row: number }> {
  const ids = new Set(vertices.map((v) => v.id));
  const inputs = new Map<string, string[]>();
  for (const edge of edges) if (ids.has(edge.from) && ids.has(edge.to)) inputs.set(edge.to, [...(inputs.get(edge.to) ?? []), edge.from]);
  const depth = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = Math.max(-1, ...(inputs.get(id) ?? []).map((i) => visit(i, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  for (const v of vertices) visit(v.id, new Set());
  const rows = new Map<number, number>();
  const layout = new Map<string, { column: number; row: number }>();
  for (const v of vertices) {
    const column = depth.get(v.id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    layout.set(v.id, { column, row });
  }
  return layout;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Busy: green → orange → red, as the Flink Web UI colours vertices (classes: the CSP allows no inline styles). */
export function busyClass(busy: number | undefined): string {
  if (busy === undefined) return 'busy-unknown';
  if (busy >= 0.75) return 'busy-high';
  if (busy >= 0.4) return 'busy-mid';
  return 'busy-low';
}

const percent = (ratio: number | undefined) => (ratio === undefined ? 'n/a' : `${Math.round(ratio * 100)}%`);

export function jobGraphSvg(vertices: readonly GraphVertex[], edges: readonly GraphEdge[]): string {
  if (vertices.length === 0) return '<p class="empty">Flink reports no vertices for this job.</p>';
  const layout = layoutGraph(vertices, edges);
  const columns = Math.max(...[...layout.values()].map((p) => p.column)) + 1;
  const rows = Math.max(...[...layout.values()].map((p) => p.row)) + 1;
  const width = PAD * 2 + columns * BOX_W + (columns - 1) * GAP_X;
  const height = PAD * 2 + rows * BOX_H + (rows - 1) * GAP_Y;
  const at = (id: string) => {
    const p = layout.get(id)!;
    return { x: PAD + p.column * (BOX_W + GAP_X), y: PAD + p.row * (BOX_H + GAP_Y) };
  };
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Job graph">`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>');
  for (const edge of edges) {
    if (!layout.has(edge.from) || !layout.has(edge.to)) continue;
    const a = at(edge.from);
    const b = at(edge.to);
    const x1 = a.x + BOX_W;
    const y1 = a.y + BOX_H / 2;
    const x2 = b.x;
    const y2 = b.y + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    parts.push(`<path class="edge" d="M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}" marker-end="url(#arrow)"/>`);
    if (edge.ship) parts.push(`<text class="ship" x="${mid}" y="${(y1 + y2) / 2 - 6}" text-anchor="middle">${escapeXml(truncate(edge.ship, 14))}</text>`);
  }
  for (const v of vertices) {
    const { x, y } = at(v.id);
    const title = `${v.name}\nparallelism ${v.parallelism} · ${v.status}\nbusy ${percent(v.busy)} · back-pressured ${percent(v.backPressure)}${v.level ? ` (${v.level})` : ''}`;
    parts.push(`<g class="vertex" data-id="${escapeXml(v.id)}"><title>${escapeXml(title)}</title>`);
    parts.push(`<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" class="box pressure-${v.level ?? 'unknown'}"/>`);
    parts.push(`<text x="${x + 10}" y="${y + 20}" class="name">${escapeXml(truncate(v.name.replace(/\s+/g, ' '), 30))}</text>`);
    parts.push(`<text x="${x + 10}" y="${y + 38}" class="meta">p=${v.parallelism} · ${escapeXml(v.status)} · bp ${percent(v.backPressure)}</text>`);
    const barW = BOX_W - 20;
    parts.push(`<rect x="${x + 10}" y="${y + 50}" width="${barW}" height="10" rx="2" class="bar-bg"/>`);
    if (v.busy !== undefined) parts.push(`<rect x="${x + 10}" y="${y + 50}" width="${Math.max(1, Math.round(barW * Math.min(1, v.busy)))}" height="10" rx="2" class="busy ${busyClass(v.busy)}"/>`);
    parts.push(`<text x="${x + BOX_W - 10}" y="${y + 70}" class="meta" text-anchor="end">busy ${percent(v.busy)}</text>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Checkpoint history: size as bars (left axis), end-to-end duration as a line (right axis), failures in red. */
export function checkpointChartSvg(points: readonly CheckpointPoint[], width = 720, height = 220): string {
  if (points.length === 0) return '<p class="empty">No checkpoints yet (is checkpointing enabled? <code>execution.checkpointing.interval</code>).</p>';
  const left = 64;
  const right = 64;
  const top = 16;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const maxSize = Math.max(1, ...points.map((p) => p.sizeBytes));
  const maxDuration = Math.max(1, ...points.map((p) => p.durationMs));
  const slot = plotW / points.length;
  const barW = Math.max(2, Math.min(28, slot * 0.6));
  const xOf = (i: number) => left + slot * i + slot / 2;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Checkpoint history: size and duration">`);
  parts.push(`<line class="axis" x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}"/>`);
  parts.push(`<text class="axis-label" x="${left - 6}" y="${top + 10}" text-anchor="end">${escapeXml(formatBytes(maxSize))}</text>`);
  parts.push(`<text class="axis-label" x="${left - 6}" y="${top + plotH}" text-anchor="end">0</text>`);
  parts.push(`<text class="axis-label duration" x="${left + plotW + 6}" y="${top + 10}">${escapeXml(formatDuration(maxDuration) === '0s' ? `${maxDuration} ms` : formatDuration(maxDuration))}</text>`);
  points.forEach((p, i) => {
    const h = p.status === 'FAILED' ? plotH : Math.max(1, (p.sizeBytes / maxSize) * plotH);
    const cls = p.status === 'FAILED' ? 'bar failed' : p.savepoint ? 'bar savepoint' : 'bar';
    const label = `#${p.id} ${p.status}${p.savepoint ? ' (savepoint)' : ''} at ${formatTimestamp(p.at)}: ${formatBytes(p.sizeBytes)} in ${p.durationMs} ms`;
    parts.push(`<rect class="${cls}" x="${xOf(i) - barW / 2}" y="${top + plotH - h}" width="${barW}" height="${h}"><title>${escapeXml(label)}</title></rect>`);
  });
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'} ${xOf(i).toFixed(1)} ${(top + plotH - (p.durationMs / maxDuration) * plotH).toFixed(1)}`)
    .join(' ');
  parts.push(`<path class="duration-line" d="${line}"/>`);
  points.forEach((p, i) => parts.push(`<circle class="duration-dot" cx="${xOf(i).toFixed(1)}" cy="${(top + plotH - (p.durationMs / maxDuration) * plotH).toFixed(1)}" r="3"/>`));
  const first = points[0]!;
  const last = points.at(-1)!;
  parts.push(`<text class="axis-label" x="${left}" y="${height - 14}">${escapeXml(formatTimestamp(first.at))}</text>`);
  parts.push(`<text class="axis-label" x="${left + plotW}" y="${height - 14}" text-anchor="end">${escapeXml(formatTimestamp(last.at))}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
