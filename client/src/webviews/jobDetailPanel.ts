// The job detail webview: one panel per job, fed by the deployment core (job details, checkpoints,
// exceptions) plus each vertex's back-pressure sample, re-read at most every 5 s while the panel is
// visible and the monitor reports changes. Failures show as a notice on the page, not a crash.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { VertexBackPressureInfo } from '../core/flink/flinkRestTypes';
import { nodeData, pickJobFile, registerCommand, type CommandEnv } from '../commands/commandSupport';
import { jobDetailHtml } from './jobDetailHtml';
import { jobDetailModel, type JobDetailModel } from './jobDetailModel';

const REFRESH_MS = 5_000;
const MAX_SAMPLED_VERTICES = 24;

interface JobRef {
  cluster: string;
  jobId: string;
  name: string;
}

class JobDetailPanel implements vscode.Disposable {
  private model?: JobDetailModel;
  private lastLoad = 0;
  private loading?: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly env: CommandEnv,
    readonly job: JobRef,
    private readonly panel: vscode.WebviewPanel,
    onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((message: { action?: string }) => void this.onMessage(message.action)),
      env.workspace.onDidChange(() => {
        if (panel.visible && Date.now() - this.lastLoad >= REFRESH_MS) void this.load();
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && Date.now() - this.lastLoad >= REFRESH_MS) void this.load();
      }),
    );
    this.render('Loading job details…');
  }

  private render(notice?: string): void {
    const nonce = randomBytes(16).toString('base64');
    this.panel.title = `Flink: ${this.model?.name ?? this.job.name}`;
    this.panel.webview.html = jobDetailHtml(this.model, { nonce, cspSource: this.panel.webview.cspSource, now: Date.now(), notice });
  }

  load(): Promise<void> {
    this.loading ??= this.doLoad().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async doLoad(): Promise<void> {
    this.lastLoad = Date.now();
    const connection = await this.env.workspace.connectionByName(this.job.cluster);
    if (!connection.ok) return this.render(connection.error.message);
    const [{ getJobDetails }, { openClusterClients }] = await Promise.all([import('../core/jobs/jobService'), import('../core/jobs/clusterClients')]);
    const details = await getJobDetails(connection.value, this.job.jobId);
    if (!details.ok) return this.render(`Could not read the job from "${this.job.cluster}": ${details.error.message}${this.model ? ' (showing the last known state)' : ''}`);
    const pressure = new Map<string, VertexBackPressureInfo>();
    const live = !['FINISHED', 'CANCELED', 'FAILED', 'SUSPENDED'].includes(details.value.details.state);
    if (live) {
      const clients = openClusterClients(connection.value);
      try {
        // The first request of a vertex may only start sampling; the next refresh shows the numbers.
        await Promise.all(
          details.value.details.vertices.slice(0, MAX_SAMPLED_VERTICES).map(async (vertex) => {
            const sample = await clients.rest.vertexBackPressure(this.job.jobId, vertex.id);
            if (sample.ok) pressure.set(vertex.id, sample.value);
          }),
        );
      } finally {
        await clients.close();
      }
    }
    this.model = jobDetailModel({
      cluster: this.job.cluster,
      details: details.value.details,
      checkpoints: details.value.checkpoints,
      exceptions: details.value.exceptions,
      pressure,
      webUrl: details.value.webUrl,
    });
    const sampling = live && [...pressure.values()].every((p) => !p.subtasks?.length);
    this.render(sampling ? 'Back-pressure is being sampled; busy and back-pressure appear with the next refresh.' : undefined);
  }

  private async onMessage(action: string | undefined): Promise<void> {
    if (action === 'refresh') await this.load();
    if (action === 'webUi' && this.model?.webUrl) await vscode.env.openExternal(vscode.Uri.parse(this.model.webUrl));
    if (action === 'exceptions') {
      await vscode.commands.executeCommand('flinkPilot.showExceptions', { id: `job:${this.job.cluster}:${this.job.jobId}`, data: { kind: 'job', ...this.job, state: this.model?.state ?? '' } });
    }
  }

  reveal(): void {
    this.panel.reveal();
    void this.load();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }
}

async function jobOf(env: CommandEnv, arg: unknown): Promise<JobRef | undefined> {
  const data = nodeData(arg);
  if (data?.kind === 'job') return { cluster: data.cluster, jobId: data.jobId, name: data.name };
  const entry = await pickJobFile(env, arg);
  if (!entry) return undefined;
  const newest = env.workspace.snapshot.clusters
    .flatMap((c) => c.jobs)
    .filter((j) => j.tracked?.jobFilePath === entry.file.path || (j.name === entry.file.name && j.cluster === entry.file.cluster))
    .sort((a, b) => b.startTime - a.startTime)[0];
  if (!newest) {
    void vscode.window.showInformationMessage(`No job of "${entry.file.name}" is known on the clusters yet.`);
    return undefined;
  }
  return { cluster: newest.cluster, jobId: newest.jobId, name: newest.name };
}

export function registerJobDetail(env: CommandEnv): vscode.Disposable[] {
  const panels = new Map<string, JobDetailPanel>();
  return [
    registerCommand(env, 'flinkPilot.showJobDetail', 'Show Job Detail', async (arg) => {
      const job = await jobOf(env, arg);
      if (!job) return;
      const key = `${job.cluster}:${job.jobId}`;
      const open = panels.get(key);
      if (open) return open.reveal();
      const panel = vscode.window.createWebviewPanel('flinkPilot.jobDetail', `Flink: ${job.name}`, vscode.ViewColumn.Active, {
        enableScripts: true,
        // Nothing is loaded from disk or network: the page is one generated document.
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      const detail = new JobDetailPanel(env, job, panel, () => panels.delete(key));
      panels.set(key, detail);
      await detail.load();
    }),
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
  ];
}
