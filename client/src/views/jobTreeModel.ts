// The Jobs view as data: job files with the Flink jobs they deployed (or grouped by state), each job
// with state, uptime, restarts and last checkpoint age, filtered by the view's filter. Pure.
import type { ClusterSnapshot, JobSnapshot } from '../core/monitor/monitorTypes';
import { escapeMarkdown, formatAge, formatDuration, formatTimestamp } from './format';
import { matchesJobFilter, type JobFilter } from './jobFilter';
import { jobContextValue, stateIcon, type TreeNode } from './treeNode';

/** A job file of the workspace as the views need it. */
export interface WorkspaceJobFile {
  path: string;
  /** Relative to the workspace folder, for display. */
  relativePath: string;
  /** The job name (`pipeline.name`): how a running job is recognised on its cluster. */
  name: string;
  /** The cluster the file deploys to, already resolved (e.g. `local` → the running local cluster). */
  cluster?: string;
  flinkVersion?: string;
  type?: 'sql' | 'jar';
  tags: string[];
  /** Set when the file cannot be loaded; the row shows it instead of jobs. */
  problem?: string;
}

export type JobsGrouping = 'file' | 'state';

export interface JobsTreeInput {
  jobFiles: readonly WorkspaceJobFile[];
  clusters: readonly ClusterSnapshot[];
  now: number;
  groupBy: JobsGrouping;
  filter: JobFilter;
}

/** Order of state groups: what needs attention first. */
const STATE_ORDER = ['FAILING', 'FAILED', 'RESTARTING', 'INITIALIZING', 'CREATED', 'RECONCILING', 'RUNNING', 'CANCELLING', 'SUSPENDED', 'CANCELED', 'FINISHED'];
const LIVE = new Set(['INITIALIZING', 'CREATED', 'RUNNING', 'RESTARTING', 'FAILING', 'CANCELLING', 'RECONCILING']);

/** The job file that deployed a Flink job: the monitor's tracking first, else name and cluster. */
export function jobFileOf(job: JobSnapshot, jobFiles: readonly WorkspaceJobFile[]): WorkspaceJobFile | undefined {
  if (job.tracked?.jobFilePath) {
    const tracked = jobFiles.find((file) => file.path === job.tracked!.jobFilePath);
    if (tracked) return tracked;
  }
  return jobFiles.find((file) => file.name === job.name && (file.cluster === undefined || file.cluster === job.cluster));
}

export function jobDescription(job: JobSnapshot, now: number): string {
  const parts: string[] = [job.state];
  if (LIVE.has(job.state) && job.startTime > 0) parts.push(`up ${formatDuration(now - job.startTime)}`);
  else if (job.endTime > 0) parts.push(`ended ${formatAge(job.endTime, now)}`);
  parts.push(`${job.restarts} restart${job.restarts === 1 ? '' : 's'}`);
  if (job.checkpoints?.lastCompletedAt !== undefined) parts.push(`checkpoint ${formatAge(job.checkpoints.lastCompletedAt, now)}`);
  if (job.checkpointsFailing) parts.push('checkpoints failing');
  return parts.join(' · ');
}

function jobTooltip(job: JobSnapshot, file: WorkspaceJobFile | undefined, now: number): string {
  const lines = [
    `**${escapeMarkdown(job.name)}** — ${job.state}`,
    '',
    `- Job id: \`${job.jobId}\``,
    `- Cluster: ${escapeMarkdown(job.cluster)}`,
  ];
  if (file) lines.push(`- Job file: ${escapeMarkdown(file.relativePath)}`);
  if (job.startTime > 0) lines.push(`- Started: ${formatTimestamp(job.startTime)}`);
  lines.push(`- Tasks running: ${job.tasksRunning}/${job.tasksTotal}`);
  lines.push(`- Restarts: ${job.restarts}${job.lastRestartAt ? ` (last ${formatAge(job.lastRestartAt, now)})` : ''}`);
  const cp = job.checkpoints;
  if (cp) {
    lines.push(`- Checkpoints: ${cp.completed} completed, ${cp.failed} failed${cp.lastCompletedAt ? `, last ${formatAge(cp.lastCompletedAt, now)}` : ''}`);
    if (job.checkpointsFailing && cp.lastFailureMessage) lines.push(`- Last checkpoint failure: ${escapeMarkdown(cp.lastFailureMessage)}`);
  }
  if (job.lastException) lines.push('', `Latest exception (${formatAge(job.lastException.at, now)}): ${escapeMarkdown(job.lastException.text)}`);
  return lines.join('\n');
}

export function jobNode(job: JobSnapshot, file: WorkspaceJobFile | undefined, now: number, webUrl?: string): TreeNode {
  return {
    id: `job:${job.cluster}:${job.jobId}`,
    label: job.name,
    description: jobDescription(job, now),
    tooltip: jobTooltip(job, file, now),
    icon: stateIcon(job.state),
    contextValue: jobContextValue(job.state, file !== undefined),
    collapsible: 'none',
    command: { command: 'flinkPilot.showJobDetail', title: 'Show Job Detail' },
    data: { kind: 'job', cluster: job.cluster, jobId: job.jobId, name: job.name, state: job.state, jobFilePath: file?.path, webUrl },
  };
}

/** Newest first, live jobs before ended ones. */
function byRecency(a: JobSnapshot, b: JobSnapshot): number {
  return Number(LIVE.has(b.state)) - Number(LIVE.has(a.state)) || b.startTime - a.startTime;
}

interface Placed {
  job: JobSnapshot;
  file?: WorkspaceJobFile;
  webUrl?: string;
}

export function buildJobsTree(input: JobsTreeInput): TreeNode[] {
  const placed: Placed[] = input.clusters.flatMap((cluster) =>
    cluster.jobs.map((job) => ({ job, file: jobFileOf(job, input.jobFiles), webUrl: cluster.webUrl })),
  );
  const visible = placed.filter(({ job, file }) =>
    matchesJobFilter(input.filter, { name: job.name, tags: file?.tags ?? [], state: job.state, cluster: job.cluster, file: file?.relativePath }),
  );
  return input.groupBy === 'state' ? byState(visible, input.now) : byFile(input, visible);
}

function byFile(input: JobsTreeInput, visible: Placed[]): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const file of [...input.jobFiles].sort((a, b) => a.name.localeCompare(b.name))) {
    const jobs = visible.filter((p) => p.file === file).sort((a, b) => byRecency(a.job, b.job));
    const fileMatches = matchesJobFilter(input.filter, { name: file.name, tags: file.tags, cluster: file.cluster, file: file.relativePath });
    if (jobs.length === 0 && !fileMatches) continue;
    const live = jobs.find((p) => LIVE.has(p.job.state));
    const description = file.problem
      ? `⚠ ${file.problem}`
      : [live ? live.job.state : jobs.length ? `last ${jobs[0].job.state}` : 'not deployed', file.cluster && `on ${file.cluster}`, file.relativePath].filter(Boolean).join(' · ');
    nodes.push({
      // The id changes when the first job appears, so VS Code shows the new row expanded.
      id: `jobFile:${file.path}${jobs.length ? ':jobs' : ''}`,
      label: file.name,
      description,
      tooltip: [`**${escapeMarkdown(file.name)}**`, '', `- File: ${escapeMarkdown(file.relativePath)}`, file.cluster ? `- Cluster: ${escapeMarkdown(file.cluster)}` : '- Cluster: not set', file.flinkVersion ? `- Flink ${escapeMarkdown(file.flinkVersion)}` : '', file.tags.length ? `- Tags: ${file.tags.map(escapeMarkdown).join(', ')}` : '', file.problem ? `\n$(warning) ${escapeMarkdown(file.problem)}` : '']
        .filter(Boolean)
        .join('\n'),
      icon: file.problem ? { id: 'warning', color: 'editorWarning.foreground' } : live ? stateIcon(live.job.state) : { id: 'file-code' },
      contextValue: `flinkJobFile${live ? '.live' : ''}`,
      collapsible: jobs.length ? 'expanded' : 'none',
      children: jobs.map((p) => jobNode(p.job, p.file, input.now, p.webUrl)),
      resourcePath: file.path,
      command: { command: 'vscode.open', title: 'Open Job File' },
      data: { kind: 'jobFile', jobFilePath: file.path, cluster: file.cluster },
    });
  }
  // Jobs that no job file of this workspace deployed, still worth seeing (live ones only).
  const others = visible.filter((p) => !p.file && LIVE.has(p.job.state)).sort((a, b) => byRecency(a.job, b.job));
  if (others.length) {
    nodes.push({
      id: 'group:other-jobs',
      label: 'Other jobs on the clusters',
      description: `${others.length}`,
      tooltip: 'Jobs running on the workspace\'s clusters that no job file of this workspace deployed.',
      icon: { id: 'server-process' },
      collapsible: 'collapsed',
      children: others.map((p) => jobNode(p.job, undefined, input.now, p.webUrl)),
      data: { kind: 'group', group: 'other' },
    });
  }
  return nodes;
}

function byState(visible: Placed[], now: number): TreeNode[] {
  const states = [...new Set(visible.map((p) => p.job.state))].sort((a, b) => rank(a) - rank(b));
  return states.map((state) => {
    const jobs = visible.filter((p) => p.job.state === state).sort((a, b) => byRecency(a.job, b.job));
    return {
      id: `state:${state}`,
      label: state,
      description: `${jobs.length}`,
      icon: stateIcon(state),
      collapsible: LIVE.has(state) || state === 'FAILED' ? 'expanded' : 'collapsed',
      children: jobs.map((p) => jobNode(p.job, p.file, now, p.webUrl)),
      data: { kind: 'group', group: state },
    } satisfies TreeNode;
  });
}

function rank(state: string): number {
  const i = STATE_ORDER.indexOf(state);
  return i === -1 ? STATE_ORDER.length : i;
}
