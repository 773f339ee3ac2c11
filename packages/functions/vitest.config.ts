import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Hide the handlers' JSON log and metric lines; keep what tests print (the load, fuzz and fault figures).
    onConsoleLog: (log) => !/^\{\s*"(level|_aws)"/.test(log),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
          // Powertools writes through the global console (which tests can spy on) in dev mode, and
          // still emits metrics when told to; serverless.yml sets the same names for AWS and the local stack.
          env: {
            POWERTOOLS_DEV: 'true',
            POWERTOOLS_METRICS_DISABLED: 'false',
            POWERTOOLS_SERVICE_NAME: 'wildrydes',
            POWERTOOLS_METRICS_NAMESPACE: 'WildRydes',
            STAGE: 'test',
          },
        },
      },
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
