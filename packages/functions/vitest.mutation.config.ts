import { defineConfig } from 'vitest/config';
import { UNIT_ENV } from './vitest.config';

/** The unit tests alone, for mutation testing (pnpm mutation): integration tests need the local stack. */
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], env: UNIT_ENV, onConsoleLog: () => false },
});
