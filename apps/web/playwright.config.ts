import { chromium, defineConfig } from '@playwright/test';
import { cspForLocalStack, customHttpCsp } from '@wildrydes/infra/csp';
import { readStackConfig, urls } from '@wildrydes/local-stack';
import { CHROMIUM_FLAGS, findChromium, NoChromium } from '@wildrydes/local-stack/browser';

/**
 * E2E against the running local stack (the root test command starts it once and sets
 * WILDRYDES_LOCAL_DIR and the ports). This config only starts the web app: a production build
 * served by `vite preview`, so the bundle that ships is the one under test.
 */
const port = Number(process.env['WILDRYDES_WEB_PORT'] ?? 5173);
const baseURL = `http://localhost:${port}`;
const vite = 'node ./node_modules/vite/bin/vite.js';

/** Playwright's own Chromium, else the system's; with neither, one line naming the fix (no stack trace). */
function browserPath(): string {
  try {
    return findChromium(() => chromium.executablePath()).path;
  } catch (error) {
    if (!(error instanceof NoChromium)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
/**
 * Production's policy, read from customHttp.yml (what Amplify Hosting sends), with the local stack's
 * API, live WebSocket and Cognito in place of AWS's: e2e/csp.spec.ts checks the header the page gets.
 */
const stackConfig = readStackConfig();
const stack = urls(stackConfig);
const csp = cspForLocalStack(customHttpCsp(stackConfig.rootDir), { connect: [stack.api, stack.cognito, stack.websocket] });

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  // Specs share one local stack; one worker keeps CI's two cores for the stack itself.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: browserPath(),
      args: [...CHROMIUM_FLAGS],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `${vite} build --outDir dist-e2e --emptyOutDir --logLevel warn && ${vite} preview --outDir dist-e2e`,
    url: baseURL,
    env: { WILDRYDES_WEB_CSP: csp },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
