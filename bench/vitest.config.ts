import { defineConfig } from 'vitest/config';

// Only the size budget and the harness's own logic run in `pnpm test`; the benchmarks themselves run with `pnpm bench`.
export default defineConfig({ test: { include: ['size-budget.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 180_000 } });
