import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Hide the handlers' JSON log lines; keep what tests print (the load, fuzz and fault figures).
    onConsoleLog: (log) => !log.startsWith('{"level"'),
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      // Runs against the one local stack the root test command starts for the whole suite.
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
