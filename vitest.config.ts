import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 60_000, pool: 'forks' as const, env: { LOG_LEVEL: 'silent' } };

// One run for unit (*.test.ts), integration (*.int.test.ts) and end-to-end tests across the workspace.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'unit+integration',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['apps/*/e2e/**/*.e2e.test.ts'],
          // Each suite starts a Next.js server on the same build (and builds it when sources changed)
          // in beforeAll; one at a time, so two servers never boot off one `.next` concurrently.
          fileParallelism: false,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
