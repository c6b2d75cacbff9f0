import { describe, expect, it } from 'vitest';
import type { CheckpointingStatistics, JobDetails } from '../../../client/src/core/flink/flinkRestTypes';
import { contentSecurityPolicy, jobDetailHtml } from '../../../client/src/webviews/jobDetailHtml';
import { checkpointPoints, jobDetailModel, vertexPressure } from '../../../client/src/webviews/jobDetailModel';
import { checkpointChartSvg, jobGraphSvg, layoutGraph } from '../../../client/src/webviews/svgCharts';

const details: JobDetails = {
  jid: 'c44458ecfa270343c4a4840a15cc9e18',
  name: 'orders <script>',
  state: 'RUNNING',
  'start-time': 1_000,
  'end-time': -1,
  duration: 5_000,
  now: 6_000,
  timestamps: {},
  vertices: [
    { id: 'src', name: 'Source: orders[1]', parallelism: 2, status: 'RUNNING', 'start-time': 1, 'end-time': -1, duration: 1, tasks: {} },
    { id: 'agg', name: 'GroupAggregate', parallelism: 4, status: 'RUNNING', 'start-time': 1, 'end-time': -1, duration: 1, tasks: {} },
    { id: 'sink', name: 'Sink: print', parallelism: 1, status: 'RUNNING', 'start-time': 1, 'end-time': -1, duration: 1, tasks: {} },
  ],
  plan: {
    jid: 'c44458ecfa270343c4a4840a15cc9e18',
    name: 'orders',
    nodes: [
      { id: 'sink', parallelism: 1, inputs: [{ num: 0, id: 'agg', ship_strategy: 'FORWARD' }] },
      { id: 'agg', parallelism: 4, inputs: [{ num: 0, id: 'src', ship_strategy: 'HASH' }] },
      { id: 'src', parallelism: 2 },
    ],
  },
};

const checkpoints: CheckpointingStatistics = {
  counts: { restored: 0, total: 3, in_progress: 0, completed: 2, failed: 1 },
  latest: {},
  history: [
    { className: 'completed', id: 3, status: 'COMPLETED', is_savepoint: false, trigger_timestamp: 30_000, latest_ack_timestamp: 30_100, state_size: 9000, checkpointed_size: 4000, end_to_end_duration: 100, num_subtasks: 7, num_acknowledged_subtasks: 7 },
    { className: 'failed', id: 2, status: 'FAILED', is_savepoint: false, trigger_timestamp: 20_000, latest_ack_timestamp: 0, state_size: 0, end_to_end_duration: 600, num_subtasks: 7, num_acknowledged_subtasks: 3, failure_message: 'timeout' },
    { className: 'completed', id: 1, status: 'COMPLETED', is_savepoint: true, trigger_timestamp: 10_000, latest_ack_timestamp: 10_050, state_size: 2000, end_to_end_duration: 50, num_subtasks: 7, num_acknowledged_subtasks: 7 },
  ],
};

describe('job detail model', () => {
  it('takes the busiest and most back-pressured subtask and the worst level', () => {
    expect(vertexPressure({ status: 'ok', 'backpressure-level': 'low', subtasks: [{ subtask: 0, ratio: 0.1, busyRatio: 0.9, 'backpressure-level': 'ok' }, { subtask: 1, ratio: 0.4, busyRatio: 0.2, 'backpressure-level': 'low' }] })).toEqual({ busy: 0.9, backPressure: 0.4, level: 'low' });
    expect(vertexPressure({ status: 'deprecated' })).toEqual({});
    expect(vertexPressure({ subtasks: [{ subtask: 0, backpressureLevel: 'high', ratio: 1 }] })).toEqual({ busy: undefined, backPressure: 1, level: 'high' });
  });

  it('orders checkpoints by time and uses the checkpointed (incremental) size when Flink reports it', () => {
    expect(checkpointPoints(checkpoints).map((p) => [p.id, p.sizeBytes, p.status, p.savepoint])).toEqual([
      [1, 2000, 'COMPLETED', true],
      [2, 0, 'FAILED', false],
      [3, 4000, 'COMPLETED', false],
    ]);
  });

  it('builds edges from the plan and lays vertices out by depth from the sources', () => {
    const model = jobDetailModel({ cluster: 'dev', details });
    expect(model.edges).toEqual([
      { from: 'agg', to: 'sink', ship: 'FORWARD' },
      { from: 'src', to: 'agg', ship: 'HASH' },
    ]);
    const layout = layoutGraph(model.vertices, model.edges);
    expect([layout.get('src')!.column, layout.get('agg')!.column, layout.get('sink')!.column]).toEqual([0, 1, 2]);
  });
});

describe('job detail pictures', () => {
  it('draws one box per vertex with parallelism, busy and back-pressure, and one arrow per edge', () => {
    const model = jobDetailModel({ cluster: 'dev', details, pressure: new Map([['agg', { subtasks: [{ subtask: 0, ratio: 0.8, busyRatio: 0.95, 'backpressure-level': 'high' as const }] }]]) });
    const svg = jobGraphSvg(model.vertices, model.edges);
    expect(svg.match(/<g class="vertex"/g)).toHaveLength(3);
    expect(svg.match(/class="edge"/g)).toHaveLength(2);
    expect(svg).toContain('p=4');
    expect(svg).toContain('busy 95%');
    expect(svg).toContain('class="box pressure-high"');
    expect(svg).toContain('class="busy busy-high"');
    expect(svg).toContain('>HASH<');
  });

  it('charts checkpoint sizes as bars and durations as a line, failed ones marked', () => {
    const svg = checkpointChartSvg(checkpointPoints(checkpoints));
    expect(svg.match(/<rect class="bar/g)).toHaveLength(3);
    expect(svg).toContain('class="bar failed"');
    expect(svg).toContain('class="bar savepoint"');
    expect(svg.match(/class="duration-dot"/g)).toHaveLength(3);
    expect(checkpointChartSvg([])).toContain('No checkpoints yet');
  });
});

describe('job detail page', () => {
  const page = jobDetailHtml(jobDetailModel({ cluster: 'dev', details, checkpoints }), { nonce: 'abc123', cspSource: 'vscode-webview://x', now: 61_000 });

  it('has a strict CSP: nothing remote, scripts and styles only with the nonce', () => {
    expect(contentSecurityPolicy('abc123', 'vscode-webview://x')).toBe("default-src 'none'; img-src vscode-webview://x data:; style-src 'nonce-abc123'; script-src 'nonce-abc123'; font-src vscode-webview://x");
    expect(page).toContain(`content="${contentSecurityPolicy('abc123', 'vscode-webview://x')}"`);
    for (const tag of page.match(/<(script|style)\b[^>]*>/g)!) expect(tag).toContain('nonce="abc123"');
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).not.toMatch(/(src|href)="https?:/);
  });

  it('escapes names that come from Flink', () => {
    expect(page).toContain('orders &lt;script&gt;');
    expect(page).not.toContain('orders <script>');
  });
});
