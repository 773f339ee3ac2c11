import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  define: { global: 'globalThis' },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
    // Upper bounds, not expectations: on a shared 2-core CI runner under load a render-and-click
    // test has been seen to take over 5 s (vitest's default), and a lazy page over 3 s to appear.
    testTimeout: 60_000,
  },
});
