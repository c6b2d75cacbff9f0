// What the job detail view shows, computed from Flink's REST answers: the job graph (vertices with
// parallelism, busy and back-pressure; edges with their ship strategy), the checkpoint history and
// the latest exceptions. Pure, so it is unit tested without VS Code or a cluster.
import type { CheckpointingStatistics, JobDetails, JobExceptions, VertexBackPressureInfo } from '../core/flink/flinkRestTypes';

export type PressureLevel = 'ok' | 'low' | 'high';

export interface GraphVertex {
  id: string;
  name: string;
  parallelism: number;
  status: string;
  /** 0..1, the busiest subtask (what limits throughput). */
  busy?: number;
  /** 0..1, the most back-pressured subtask. */
  backPressure?: number;
  level?: PressureLevel;
}

export interface GraphEdge {
  from: string;
  to: string;
  ship?: string;
}

export interface CheckpointPoint {
  id: number;
  at: number;
  durationMs: number;
  sizeBytes: number;
  status: 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';
  savepoint: boolean;
}

export interface ExceptionEntry {
  at: number;
  name: string;
  task?: string;
  location?: string;
  /** The stack trace, first lines. */
  text: string;
}

export interface JobDetailModel {
  jobId: string;
  name: string;
  state: string;
  cluster: string;
  startTime: number;
  webUrl?: string;
  vertices: GraphVertex[];
  edges: GraphEdge[];
  checkpoints: CheckpointPoint[];
  exceptions: ExceptionEntry[];
}

const LEVEL_RANK: Record<PressureLevel, number> = { ok: 0, low: 1, high: 2 };

/** Busiest and most back-pressured subtask of a vertex. Sampling not done yet → undefined. */
export function vertexPressure(info: VertexBackPressureInfo | undefined): Pick<GraphVertex, 'busy' | 'backPressure' | 'level'> {
  const subtasks = info?.subtasks ?? [];
  if (subtasks.length === 0) return {};
  const max = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return known.length ? Math.max(...known) : undefined;
  };
  const level = subtasks
    .map((s) => s['backpressure-level'] ?? s.backpressureLevel)
    .concat(info?.['backpressure-level'] ?? info?.backpressureLevel)
    .filter((l): l is PressureLevel => l === 'ok' || l === 'low' || l === 'high')
    .reduce<PressureLevel | undefined>((worst, l) => (worst === undefined || LEVEL_RANK[l] > LEVEL_RANK[worst] ? l : worst), undefined);
  return { busy: max(subtasks.map((s) => s.busyRatio)), backPressure: max(subtasks.map((s) => s.ratio)), level };
}

/** Edges from the plan (`inputs` of each node); vertex ids are the plan node ids. */
export function graphEdges(details: JobDetails): GraphEdge[] {
  const nodes = details.plan?.nodes ?? [];
  return nodes.flatMap((node) => (node.inputs ?? []).map((input) => ({ from: input.id, to: node.id, ship: input.ship_strategy })));
}

export function checkpointPoints(stats: CheckpointingStatistics | undefined): CheckpointPoint[] {
  return (stats?.history ?? [])
    .map((c) => ({
      id: c.id,
      at: c.trigger_timestamp,
      durationMs: c.end_to_end_duration,
      sizeBytes: c.checkpointed_size ?? c.state_size,
      status: c.status,
      savepoint: c.is_savepoint,
    }))
    .sort((a, b) => a.at - b.at);
}

export function exceptionEntries(exceptions: JobExceptions | undefined, max = 10): ExceptionEntry[] {
  const entries = exceptions?.exceptionHistory?.entries ?? [];
  const list = entries.map((e) => ({
    at: e.timestamp,
    name: e.exceptionName,
    task: e.taskName,
    location: e.endpoint,
    text: e.stacktrace.split('\n').slice(0, 30).join('\n'),
  }));
  if (list.length === 0 && exceptions?.['root-exception']) {
    list.push({ at: exceptions.timestamp ?? 0, name: exceptions['root-exception'].split('\n')[0] ?? 'exception', task: undefined, location: undefined, text: exceptions['root-exception'].split('\n').slice(0, 30).join('\n') });
  }
  return list.sort((a, b) => b.at - a.at).slice(0, max);
}

export function jobDetailModel(input: {
  cluster: string;
  details: JobDetails;
  checkpoints?: CheckpointingStatistics;
  exceptions?: JobExceptions;
  pressure?: ReadonlyMap<string, VertexBackPressureInfo>;
  webUrl?: string;
}): JobDetailModel {
  const { details } = input;
  return {
    jobId: details.jid,
    name: details.name,
    state: details.state,
    cluster: input.cluster,
    startTime: details['start-time'],
    webUrl: input.webUrl,
    vertices: details.vertices.map((v) => ({ id: v.id, name: v.name, parallelism: v.parallelism, status: v.status, ...vertexPressure(input.pressure?.get(v.id)) })),
    edges: graphEdges(details),
    checkpoints: checkpointPoints(input.checkpoints),
    exceptions: exceptionEntries(input.exceptions),
  };
}
