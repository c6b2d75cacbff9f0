// Command handlers by id. Activation registers a small stub with VS Code for every contributed
// command at once (so the palette works from the first moment); the stub waits for the lazily
// loaded command modules and then calls the handler registered here.
export type CommandHandler = (...args: unknown[]) => Promise<unknown>;

export class CommandRegistry {
  private readonly handlers = new Map<string, CommandHandler>();

  set(id: string, handler: CommandHandler): { dispose(): void } {
    this.handlers.set(id, handler);
    return { dispose: () => this.handlers.get(id) === handler && this.handlers.delete(id) };
  }

  has(id: string): boolean {
    return this.handlers.has(id);
  }

  async run(id: string, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`The command ${id} is not available in this version of Flink Pilot.`);
    return handler(...args);
  }
}
