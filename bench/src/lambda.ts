/**
 * Lambda cold start and warm invocations, WildRydes against the workshop original, interleaved:
 * each round starts every implementation (in a changing order) so load on the shared machine hits
 * all alike.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PickupLocation as Location } from '@wildrydes/contract';
import { type Summary, summarize } from './stats';

export interface Implementation {
  /**
   * `sdkFloor`: the AWS SDK v3 alone (bench/reference/sdk-floor.ts), cold start only; the
   * observability references (bench/reference/observability-*.ts) go by their own names; each
   * packaged function as `fn:<its name in serverless.yml>` (every-function.ts).
   */
  name: 'baseline' | 'sdkFloor' | `wildrydes${string}` | `obs${string}` | `fn:${string}`;
  artefact: string;
  /**
   * The event of the next invocation. Each call is a new ride request: since fair use, WildRydes
   * answers a rider's second request 409 while the first ride is on its way.
   */
  nextEvent: () => unknown;
  env: NodeJS.ProcessEnv;
}

export const CHILD = join(import.meta.dirname, 'lambda-child.mjs');

interface ChildRun<T> {
  report: T;
  wallMs: number;
}

let eventFiles = 0;

/**
 * Runs one imitated container with `invocations` events of its own (written to a file in `workDir`
 * before the clock starts); resolves with its fd-3 report and the process's wall time.
 */
async function runChild<T>(
  impl: Implementation,
  mode: 'cold' | 'warm',
  invocations: number,
  workDir: string,
  timeoutMs: number,
): Promise<ChildRun<T>> {
  const eventFile = join(workDir, `events-${impl.name}-${++eventFiles}.json`);
  await writeFile(eventFile, JSON.stringify(Array.from({ length: invocations }, () => impl.nextEvent())));
  const args = [mode, impl.artefact, eventFile, ...(mode === 'warm' ? [String(invocations - 1)] : [])];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CHILD, ...args], {
      env: impl.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let report = '';
    let stderr = '';
    child.stdout!.resume(); // the handler's logs, as CloudWatch would take them
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.stdio[3]!.on('data', (d: Buffer) => (report += d.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const wallMs = performance.now() - started;
      if (code !== 0 || !report) {
        reject(new Error(`${impl.name} ${mode} run failed (exit ${code ?? signal}): ${stderr.trim().slice(-1500)}`));
        return;
      }
      resolve({ report: JSON.parse(report) as T, wallMs });
    });
  });
}

interface ColdReport {
  importMs: number;
  firstInvokeMs: number;
  sinceStartMs: number;
  cpuMs: number;
  /** The status code, or for a function that is no HTTP route what it answered (lambda-child.mjs). */
  status: number | string;
  maxRssKb: number;
}

export interface ColdResult {
  runs: number;
  importMs: Summary;
  firstInvokeMs: Summary;
  importPlusFirstMs: Summary;
  /** CPU time (user + system) the process spent on import + first invocation. */
  cpuMs: Summary;
  wallMs: Summary;
  maxRssKb: Summary;
  statuses: Record<string, number>;
}

/**
 * The order of round `round`: rotated, and reversed every other round, so no implementation always
 * runs first or right after the same other one (ABBA for two).
 */
export function roundOrder<T>(impls: readonly T[], round: number): T[] {
  const shift = Math.floor(round / 2) % impls.length;
  const rotated = [...impls.slice(shift), ...impls.slice(0, shift)];
  return round % 2 === 0 ? rotated : rotated.reverse();
}

/**
 * `rounds` cold starts of each implementation, interleaved. `beforeRound` prepares what a round's
 * events need (rides to read or cancel), outside the measured processes.
 */
export async function coldStarts(
  impls: readonly Implementation[],
  rounds: number,
  workDir: string,
  log: (s: string) => void,
  beforeRound?: (round: number) => Promise<void>,
) {
  const samples = new Map<string, (ColdReport & { wallMs: number })[]>(impls.map((i) => [i.name, []]));
  for (let round = 0; round < rounds; round++) {
    await beforeRound?.(round);
    for (const impl of roundOrder(impls, round)) {
      const { report, wallMs } = await runChild<ColdReport>(impl, 'cold', 1, workDir, 60_000);
      samples.get(impl.name)!.push({ ...report, wallMs });
    }
    if ((round + 1) % 5 === 0) log(`cold start: ${round + 1}/${rounds} rounds`);
  }
  const result: Record<string, ColdResult> = {};
  for (const [name, runs] of samples) {
    const statuses: Record<string, number> = {};
    for (const r of runs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    result[name] = {
      runs: runs.length,
      importMs: summarize(runs.map((r) => r.importMs)),
      firstInvokeMs: summarize(runs.map((r) => r.firstInvokeMs)),
      importPlusFirstMs: summarize(runs.map((r) => r.importMs + r.firstInvokeMs)),
      cpuMs: summarize(runs.map((r) => r.cpuMs)),
      wallMs: summarize(runs.map((r) => r.wallMs)),
      maxRssKb: summarize(runs.map((r) => r.maxRssKb)),
      statuses,
    };
  }
  return result as Partial<Record<Implementation['name'], ColdResult>> & Record<'wildrydes' | 'baseline', ColdResult>;
}

interface WarmReport {
  firstStatus: number;
  statuses: Record<string, number>;
  times: number[];
  maxRssKb: number;
}

export interface WarmResult {
  invocations: number;
  /** Processes the invocations ran in (each a warm container); absent in older runs, which used 4. */
  processes?: number;
  ms: Summary;
  statuses: Record<string, number>;
  maxRssKb: number;
}

/**
 * Sequential invocations in one process each: `blocks` processes per implementation of
 * `perBlock` invocations (after one warm-up), in ABBA order.
 */
export async function warmInvocations(
  impls: [Implementation, Implementation],
  blocks: number,
  perBlock: number,
  workDir: string,
  log: (s: string) => void,
) {
  const times = new Map<string, number[]>(impls.map((i) => [i.name, []]));
  const statuses = new Map<string, Record<string, number>>(impls.map((i) => [i.name, {}]));
  const rss = new Map<string, number>(impls.map((i) => [i.name, 0]));
  for (let block = 0; block < blocks; block++) {
    for (const impl of roundOrder(impls, block)) {
      // The first invocation warms the container up; `perBlock` are timed after it.
      const { report } = await runChild<WarmReport>(impl, 'warm', perBlock + 1, workDir, 300_000);
      times.get(impl.name)!.push(...report.times);
      const s = statuses.get(impl.name)!;
      for (const [code, n] of Object.entries(report.statuses)) s[code] = (s[code] ?? 0) + n;
      rss.set(impl.name, Math.max(rss.get(impl.name)!, report.maxRssKb));
    }
    log(`warm: ${block + 1}/${blocks} blocks`);
  }
  const result: Record<string, WarmResult> = {};
  for (const impl of impls) {
    const t = times.get(impl.name)!;
    result[impl.name] = {
      invocations: t.length,
      processes: blocks,
      ms: summarize(t),
      statuses: statuses.get(impl.name)!,
      maxRssKb: rss.get(impl.name)!,
    };
  }
  return result as Record<'wildrydes' | 'baseline', WarmResult>;
}

/** API Gateway (REST, v1 proxy) event for POST /ride from `pickup`, as the function receives it. */
export function rideEvent(idToken: string, origin: string, pickup: Location, claims?: Record<string, unknown>) {
  return apiEvent('POST', '/ride', '/ride', idToken, origin, null, JSON.stringify({ PickupLocation: pickup }), claims);
}

/** API Gateway (REST, v1 proxy) event of a route, as its function receives it. */
export function apiEvent(
  method: string,
  resource: string,
  path: string,
  idToken: string | undefined,
  origin: string,
  pathParameters: Record<string, string> | null = null,
  body: string | null = null,
  claims?: Record<string, unknown>,
) {
  const headers: Record<string, string> = {
    ...(idToken ? { Authorization: idToken } : {}),
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    Origin: origin,
  };
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters,
    stageVariables: null,
    requestContext: {
      resourcePath: resource,
      httpMethod: method,
      path: `/dev${path}`,
      stage: 'dev',
      requestId: 'bench-request',
      requestTimeEpoch: Date.now(),
      identity: { sourceIp: '127.0.0.1', userAgent: 'wildrydes-bench' },
      // Only the baseline gets claims: it trusts API Gateway's Cognito authorizer to have put
      // them there. WildRydes ignores them and verifies the token itself.
      ...(claims ? { authorizer: { claims } } : {}),
    },
    body,
    isBase64Encoded: false,
  };
}
