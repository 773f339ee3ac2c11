import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { configJson } from './vite/config-json.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env['WILDRYDES_WEB_PORT'] ?? 5173);

export default defineConfig({
  plugins: [react(), configJson({ repoRoot })],
  // amazon-cognito-identity-js (through the `buffer` package) expects Node's `global`.
  define: { global: 'globalThis' },
  server: { host: 'localhost', port, strictPort: true },
  preview: {
    host: 'localhost',
    port,
    strictPort: true,
    // The E2E run serves the build under a Content-Security-Policy as strict as production's, so
    // an inline script or style, or a data: image, fails the tests instead of the deploy.
    headers: process.env['WILDRYDES_WEB_CSP'] ? { 'Content-Security-Policy': process.env['WILDRYDES_WEB_CSP'] } : {},
  },
  build: {
    // Every browser that runs this app supports <link rel=modulepreload>; skip the polyfill's bytes.
    modulePreload: { polyfill: false },
    target: 'es2022',
    // No data: URIs for images, so a strict Content-Security-Policy needs no `img-src data:`.
    assetsInlineLimit: 0,
    // No source maps on the site: they would publish the app's source as written, comments included.
    sourcemap: false,
  },
});
