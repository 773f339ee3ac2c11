import { defineConfig } from 'vitest/config';

// Only the size budget runs in `pnpm test`; the benchmarks themselves run with `pnpm bench`.
export default defineConfig({ test: { include: ['size-budget.test.ts'], testTimeout: 30_000, hookTimeout: 180_000 } });
