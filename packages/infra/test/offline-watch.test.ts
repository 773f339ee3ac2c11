/**
 * The offline API (`pnpm dev`, the test stack, `pnpm soak`: all stage `local`) watches no files.
 * Its functions run in-process, where a rebuilt bundle is never imported again, and serverless-esbuild's
 * default watch (every .js/.ts in the repository) rebuilt everything once per file an install or a build
 * wrote, until the API ran out of memory. This runs the plugin's own watch() on the service as the
 * framework resolves it and records what it hands to chokidar, without starting anything.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { slsBin } from '../src/deploy/aws';

const run = promisify(execFile);
const { rootDir } = readStackConfig();

type Service = { custom: { esbuild: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;
interface EsbuildPlugin {
  init(): void;
  prepare(): void;
  watch(): void;
}
type PluginClass = new (serverless: unknown, options: object, logging: unknown) => EsbuildPlugin;
type Chokidar = { watch: (paths: string[], options: object) => unknown };

let printed: Promise<Service> | undefined;
/** The service as the framework resolves it for stage `local` (`sls print`, once). */
function printLocal(): Promise<Service> {
  printed ??= print();
  return printed;
}

async function print(): Promise<Service> {
  const { stdout } = await run(process.execPath, [slsBin(rootDir), 'print', '--stage', 'local', '--format', 'json'], {
    cwd: rootDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SLS_TELEMETRY_DISABLED: '1', AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Service;
}

/** The paths serverless-esbuild's watch() gives chokidar for `service` (what `sls offline start` does after its first build). */
async function watchedPaths(service: Service): Promise<string[]> {
  const require = createRequire(join(rootDir, 'package.json'));
  const pluginPath = require.resolve('serverless-esbuild');
  const Plugin = require(pluginPath) as PluginClass;
  const chokidar = createRequire(pluginPath)('chokidar') as Chokidar;
  // The plugin's build folders go to a temporary service folder, never into the repository.
  const serviceDir = await mkdtemp(join(tmpdir(), 'wildrydes-watch-'));
  const original = chokidar.watch;
  const calls: string[][] = [];
  chokidar.watch = (paths) => {
    calls.push(paths);
    return { on: () => undefined };
  };
  try {
    const noop = () => {};
    const log = { verbose: noop, debug: noop, info: noop, notice: noop, warning: noop, error: noop, success: noop };
    const serverless = {
      config: { serviceDir },
      configSchemaHandler: { defineFunctionProperties: noop },
      service: { ...service, getFunction: (name: string) => (service.functions as Record<string, unknown>)[name] },
      cli: { log: noop },
    };
    const plugin = new Plugin(serverless, {}, { log });
    plugin.init();
    plugin.prepare();
    plugin.watch();
  } finally {
    chokidar.watch = original;
    await rm(serviceDir, { recursive: true, force: true });
  }
  expect(calls).toHaveLength(1);
  return calls[0] ?? [];
}

describe('the offline API watches no files', () => {
  it('gives chokidar nothing to watch', async () => {
    expect(await watchedPaths(await printLocal())).toEqual([]);
  });

  it('would watch the whole repository without serverless.yml saying so (the check can fail)', async () => {
    const service = await printLocal();
    const { watch: _watch, ...esbuild } = service.custom.esbuild;
    expect(await watchedPaths({ ...service, custom: { ...service.custom, esbuild } })).toEqual(['./**/*.(js|ts)']);
  });
});
