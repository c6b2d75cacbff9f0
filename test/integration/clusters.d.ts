import type { LocalClusterInfo } from '../../client/src/core/local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Real local clusters keyed by version line (`'1.20'`, `'2.3'`), started by globalSetup.ts. */
    flinkClusters: Record<string, LocalClusterInfo>;
  }
}
