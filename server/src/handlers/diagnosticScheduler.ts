// Coalesces diagnostic runs per document without delaying them: a run is queued for the next turn
// of the event loop (setImmediate), so a burst of didChange messages already waiting in the input
// stream collapses into one run on the newest text, while a single keystroke is answered at once.
export class DiagnosticScheduler {
  private readonly pending = new Map<string, NodeJS.Immediate>();

  constructor(private readonly run: (uri: string) => void) {}

  schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.set(uri, setImmediate(() => {
      this.pending.delete(uri);
      this.run(uri);
    }));
  }

  cancel(uri: string): void {
    const handle = this.pending.get(uri);
    if (handle) clearImmediate(handle);
    this.pending.delete(uri);
  }

  dispose(): void {
    for (const handle of this.pending.values()) clearImmediate(handle);
    this.pending.clear();
  }
}
