/**
 * Runs amplify.yml's build phases, as Amplify Hosting would, in a clean clone of the repository's
 * HEAD, and checks what would be published: the app, its hashed assets, config.json from the
 * branch's environment variables, and nothing secret. Needs git, and pnpm's store warm enough
 * for `pnpm install --prefer-offline`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { readStackConfig } from '@wildrydes/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadYaml } from '../src/deploy/aws';
import { parseCsp } from '../src/deploy/csp';
import { webConfigFromEnv } from '../src/deploy/web-config';

interface BuildSpec {
  env?: { variables?: Record<string, string> };
  frontend: {
    phases: Record<'preBuild' | 'build' | 'postBuild', { commands: string[] } | undefined>;
    artifacts: { baseDirectory: string; files: string[] };
  };
}

const { rootDir, demoRider } = readStackConfig();
// What an Amplify branch's environment variables would hold: the stack's outputs.
const BRANCH_ENV = {
  WILDRYDES_USER_POOL_ID: 'us-east-1_Wr4Test01',
  WILDRYDES_USER_POOL_CLIENT_ID: '4example0client0id0abcdefgh',
  WILDRYDES_REGION: 'us-east-1',
  WILDRYDES_API_URL: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
  WILDRYDES_LIVE_URL: 'wss://f6g7h8i9j0.execute-api.us-east-1.amazonaws.com/prod',
};

let cloneDir: string;
let spec: BuildSpec;
let build: { code: number | null; output: string; seconds: number };
let dist: string;
let files: { path: string; size: number }[] = [];

function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), 170_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function walk(dir: string): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const result: { path: string; size: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    result.push({ path: relative(dir, full), size: (await stat(full)).size });
  }
  return result.sort((a, b) => a.path.localeCompare(b.path));
}

beforeAll(async () => {
  cloneDir = await mkdtemp(join(tmpdir(), 'wildrydes-amplify-'));
  // safe.directory: in CI's container the checkout belongs to another user than the one running git.
  await promisify(execFile)('git', ['-c', `safe.directory=${rootDir}`, 'clone', '--quiet', '--depth', '1', `file://${rootDir}`, cloneDir], {
    timeout: 60_000,
  });
  spec = loadYaml(rootDir, await readFile(join(cloneDir, 'amplify.yml'), 'utf8')) as BuildSpec;
  const phases = (['preBuild', 'build', 'postBuild'] as const).flatMap((phase) => spec.frontend.phases[phase]?.commands ?? []);
  // One shell for all commands, stopping at the first failure, as Amplify runs them.
  const script = ['set -e', ...phases.map((command) => `echo "# ${command.replace(/["$`\\]/g, '\\$&')}"\n${command}`)].join('\n');
  const started = Date.now();
  build = {
    ...(await runScript(script, cloneDir, {
      // A clean environment: no AWS credentials, no npm_* variables from the test runner.
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      ...spec.env?.variables,
      ...BRANCH_ENV,
    })),
    seconds: (Date.now() - started) / 1000,
  };
  dist = join(cloneDir, spec.frontend.artifacts.baseDirectory);
  if (build.code === 0) files = await walk(dist);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  console.info(
    `amplify.yml build in a clean clone: ${build.seconds.toFixed(1)} s, ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB published`,
  );
}, 240_000);

afterAll(async () => {
  if (cloneDir) await rm(cloneDir, { recursive: true, force: true });
});

describe('amplify.yml in a clean clone of HEAD', () => {
  it('builds with pnpm and turbo, and publishes apps/web/dist', () => {
    expect(build.output.slice(-3000)).toBeTruthy();
    expect(build.code, build.output.slice(-3000)).toBe(0);
    expect(spec.frontend.artifacts).toEqual({ baseDirectory: 'apps/web/dist', files: ['**/*'] });
    const commands = Object.values(spec.frontend.phases)
      .flatMap((p) => p?.commands ?? [])
      .join('\n');
    expect(commands).toContain('pnpm@12.21.0');
    expect(commands).toContain('pnpm install --frozen-lockfile');
    expect(commands).toContain('pnpm turbo run build --filter=@wildrydes/web');
  });

  it('publishes index.html loading hashed bundles, with no inline script or style', async () => {
    const html = await readFile(join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/assets\/[\w.-]+-[\w-]{8}\.js"/);
    expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/); // no inline code
    expect(html).not.toMatch(/<style\b|\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    const assets = files.map((f) => f.path).filter((p) => p.startsWith('assets/'));
    expect(assets.some((p) => /-[\w-]{8}\.js$/.test(p))).toBe(true);
    expect(assets.some((p) => /-[\w-]{8}\.css$/.test(p))).toBe(true);
  });

  it('puts customHttp.yml’s policy in index.html, first in <head>, naming exactly this deployment’s hosts', async () => {
    const html = await readFile(join(dist, 'index.html'), 'utf8');
    const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const connect = parseCsp(meta!.replace(/&#39;|&apos;/g, "'")).get('connect-src');
    expect(connect).toEqual([
      "'self'",
      'https://cognito-idp.us-east-1.amazonaws.com',
      'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      'wss://f6g7h8i9j0.execute-api.us-east-1.amazonaws.com',
    ]);
    expect(meta).not.toContain('*');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('writes config.json from the branch’s environment variables', async () => {
    const config = JSON.parse(await readFile(join(dist, 'config.json'), 'utf8')) as unknown;
    expect(config).toEqual(webConfigFromEnv(BRANCH_ENV));
    expect(config).toMatchObject({ cognito: { authFlow: 'USER_SRP_AUTH' }, api: { invokeUrl: BRANCH_ENV.WILDRYDES_API_URL } });
  });

  it('publishes no source maps, nor a reference to one', async () => {
    expect(files.filter((file) => file.path.endsWith('.map')).map((file) => file.path)).toEqual([]);
    for (const file of files.filter((f) => f.path.endsWith('.js') || f.path.endsWith('.css'))) {
      expect(await readFile(join(dist, file.path), 'utf8'), file.path).not.toMatch(/sourceMappingURL/);
    }
  });

  it('publishes nothing secret or local', async () => {
    const forbiddenNames = /(^|\/)(\.env[^/]*|\.local|\.npmrc|\.aws|stack\.json|web-config\.json|[^/]+\.(pem|key|p12|pfx))(\/|$)/;
    for (const file of files) expect(file.path).not.toMatch(forbiddenNames);
    const secrets: [string, RegExp][] = [
      ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
      ['AWS secret key assignment', /aws_?secret_?access_?key["']?\s*[:=]/i],
      ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
      ['the demo rider’s password', new RegExp(demoRider.password.replace(/[-]/g, '\\-'))],
      ['a cognito-local pool id', /\blocal_[0-9A-Za-z]{8}\b/],
      ['the build machine’s paths', new RegExp(cloneDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
    ];
    for (const file of files) {
      const text = await readFile(join(dist, file.path), 'latin1');
      for (const [what, pattern] of secrets) expect(pattern.test(text), `${what} in ${file.path}`).toBe(false);
    }
  });
});
