import { defineConfig } from 'vitest/config';

/**
 * The unit tests' environment (the mutation run's too): Powertools writes through the global
 * console (which tests can spy on) in dev mode, and still emits metrics when told to;
 * serverless.yml sets the same names for AWS and the local stack.
 */
export const UNIT_ENV = {
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_METRICS_DISABLED: 'false',
  POWERTOOLS_SERVICE_NAME: 'wildrydes',
  POWERTOOLS_METRICS_NAMESPACE: 'WildRydes',
  STAGE: 'test',
};

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
          env: UNIT_ENV,
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
