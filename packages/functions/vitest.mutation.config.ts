import { defineConfig } from 'vitest/config';

/** The unit tests alone, for mutation testing (pnpm mutation): integration tests need the local stack. */
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], onConsoleLog: () => false },
});
