#!/usr/bin/env node
/**
 * `pnpm soak`: a bounded soak of the backend `pnpm dev` runs (same serverless.yml, same
 * serverless-offline settings), on the `soak` profile's own ports and folder (config.ts), so it runs
 * beside `pnpm dev` and `pnpm test`. For a set time (10 minutes unless told otherwise) it:
 *   - books rides: a trickle, and bursts of 50 at concurrency 20, all within the first 60 %;
 *   - keeps writing .js/.ts files into the repository (in its own folder), as installs, checkouts,
 *     builds and other stacks do while `pnpm dev` runs: the API used to rebuild once per file and
 *     run out of memory (see serverless.yml `custom.esbuild.watch`);
 *   - samples the API process's (serverless-offline) RSS and CPU from /proc and prints a table.
 * It exits 1 when memory grows or the process stays busy with no request to serve (soak-verdict.ts),
 * 2 when it could not run. Not part of `pnpm test`: it takes minutes by design. Everything it starts
 * is stopped by PID when it ends, fails or is interrupted; every request goes to localhost.
 *
 *   pnpm soak [--minutes <n>] [--churn <files per round, 0 for none>]
 *   WILDRYDES_SOAK_MINUTES=3 WILDRYDES_SOAK_CHURN=0 pnpm soak
 * Ports: the soak profile's (3010…), each movable with its WILDRYDES_*_PORT variable.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ensureRider } from './bootstrap';
import { readStackConfig, type StackConfig, urls } from './config';
import { StackError, signalGroup } from './processes';
import { cognitoClient } from './services/cognito';
import { DEFAULT_LIMITS, formatRow, judge, type Phase, type Sample, TABLE_HEADER } from './soak-verdict';
import { type RunningStack, readProcesses, startStack } from './stack';

const say = (line: string) => console.log(`[soak] ${line}`);

const RIDERS = 20;
const BURSTS = 4;
const BURST_SIZE = 50;
const CONCURRENCY = 20;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_MINUTES = 120;
const MAX_CHURN = 5000;
/** Near the seeded fleet's homes (bootstrap), so every request has unicorns to dispatch. */
const CITIES = [
  [47.6062, -122.3321],
  [40.7128, -74.006],
  [51.5072, -0.1276],
  [37.5665, 126.978],
  [35.6762, 139.6503],
  [-33.8688, 151.2093],
] as const;
/** /proc reports CPU time in USER_HZ ticks, 100 a second on every Linux. */
const CLOCK_TICKS = 100;

interface Options {
  minutes: number;
  churn: number;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const value = (flag: string, variable: string, fallback: number, max: number) => {
    const at = argv.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
    const raw = at === -1 ? env[variable] : argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
    if (raw === undefined || raw === '') return fallback;
    const number = Number(raw);
    if (!Number.isFinite(number) || number < 0 || number > max) throw new StackError(`${flag} ${raw}: expected a number from 0 to ${max}`);
    return number;
  };
  const options = {
    minutes: value('--minutes', 'WILDRYDES_SOAK_MINUTES', 10, MAX_MINUTES),
    churn: Math.round(value('--churn', 'WILDRYDES_SOAK_CHURN', 1000, MAX_CHURN)),
  };
  if (options.minutes < 2) throw new StackError('--minutes: at least 2, or the quiet window is too short to judge');
  return options;
}

/** The soak profile: its own ports and folder, never another stack's, whatever the shell exported. */
function soakConfig(env: NodeJS.ProcessEnv): StackConfig {
  const { WILDRYDES_LOCAL_DIR: _dir, ...rest } = env;
  return readStackConfig({ ...rest, WILDRYDES_PROFILE: 'soak' });
}

function readProcess(pid: number): { rssMb: number; cpuSeconds: number } | undefined {
  try {
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) " the fields start at the 3rd; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!Number.isFinite(rssKb) || !Number.isFinite(ticks)) return undefined; // a zombie has no VmRSS
    return { rssMb: rssKb / 1024, cpuSeconds: ticks / CLOCK_TICKS };
  } catch {
    return undefined;
  }
}

/** How many files and folders the process watches (inotify), the cost the old watch config carried. */
function watchCount(pid: number): number {
  let count = 0;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== 'anon_inode:inotify') continue;
        count += readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('inotify wd:')).length;
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return Number.NaN;
  }
  return count;
}

async function signInRiders(config: StackConfig, stack: RunningStack): Promise<string[]> {
  const idp = cognitoClient(config);
  const ids = { userPoolId: stack.description.cognito.userPoolId, userPoolClientId: stack.description.cognito.userPoolClientId };
  try {
    const tokens: string[] = [];
    for (let i = 0; i < RIDERS; i++) {
      const rider = { email: `soak-rider-${i}@wildrydes.local`, password: 'Soak-rider-1!' };
      await ensureRider(idp, ids, rider);
      const { AuthenticationResult } = await idp.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: ids.userPoolClientId,
          AuthParameters: { USERNAME: rider.email, PASSWORD: rider.password },
        }),
        { abortSignal: AbortSignal.timeout(15_000) },
      );
      if (!AuthenticationResult?.IdToken) throw new StackError(`cognito-local gave ${rider.email} no ID token`);
      tokens.push(AuthenticationResult.IdToken);
    }
    return tokens;
  } finally {
    idp.destroy();
  }
}

interface Traffic {
  requests: number;
  created: number;
  failed: number;
  statuses: Map<string, number>;
}

async function bookRide(config: StackConfig, tokens: string[], traffic: Traffic): Promise<void> {
  const i = traffic.requests++;
  const [latitude, longitude] = CITIES[i % CITIES.length] ?? CITIES[0];
  let status: string;
  try {
    const response = await fetch(`${urls(config).api}/ride`, {
      method: 'POST',
      headers: {
        Authorization: tokens[i % tokens.length] ?? '',
        'Content-Type': 'application/json',
        'Idempotency-Key': `soak-${process.pid}-${i}`,
        Origin: urls(config).web,
      },
      body: JSON.stringify({ PickupLocation: { Latitude: latitude + (i % 97) / 1e4, Longitude: longitude } }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    status = String(response.status);
  } catch (error) {
    status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
  }
  if (status === '201') traffic.created++;
  else traffic.failed++;
  traffic.statuses.set(status, (traffic.statuses.get(status) ?? 0) + 1);
}

async function burst(config: StackConfig, tokens: string[], traffic: Traffic): Promise<void> {
  let left = BURST_SIZE;
  const worker = async () => {
    while (left > 0) {
      left--;
      await bookRide(config, tokens, traffic);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Adds `count` small .js/.ts files in a new folder: what an install or a build does to a repository. */
async function churn(dir: string, round: number, count: number): Promise<void> {
  const folder = join(dir, `round-${round}`);
  await mkdir(folder, { recursive: true });
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, k) => start + k);
    await Promise.all(batch.map((n) => writeFile(join(folder, `file-${n}.${n % 2 ? 'ts' : 'js'}`), `export const n = ${n};\n`)));
  }
}

async function soak(config: StackConfig, stack: RunningStack, options: Options, churnDir: string): Promise<boolean> {
  const durationMs = options.minutes * 60_000;
  const intervalMs = Math.min(10_000, Math.max(2_000, durationMs / 40));
  const warmupMs = durationMs * 0.1;
  const burstAtMs = Array.from({ length: BURSTS }, (_, k) => durationMs * (0.15 + 0.15 * k));
  const trickleEveryMs = Math.max(5_000, durationMs / 60);
  const churnEveryMs = durationMs / 12;

  const apiPid = readProcesses(join(config.localDir, 'processes.json')).api;
  if (!apiPid || !readProcess(apiPid))
    throw new StackError(`The API process is not running (see ${join(config.localDir, 'logs', 'api.log')}).`);
  const tokens = await signInRiders(config, stack);
  say(
    `API pid ${apiPid}, watching ${watchCount(apiPid)} files and folders; ${options.minutes} min, a sample every ${intervalMs / 1000} s; ` +
      `${BURSTS} bursts of ${BURST_SIZE} at concurrency ${CONCURRENCY} by ${Math.round((burstAtMs.at(-1) ?? 0) / 1000)} s, ` +
      `a ride every ${trickleEveryMs / 1000} s until then; ` +
      `${options.churn ? `${options.churn} new files every ${Math.round(churnEveryMs / 1000)} s in ${churnDir}` : 'no file churn'}.`,
  );

  const traffic: Traffic = { requests: 0, created: 0, failed: 0, statuses: new Map() };
  const started = Date.now();
  const endAt = started + durationMs;
  const lastBurstAt = started + (burstAtMs.at(-1) ?? 0);
  let lastBurstDone = false;
  let churnError: unknown;
  const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));
  const phase = (now: number): Phase => (now - started < warmupMs ? 'warmup' : lastBurstDone ? 'quiet' : 'traffic');

  const bursts = (async () => {
    for (const at of burstAtMs) {
      await sleepUntil(started + at);
      await burst(config, tokens, traffic);
    }
    lastBurstDone = true;
  })();
  const trickle = (async () => {
    for (let at = started; at < lastBurstAt; at += trickleEveryMs) {
      await sleepUntil(at);
      await bookRide(config, tokens, traffic);
    }
  })();
  // Caught here, so a full disk is reported after the run instead of crashing it mid-way.
  const files = (async () => {
    if (!options.churn) return;
    let round = 0;
    for (let at = started + warmupMs; at < endAt - churnEveryMs / 2; at += churnEveryMs) {
      await sleepUntil(at);
      await churn(churnDir, round++, options.churn);
    }
  })().catch((error: unknown) => {
    churnError = error;
  });

  const samples: Sample[] = [];
  console.log(`\n${TABLE_HEADER}`);
  let previous = { at: Date.now(), cpuSeconds: readProcess(apiPid)?.cpuSeconds ?? 0 };
  for (let at = started + intervalMs; at <= endAt; at += intervalMs) {
    await sleepUntil(at);
    const now = Date.now();
    const reading = readProcess(apiPid);
    if (!reading) throw new StackError(`The API process (pid ${apiPid}) died; its log: ${join(config.localDir, 'logs', 'api.log')}`);
    const sample: Sample = {
      t: (now - started) / 1000,
      phase: phase(now),
      rssMb: reading.rssMb,
      cpuPercent: ((reading.cpuSeconds - previous.cpuSeconds) / ((now - previous.at) / 1000)) * 100,
      requests: traffic.requests,
      created: traffic.created,
      failed: traffic.failed,
    };
    previous = { at: now, cpuSeconds: reading.cpuSeconds };
    samples.push(sample);
    console.log(formatRow(sample));
  }
  // Every request has its own timeout, so these end soon after the clock does.
  await Promise.all([bursts, trickle, files]);
  if (churnError) throw churnError;

  const statuses = [...traffic.statuses].map(([status, count]) => `${status}: ${count}`).join(', ');
  const rss = samples.map((s) => Math.round(s.rssMb));
  console.log(`\nrequests: ${traffic.requests} (${statuses})`);
  console.log(`API RSS: ${rss[0]} MB at the first sample, ${Math.max(...rss)} MB at most, ${rss.at(-1)} MB at the last`);
  const checks = judge(samples, DEFAULT_LIMITS);
  for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
  return checks.every((check) => check.ok);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (process.platform !== 'linux') throw new StackError('pnpm soak reads the API process from /proc: run it on Linux.');
  const config = soakConfig(process.env);
  // Inside the repository (the soak's folder is .local/soak), where the files an install writes land.
  const churnDir = join(config.localDir, 'churn');

  let stack: RunningStack | undefined;
  let interrupted = false;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await stack?.stop();
      await rm(churnDir, { recursive: true, force: true });
    })());
  // Ctrl-C while the stack starts: stop it as soon as startStack hands it over (its waits are bounded).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      interrupted = true;
      say(`${signal}: stopping…`);
      if (stack) void cleanUp().finally(() => process.exit(130));
    });
  }
  // Last resort if the process ends any other way: the services are detached, so signal their groups.
  process.once('exit', () => {
    for (const { child } of stack?.services ?? []) {
      if (child.pid && child.exitCode === null && child.signalCode === null) signalGroup(child.pid, 'SIGTERM');
    }
  });

  await rm(churnDir, { recursive: true, force: true });
  say(`starting the dev stack's backend on ports ${Object.values(config.ports).join('/')} in ${config.localDir}…`);
  stack = await startStack(config, (line) => say(line));
  if (interrupted) {
    await cleanUp();
    return 130;
  }
  try {
    const ok = await soak(config, stack, options, churnDir);
    say(ok ? 'memory flat, idle when not asked: pass.' : 'FAILED (see above).');
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StackError) console.error(`[soak] ${error.message}`);
    else console.error('[soak] failed:', error);
    process.exit(2);
  },
);
