import { defineConfig } from 'vitest/config';

// Two projects: `unit` (no processes, no network: fast) and `integration` (real local Flink
// clusters of both supported versions, started once per run by the global setup).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/globalSetup.ts'],
          // One Flink per version is shared by every file: run files one after another
          // (`fileParallelism` is a root-only option; per project it is `singleFork`).
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // Real VS Code (code-server) in Chromium against the same real local Flink clusters:
          // the integration setup starts (or reuses) them once for both projects.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/globalSetup.ts', 'test/e2e/globalSetup.ts'],
          poolOptions: { forks: { singleFork: true } },
          // After unit and integration, so the shared task slots are not contended.
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
