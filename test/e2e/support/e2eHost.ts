// What the e2e global setup provides to the test files (see globalSetup.ts).
export interface E2eHost {
  /** Node 24 that runs code-server. */
  node24: string;
  /** code-server's `out/node/entry.js`. */
  codeServerEntry: string;
  /** Debian's Chromium, driven by playwright-core. */
  chromium: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eHost: E2eHost;
  }
}
