/**
 * The web app as a rider's browser loads it: JS and CSS bytes (gzip) of the landing page and of
 * the ride page after sign-in, and Lighthouse scores of the landing and sign-in pages, against
 * `vite preview` of a production build.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_FLAGS as CHROME_FLAGS, findChromium, NoChromium } from '@wildrydes/local-stack/browser';
import { chromium, type Page } from 'playwright-core';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface Asset {
  url: string;
  type: 'script' | 'stylesheet';
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  path: string;
  jsGzipBytes: number;
  cssGzipBytes: number;
  jsBytes: number;
  cssBytes: number;
  assets: Asset[];
}

export interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
}

export interface LighthouseResult {
  path: string;
  runs: LighthouseRun[];
  /** The run with the median performance score. */
  median: LighthouseRun;
}

export interface WebResult {
  measured: boolean;
  reason?: string;
  landing?: PageWeight;
  ride?: PageWeight;
  lighthouse?: LighthouseResult[];
}

async function startPreview(webDir: string, port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const vite = join(webDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'preview', '--port', String(port), '--strictPort', '--host', 'localhost'], {
    cwd: webDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${output.slice(-1000)}`);
    try {
      if ((await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(1000) })).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGTERM');
  throw new Error(`vite preview did not answer on port ${port} within 30 s: ${output.slice(-1000)}`);
}

/** Records every script and stylesheet the page loads; `done()` waits for their bodies to be read. */
function collectAssets(page: Page): { assets: Asset[]; done: () => Promise<unknown> } {
  const assets: Asset[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    pending.push(
      response.body().then(
        (body) => {
          assets.push({ url: new URL(response.url()).pathname, type, bytes: body.length, gzipBytes: gzipSync(body).length });
        },
        () => {
          // a response without a body (redirect): nothing loaded
        },
      ),
    );
  });
  return { assets, done: () => Promise.all(pending) };
}

function weigh(path: string, assets: Asset[]): PageWeight {
  const sum = (type: Asset['type'], key: 'bytes' | 'gzipBytes') =>
    assets.filter((a) => a.type === type).reduce((total, a) => total + a[key], 0);
  return {
    path,
    jsGzipBytes: sum('script', 'gzipBytes'),
    cssGzipBytes: sum('stylesheet', 'gzipBytes'),
    jsBytes: sum('script', 'bytes'),
    cssBytes: sum('stylesheet', 'bytes'),
    assets: [...assets].sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}

const settle = (page: Page) => page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);

async function pageWeights(chromePath: string, base: string, rider: { email: string; password: string }) {
  const browser = await chromium.launch({ executablePath: chromePath, args: CHROME_FLAGS.filter((f) => f !== '--headless') });
  try {
    // Only localhost: anything else would be a bug, and there is no internet here anyway.
    const offLocalhost = /^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])[a-z]+:\/\//;

    const landingContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await landingContext.route(offLocalhost, (route) => route.abort());
    const landingPage = await landingContext.newPage();
    const landingAssets = collectAssets(landingPage);
    await landingPage.goto(`${base}/`, { waitUntil: 'load', timeout: 30_000 });
    await settle(landingPage);
    // Every body read before the context closes: a read cut short would make the page look lighter.
    await landingAssets.done();
    await landingContext.close();

    // The ride page as a signed-in rider opens it: sign in, then load /ride afresh (no cache).
    const rideContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await rideContext.route(offLocalhost, (route) => route.abort());
    const page = await rideContext.newPage();
    await page.goto(`${base}/signin`, { waitUntil: 'load', timeout: 30_000 });
    await page.getByLabel('Email').fill(rider.email);
    await page.getByLabel('Password').fill(rider.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/ride', { timeout: 20_000 });
    await settle(page);
    const cdp = await rideContext.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const rideAssets = collectAssets(page);
    await page.reload({ waitUntil: 'load', timeout: 30_000 });
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
    await settle(page);
    if (new URL(page.url()).pathname !== '/ride') throw new Error(`after sign-in the ride page reloaded as ${page.url()}`);
    await rideAssets.done();
    await rideContext.close();
    return { landing: weigh('/', landingAssets.assets), ride: weigh('/ride', rideAssets.assets) };
  } finally {
    await browser.close();
  }
}

function lighthouseFailure(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const lines = `${e.stderr ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? e.message ?? 'unknown').slice(0, 200);
}

async function lighthouse(chromePath: string, url: string, outDir: string, index: number): Promise<LighthouseRun> {
  const cli = join(require.resolve('lighthouse/package.json'), '..', 'cli', 'index.js');
  const out = join(outDir, `lh-${index}.json`);
  await run(
    process.execPath,
    [
      cli,
      url,
      `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
      '--only-categories=performance,accessibility,best-practices',
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
    ],
    { env: { ...process.env, CHROME_PATH: chromePath }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(await readFile(out, 'utf8')) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number }>;
    runtimeError?: { message: string };
  };
  if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.message}`);
  return {
    performance: report.categories.performance?.score ?? Number.NaN,
    accessibility: report.categories.accessibility?.score ?? Number.NaN,
    bestPractices: report.categories['best-practices']?.score ?? Number.NaN,
    lcpMs: report.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
  };
}

export async function measureWeb(options: {
  rootDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
  rider: { email: string; password: string };
  lighthouseRuns: number;
  log: (s: string) => void;
}): Promise<WebResult> {
  const webDir = join(options.rootDir, 'apps', 'web');
  if (!existsSync(join(webDir, 'package.json'))) return { measured: false, reason: 'apps/web does not exist yet' };
  let chromePath: string;
  try {
    chromePath = findChromium(() => chromium.executablePath()).path;
  } catch (error) {
    if (error instanceof NoChromium) return { measured: false, reason: error.message };
    throw error;
  }
  options.log('web: vite build');
  try {
    await run('pnpm', ['--filter', '@wildrydes/web', 'run', 'build'], {
      cwd: options.rootDir,
      env: options.env,
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    const detail = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').filter(Boolean).slice(-6).join(' | ');
    return { measured: false, reason: `\`pnpm --filter @wildrydes/web build\` failed: ${detail || e.message}` };
  }
  options.log(`web: vite preview on port ${options.port}`);
  const preview = await startPreview(webDir, options.port, options.env);
  const base = `http://localhost:${options.port}`;
  const result: WebResult = { measured: true };
  try {
    options.log('web: page weights (landing, ride page after sign-in)');
    Object.assign(result, await pageWeights(chromePath, base, options.rider));
    const outDir = await mkdtemp(join(tmpdir(), 'wildrydes-bench-lh-'));
    result.lighthouse = [];
    let n = 0;
    for (const path of ['/', '/signin']) {
      const runs: LighthouseRun[] = [];
      const failures: string[] = [];
      // A busy machine now and then makes Lighthouse give up on a run: up to two extra tries per page.
      for (let i = 0; i < options.lighthouseRuns + 2 && runs.length < options.lighthouseRuns; i++) {
        options.log(`web: Lighthouse ${path} run ${runs.length + 1}/${options.lighthouseRuns}`);
        try {
          runs.push(await lighthouse(chromePath, `${base}${path}`, outDir, n++));
        } catch (error) {
          failures.push(lighthouseFailure(error));
        }
      }
      if (failures.length)
        result.reason = [result.reason, `Lighthouse ${path}: ${failures.length} failed run(s) not counted (${failures[0]})`]
          .filter(Boolean)
          .join('; ');
      if (!runs.length) continue;
      const sorted = [...runs].sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs);
      result.lighthouse.push({ path, runs, median: sorted[Math.floor((sorted.length - 1) / 2)]! });
    }
  } catch (error) {
    // Whatever was measured stays; the rest is reported with the reason.
    result.reason = `partly measured: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    preview.kill('SIGTERM');
  }
  return result;
}
