// What the workspace defines and what its clusters report, kept current for the views, the status
// bar and the commands: job files (`**/*.flink.yaml`), clusters (`.flink/clusters.yaml` plus running
// local clusters), the one job monitor (core/monitor) over all of them, and each cluster's capacity.
import { basename, relative } from 'node:path';
import * as vscode from 'vscode';
import { FlinkPilotError } from '../core/errors';
import { disposedPaths, findWorkspaceRoot, JobHistoryStore } from '../core/history/jobHistory';
import { normalizeSnapshotPath } from '../core/jobs/snapshotPaths';
import { loadClusterDefinitions, resolveClusterConnection } from '../core/jobs/clusterDefinitions';
import { FlinkRestClient } from '../core/flink/flinkRestClient';
import type { ClusterConnection } from '../core/jobs/deploymentTypes';
import { loadJobFile, type LoadedJobFile } from '../core/jobs/jobFile';
import { listLocalClusters, type LocalClusterInfo } from '../core/local';
import { JobMonitor, type MonitoredCluster, type MonitorEvent, type MonitorSnapshot } from '../core/monitor';
import { err, ok, type Result } from '../core/result';
import type { FlinkSecrets } from '../secrets';
import type { ClusterCapacity, ClusterView } from '../views/clusterTreeModel';
import type { WorkspaceJobFile } from '../views/jobTreeModel';
import { mergeSnapshotRows, rowsFromCluster, rowsFromHistory, type SnapshotRow } from '../views/savepointTreeModel';
import { knownClusters, resolveClusterName, type KnownCluster } from './clusterResolution';

export interface JobFileEntry {
  file: WorkspaceJobFile;
  loaded?: LoadedJobFile;
  /** Why the file cannot be deployed, for people. */
  error?: FlinkPilotError;
}

const CAPACITY_REFRESH_MS = 15_000;
const JOB_FILE_GLOB = '**/*.flink.{yaml,yml}';

export class FlinkWorkspace implements vscode.Disposable {
  readonly monitor: JobMonitor;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Job files, clusters or the monitor's snapshot changed. */
  readonly onDidChange = this.changed.event;
  private readonly jobFilesChanged = new vscode.EventEmitter<void>();
  /** Job files were (re)loaded. */
  readonly onDidChangeJobFiles = this.jobFilesChanged.event;
  private readonly disposables: vscode.Disposable[] = [];
  private jobFileEntries: JobFileEntry[] = [];
  private clusterList: KnownCluster[] = [];
  private clusterProblems = new Map<string, string>();
  private definitionsError?: FlinkPilotError;
  private readonly capacity = new Map<string, ClusterCapacity>();
  /** One REST client per cluster for the monitor and /overview (no retries: the monitor backs off itself). */
  private readonly clients = new Map<string, FlinkRestClient>();
  private readonly snapshotRows = new Map<string, SnapshotRow[]>();
  /** Per job file: paths of savepoints disposed (history), hidden even while Flink still lists them. */
  private readonly disposedSnapshots = new Map<string, Set<string>>();
  private reloadTimer?: NodeJS.Timeout;
  private reloading?: Promise<void>;
  private capacityReading = false;

  constructor(
    private readonly secrets: FlinkSecrets,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.monitor = new JobMonitor({ onListenerError: (error) => log.error(`Monitor listener failed: ${String(error)}`) });
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.flink.yaml,*.flink.yml,.flink/clusters.yaml,.flink-pilot/history/**}');
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.scheduleReload()),
      watcher.onDidCreate(() => this.scheduleReload()),
      watcher.onDidDelete(() => this.scheduleReload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload()),
      vscode.window.onDidChangeWindowState((state) => this.monitor.setFocused(state.focused)),
      secrets.onDidChange(() => this.scheduleReload()),
      this.changed,
      this.jobFilesChanged,
    );
    const onSnapshot = this.monitor.onSnapshot((snapshot) => {
      this.collectClusterSnapshotRows(snapshot);
      void this.refreshCapacity(false);
      this.changed.fire();
    });
    this.disposables.push({ dispose: () => onSnapshot.dispose() });
  }

  /** First load, then the monitor starts polling. */
  async start(): Promise<void> {
    await this.reload();
    this.monitor.start();
  }

  get root(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  get jobFiles(): readonly JobFileEntry[] {
    return this.jobFileEntries;
  }

  get clusters(): readonly KnownCluster[] {
    return this.clusterList;
  }

  get snapshot(): MonitorSnapshot {
    return this.monitor.snapshot();
  }

  get clusterDefinitionsProblem(): FlinkPilotError | undefined {
    return this.definitionsError;
  }

  onMonitorEvent(listener: (event: MonitorEvent) => void): vscode.Disposable {
    const subscription = this.monitor.onEvent(listener);
    return { dispose: () => subscription.dispose() };
  }

  jobFile(path: string): JobFileEntry | undefined {
    return this.jobFileEntries.find((entry) => entry.file.path === path);
  }

  history(jobFilePath: string): JobHistoryStore {
    return new JobHistoryStore({ workspaceRoot: findWorkspaceRoot(jobFilePath) });
  }

  clusterViews(): ClusterView[] {
    const snapshot = this.monitor.snapshot();
    return this.clusterList.map((cluster) => ({
      name: cluster.name,
      origin: cluster.origin,
      restUrl: cluster.restUrl,
      gatewayUrl: cluster.gatewayUrl,
      declaredVersion: cluster.flinkVersion,
      capacity: this.capacity.get(cluster.name),
      snapshot: snapshot.clusters.find((c) => c.name === cluster.name),
      problem: this.clusterProblems.get(cluster.name),
    }));
  }

  savepointRows(): ReadonlyMap<string, SnapshotRow[]> {
    return this.snapshotRows;
  }

  resolveCluster(name: string | undefined, flinkVersion?: string): KnownCluster | undefined {
    return resolveClusterName(name, flinkVersion, this.clusterList);
  }

  /** A connection with its secret resolved from SecretStorage (or the environment). */
  async connection(cluster: KnownCluster): Promise<Result<ClusterConnection, FlinkPilotError>> {
    // An untrusted repository could point a cluster at any host and name a stored secret: neither
    // requests nor credentials go to workspace-defined clusters until the workspace is trusted.
    if (cluster.definition && !vscode.workspace.isTrusted) {
      return err(new FlinkPilotError(`Cluster "${cluster.name}" is defined by this workspace, which is not trusted: it is not contacted in Restricted Mode.`, { code: 'untrusted', hint: 'Trust the workspace to use its clusters.' }));
    }
    if (cluster.origin === 'local' || !cluster.definition) {
      return ok({ name: cluster.name, restUrl: cluster.restUrl, gatewayUrl: cluster.gatewayUrl });
    }
    return resolveClusterConnection(cluster.definition, { workspaceRoot: this.root ?? process.cwd(), resolveSecret: this.secrets.resolver() });
  }

  async connectionByName(name: string): Promise<Result<ClusterConnection, FlinkPilotError>> {
    const cluster = this.clusterList.find((c) => c.name === name);
    if (!cluster) return err(new FlinkPilotError(`Unknown cluster "${name}".`, { code: 'cluster-not-found', hint: 'Add it with "Flink: Add Cluster" or start local Flink.' }));
    return this.connection(cluster);
  }

  /** Debounced: a save of several files reloads once. */
  scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), 300);
  }

  async reload(): Promise<void> {
    if (this.reloading) await this.reloading;
    this.reloading = this.doReload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    const root = this.root;
    const definitions = root ? loadClusterDefinitions(root) : ok({ clusters: [], warnings: [] });
    this.definitionsError = definitions.ok ? undefined : definitions.error;
    if (!definitions.ok) this.log.warn(definitions.error.describe());
    let locals: LocalClusterInfo[] = [];
    try {
      locals = (await listLocalClusters())
        .filter((status) => status.info && status.running.includes('jobmanager'))
        .map((status) => status.info!);
    } catch (error) {
      this.log.warn(`Could not list local Flink clusters: ${String(error)}`);
    }
    this.clusterList = knownClusters(definitions.ok ? definitions.value.clusters : [], locals);
    await this.updateMonitoredClusters();
    this.jobFileEntries = await this.loadJobFiles(root);
    await this.updateTrackedJobs();
    this.jobFilesChanged.fire();
    this.changed.fire();
  }

  private async updateMonitoredClusters(): Promise<void> {
    const monitored: MonitoredCluster[] = [];
    this.clusterProblems.clear();
    const keep = new Set<string>();
    for (const cluster of this.clusterList) {
      const connection = await this.connection(cluster);
      if (!connection.ok) {
        this.clusterProblems.set(cluster.name, connection.error.message);
        continue;
      }
      const key = `${cluster.name}\u0000${connection.value.restUrl}`;
      keep.add(key);
      let rest = this.clients.get(key);
      if (!rest) {
        const c = connection.value;
        rest = new FlinkRestClient({ clusterName: c.name, baseUrl: c.restUrl, auth: c.auth, tls: c.tls, timeoutMs: c.timeoutMs, getRetries: 0 });
        this.clients.set(key, rest);
      }
      monitored.push({ name: cluster.name, source: rest, webUrl: cluster.restUrl });
    }
    for (const [key, clients] of this.clients) {
      if (!keep.has(key)) {
        this.clients.delete(key);
        void clients.close();
      }
    }
    this.monitor.setClusters(monitored);
  }

  private async loadJobFiles(root: string | undefined): Promise<JobFileEntry[]> {
    if (!root) return [];
    const uris = await vscode.workspace.findFiles(JOB_FILE_GLOB, '**/{node_modules,.git,.flink-pilot}/**', 500);
    const entries: JobFileEntry[] = [];
    for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      const path = uri.fsPath;
      const relativePath = relative(root, path);
      const loaded = loadJobFile(path);
      if (!loaded.ok) {
        entries.push({
          file: { path, relativePath, name: basename(path).replace(/\.flink\.ya?ml$/, ''), tags: [], problem: loaded.error.message.replace(`${path}:`, 'line ') },
          error: loaded.error,
        });
        continue;
      }
      const job = loaded.value.job;
      const cluster = this.resolveCluster(job.cluster, job.flinkVersion);
      entries.push({
        file: {
          path,
          relativePath,
          name: job.name,
          cluster: cluster?.name ?? job.cluster,
          flinkVersion: job.flinkVersion,
          type: job.type,
          tags: job.tags ?? [],
          problem: job.cluster && !cluster ? `cluster "${job.cluster}" is not defined or not running` : undefined,
        },
        loaded: loaded.value,
      });
    }
    return entries;
  }

  /** The jobs this workspace deployed (latest submission per job file) are watched closely. */
  private async updateTrackedJobs(): Promise<void> {
    const tracked = [];
    for (const entry of this.jobFileEntries) {
      try {
        const view = await this.history(entry.file.path).read(entry.file.path);
        const disposed = disposedPaths(view.entries);
        this.disposedSnapshots.set(entry.file.path, disposed);
        const rows = rowsFromHistory(view.entries.filter((e) => e.kind === 'savepoint' || e.kind === 'checkpoint'));
        const fromCluster = this.snapshotRows.get(entry.file.path)?.filter((r) => r.origin === 'cluster') ?? [];
        this.snapshotRows.set(entry.file.path, withoutDisposed(mergeSnapshotRows(rows, fromCluster), disposed));
        const submissions = view.entries.filter((e) => e.kind === 'submission' || e.kind === 'restore');
        const latest = submissions.at(-1);
        if (!latest) continue;
        const stopped = view.entries.some((e) => e.kind === 'stop' && e.jobId === latest.jobId);
        tracked.push({ cluster: latest.cluster, jobId: latest.jobId, jobFilePath: entry.file.path, name: entry.file.name, expectedRunning: !stopped });
      } catch (error) {
        this.log.warn(`Could not read the history of ${entry.file.relativePath}: ${String(error)}`);
      }
    }
    this.monitor.setTrackedJobs(tracked);
  }

  private collectClusterSnapshotRows(snapshot: MonitorSnapshot): void {
    for (const entry of this.jobFileEntries) {
      const fromCluster = snapshot.clusters
        .flatMap((cluster) => cluster.jobs)
        .filter((job) => job.tracked?.jobFilePath === entry.file.path || (job.name === entry.file.name && job.cluster === entry.file.cluster))
        .flatMap(rowsFromCluster);
      const fromHistory = this.snapshotRows.get(entry.file.path)?.filter((row) => row.origin === 'history') ?? [];
      this.snapshotRows.set(entry.file.path, withoutDisposed(mergeSnapshotRows(fromHistory, fromCluster), this.disposedSnapshots.get(entry.file.path)));
    }
  }

  /** Reads /overview of reachable clusters at most every 15 s (version, TaskManagers, slots). */
  async refreshCapacity(force: boolean): Promise<void> {
    if (this.capacityReading) return;
    this.capacityReading = true;
    try {
      const now = Date.now();
      const snapshot = this.monitor.snapshot();
      for (const [key, clients] of this.clients) {
        const name = key.split('\u0000')[0];
        const known = this.capacity.get(name);
        const status = snapshot.clusters.find((c) => c.name === name)?.status;
        if (!force && ((known && now - known.readAt < CAPACITY_REFRESH_MS) || status === 'unreachable')) continue;
        const overview = await clients.overview();
        if (overview.ok) {
          const previous = this.capacity.get(name);
          const next: ClusterCapacity = {
            flinkVersion: overview.value['flink-version'],
            taskManagers: overview.value.taskmanagers,
            slotsTotal: overview.value['slots-total'],
            slotsAvailable: overview.value['slots-available'],
            readAt: now,
          };
          this.capacity.set(name, next);
          if (!previous || previous.slotsAvailable !== next.slotsAvailable || previous.taskManagers !== next.taskManagers) this.changed.fire();
        }
      }
    } finally {
      this.capacityReading = false;
    }
  }

  /** After a user action: poll fast for a while so the views follow at once. */
  nudge(): void {
    this.monitor.nudge();
    void this.refreshCapacity(true);
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.monitor.dispose();
    for (const clients of this.clients.values()) void clients.close();
    this.clients.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function withoutDisposed(rows: SnapshotRow[], disposed: ReadonlySet<string> | undefined): SnapshotRow[] {
  return disposed?.size ? rows.filter((row) => !disposed.has(normalizeSnapshotPath(row.path))) : rows;
}
