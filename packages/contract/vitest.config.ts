import { defineConfig } from 'vitest/config';

// An upper bound, not an expectation: vitest's 5 s default has been exceeded by plain unit tests on a loaded 2-core runner.
export default defineConfig({ test: { testTimeout: 30_000 } });
