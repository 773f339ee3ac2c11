/** bench/results/latest.{json,md}: the figures, the goals met or not, and the machine they come from. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleBreakdown, FunctionArtefact } from './artefacts';
import type { CompileCacheResult } from './compile-cache';
import type { DispatchResult, DispatchRun, DispatchSize } from './dispatch';
import type { EveryFunctionResult } from './every-function';
import type { ColdResult, WarmResult } from './lambda';
import type { LiveResult } from './live';
import type { LoadResult } from './load';
import type { ObservabilityResult } from './observability';
import type { ProfileResult } from './profile';
import type { ShippedKeysResult } from './shipped-keys';
import type { Summary } from './stats';
import type { WebResult } from './web';

export interface Results {
  date: string;
  machine: { cores: number; cpuModel: string; memoryGiB: number; os: string };
  versions: Record<string, string | boolean>;
  durationS: number;
  quick: boolean;
  artefacts: {
    functions: Record<string, FunctionArtefact>;
    requestUnicornBreakdown?: BundleBreakdown;
    baseline: HandlerSize;
    /** Absent in runs before the SDK floor was measured. */
    sdkFloor?: HandlerSize;
  };
  cold: Record<'wildrydes' | 'baseline', ColdResult> & { sdkFloor?: ColdResult };
  warm: Record<'wildrydes' | 'baseline', WarmResult>;
  load: LoadResult[];
  web: WebResult;
  /** Absent in runs before dispatch was measured by fleet size. */
  dispatch?: DispatchResult;
  /** Push latency of the live rides WebSocket; absent in runs before it existed. */
  live?: LiveResult;
  /** Where a cold start's CPU time goes, by package; absent in runs before it was profiled. */
  profile?: ProfileResult;
  /** Cold starts with the pool's signing keys shipped against fetched; absent in runs before they were shipped. */
  shippedKeys?: ShippedKeysResult;
  /** What logging and metrics libraries cost a cold start; absent in runs before Powertools. */
  observability?: ObservabilityResult;
  /** A cold start of every packaged function; absent in runs before each was measured. */
  functions?: EveryFunctionResult;
  /** RequestUnicorn's cold start with Node's compile cache shipped; absent in runs before it was tried. */
  compileCache?: CompileCacheResult;
  /** How the bench's ride requests were made; absent in runs where one rider asked from one spot. */
  traffic?: { stackFleetSize: number; oneRiderPerRequest: true };
}

interface HandlerSize {
  handlerFile: string;
  handlerBytes: number;
  handlerGzipBytes: number;
}

/** Goals from issue 6; kB = 1,000 bytes. */
export const GOALS = {
  coldRatio: 3,
  requestUnicornMaxBytes: 150_000,
  landingJsGzipMaxBytes: 75_000,
  rideJsGzipMaxBytes: 140_000,
  lighthousePerformance: 0.98,
  lighthouseAccessibility: 1,
  lighthouseBestPractices: 0.95,
  /** Warm invocation median: WildRydes at most this many times the workshop original's. */
  warmMaxRatio: 1.5,
  /** Dispatch median at the largest fleet at most this many times the median at the smallest (38). */
  dispatchMedianMaxRatio: 1.5,
  /** Read units per ride at the largest fleet at most this many times those at the smallest. */
  dispatchReadsMaxRatio: 2,
  /** The fleet the two dispatch goals are judged at. */
  dispatchGoalFleet: 100_000,
  /** Against the AWS SDK v3 floor, in the same run (the cold-start issue): cold start with the keys shipped, at most this many times the floor's. */
  coldOverFloorMaxRatio: 1.2,
  /** RequestUnicorn's bundle at most the floor's plus this many bytes. */
  bundleOverFloorMaxBytes: 30_000,
  /** A cold container's peak RSS at most the floor's plus this many kB. */
  rssOverFloorMaxKb: 5 * 1024,
};

const kB = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? 'n/a' : `${(bytes / 1000).toFixed(1)} kB`);
const ms = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`;
const mb = (kbValue: number) => `${(kbValue / 1024).toFixed(1)} MB`;
const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');
const mark = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
const signedMs = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${ms(Math.abs(v))}` : 'n/a');
const mmp = (s: Summary) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.p90)}`;
const units = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const count = (n: number) => n.toLocaleString('en');

/** The smallest and largest fleets of the dispatch stage, and the ratios the goals judge. */
export function dispatchRatios(d: DispatchResult | undefined) {
  const smallest = d?.sizes[0];
  const largest = d?.sizes[d.sizes.length - 1];
  if (!smallest || !largest || smallest === largest) return undefined;
  return {
    smallest,
    largest,
    median: largest.geo.ms.median / smallest.geo.ms.median,
    reads: largest.geo.rcu.mean / smallest.geo.rcu.mean,
    readsAtMinimum: largest.geo.rcuAtMinimum.mean / smallest.geo.rcuAtMinimum.mean,
    /** Whether the largest fleet is the one the goals name (a quick run stops at 1,000). */
    atGoalFleet: largest.fleet >= GOALS.dispatchGoalFleet,
  };
}

export function goals(r: Results) {
  const coldRatio = r.cold.baseline.importPlusFirstMs.median / r.cold.wildrydes.importPlusFirstMs.median;
  const ru = r.artefacts.functions.RequestUnicorn;
  const lh = (path: string) => r.web.lighthouse?.find((l) => l.path === path)?.median;
  const lhOk = (path: string) => {
    const m = lh(path);
    return m
      ? m.performance >= GOALS.lighthousePerformance &&
          m.accessibility >= GOALS.lighthouseAccessibility &&
          m.bestPractices >= GOALS.lighthouseBestPractices
      : undefined;
  };
  const warmRatio = r.warm.wildrydes.ms.median / r.warm.baseline.ms.median;
  const d = dispatchRatios(r.dispatch);
  return {
    coldRatio,
    coldStart: coldRatio >= GOALS.coldRatio && r.cold.wildrydes.statuses['201'] === r.cold.wildrydes.runs,
    warmRatio,
    warm: warmRatio <= GOALS.warmMaxRatio && r.warm.wildrydes.statuses['201'] === r.warm.wildrydes.invocations,
    peakRss: r.cold.wildrydes.maxRssKb.median <= r.cold.baseline.maxRssKb.median,
    bundleSize: ru ? ru.handlerBytes <= GOALS.requestUnicornMaxBytes : false,
    landingJs: r.web.landing ? r.web.landing.jsGzipBytes <= GOALS.landingJsGzipMaxBytes : undefined,
    rideJs: r.web.ride ? r.web.ride.jsGzipBytes <= GOALS.rideJsGzipMaxBytes : undefined,
    lighthouseLanding: lhOk('/'),
    lighthouseSignIn: lhOk('/signin'),
    loadItemsMatch: r.load.every((l) => l.itemsMatch201 && l.created201 > 0),
    dispatchMedianRatio: d?.median,
    dispatchMedian: d?.atGoalFleet ? d.median <= GOALS.dispatchMedianMaxRatio : undefined,
    dispatchReadsRatio: d?.reads,
    dispatchReads: d?.atGoalFleet ? d.reads <= GOALS.dispatchReadsMaxRatio : undefined,
    ...floorGoals(r),
  };
}

/** The cold-start issue's goals, against the SDK floor measured in the same run (undefined where a run lacks it). */
export function floorGoals(r: Results) {
  const k = r.shippedKeys;
  const floorBytes = r.artefacts.sdkFloor?.handlerBytes;
  const ruBytes = r.artefacts.functions.RequestUnicorn?.handlerBytes;
  const floorRss = r.cold.sdkFloor?.maxRssKb.median;
  const coldOverFloor = k ? k.shipped.importPlusFirstMs.median / k.floor.importPlusFirstMs.median : undefined;
  const bundleOverFloor = floorBytes !== undefined && ruBytes !== undefined ? ruBytes - floorBytes : undefined;
  const rssOverFloor = floorRss !== undefined ? r.cold.wildrydes.maxRssKb.median - floorRss : undefined;
  return {
    coldOverFloor,
    coldOverFloorMet: coldOverFloor === undefined ? undefined : coldOverFloor <= GOALS.coldOverFloorMaxRatio,
    bundleOverFloor,
    bundleOverFloorMet: bundleOverFloor === undefined ? undefined : bundleOverFloor <= GOALS.bundleOverFloorMaxBytes,
    rssOverFloor,
    rssOverFloorMet: rssOverFloor === undefined ? undefined : rssOverFloor <= GOALS.rssOverFloorMaxKb,
    ...everyFunctionGoal(r),
  };
}

/** Functions whose first invocations did not all answer as a success does (lambda-child.mjs's `status`). */
export function everyFunctionProblems(result: EveryFunctionResult | undefined): string[] {
  return (result?.functions ?? [])
    .filter((f) => f.cold.statuses[f.expected] !== f.cold.runs)
    .map((f) => `${f.name} cold start answered ${JSON.stringify(f.cold.statuses)} (expected ${f.expected})`);
}

/**
 * Every function serverless.yml declares measured (the bench stops on one it has no event for), each
 * first invocation answering as a success does; the slowest against the floor.
 */
export function everyFunctionGoal(r: Results) {
  const e = r.functions;
  if (!e) return { everyFunctionMeasured: undefined, slowestFunction: undefined };
  const slowest = [...e.functions].sort((a, b) => b.cold.importPlusFirstMs.median - a.cold.importPlusFirstMs.median)[0];
  return {
    everyFunctionMeasured: e.functions.length > 0 && everyFunctionProblems(e).length === 0,
    slowestFunction: slowest && {
      name: slowest.name,
      overFloor: slowest.cold.importPlusFirstMs.median / e.floor.importPlusFirstMs.median,
    },
  };
}

export function markdown(r: Results): string {
  const g = goals(r);
  const c = r.cold;
  const w = r.warm;
  const lines: string[] = [];
  lines.push('# WildRydes benchmarks: against the workshop original');
  lines.push('');
  lines.push(
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC${r.quick ? ' (**quick run**: fewer rounds)' : ''}, ${r.durationS} s, by \`pnpm bench\`.`,
  );
  lines.push(
    `Machine: ${r.machine.cores} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, ${r.machine.os}; Node ${r.versions.node}, ${r.versions.java}. ` +
      `Commit ${r.versions.gitCommit}${r.versions.gitDirty ? ' with uncommitted work of others in the tree' : ''}.`,
  );
  lines.push('');
  lines.push(
    '**Read the ratios, not the milliseconds.** The machine is shared (other builds and tests run on the same 2 cores), so absolute times ' +
      'swing from run to run. Every WildRydes figure that has a baseline was measured interleaved with it in the same run ' +
      '(alternating order, round by round), so load hits both alike and mostly cancels out of the ratio.',
  );
  lines.push('');
  lines.push('## Goals');
  lines.push('');
  lines.push('| goal | target | result | |');
  lines.push('|---|---|---|---|');
  const floorRatio = c.sdkFloor ? c.baseline.importPlusFirstMs.median / c.sdkFloor.importPlusFirstMs.median : undefined;
  const floorNote = (text: string | undefined) => (text ? ` (the AWS SDK v3 alone: ${text})` : '');
  lines.push(
    `| cold start (import + first invocation, token verified), median vs baseline | ≥ ${GOALS.coldRatio}x faster | ${times(g.coldRatio)}${floorNote(floorRatio === undefined ? undefined : times(floorRatio))} | ${mark(g.coldStart)} |`,
  );
  if (g.coldOverFloor !== undefined) {
    lines.push(
      `| cold start with the signing keys shipped (section 6), median over the SDK floor's | ≤ ${times(GOALS.coldOverFloorMaxRatio)} | ${times(g.coldOverFloor)} | ${mark(g.coldOverFloorMet)} |`,
    );
  }
  if (g.bundleOverFloor !== undefined) {
    lines.push(
      `| RequestUnicorn bundle over the SDK floor's | ≤ +${kB(GOALS.bundleOverFloorMaxBytes)} | +${kB(g.bundleOverFloor)} | ${mark(g.bundleOverFloorMet)} |`,
    );
  }
  if (g.rssOverFloor !== undefined) {
    lines.push(
      `| peak RSS of a cold container over the SDK floor's, median | ≤ +${mb(GOALS.rssOverFloorMaxKb)} | +${mb(g.rssOverFloor)} | ${mark(g.rssOverFloorMet)} |`,
    );
  }
  if (g.everyFunctionMeasured !== undefined) {
    lines.push(
      `| every function's cold start measured, against the SDK floor (section "Cold start of every function") | all, each answering as it should | ` +
        `${count(r.functions?.functions.length ?? 0)} measured${g.slowestFunction ? `; slowest ${g.slowestFunction.name}, ${times(g.slowestFunction.overFloor)} the floor` : ''} | ${mark(g.everyFunctionMeasured)} |`,
    );
  }
  lines.push(
    `| peak RSS of a cold container, median | ≤ baseline (${mb(c.baseline.maxRssKb.median)}) | ${mb(c.wildrydes.maxRssKb.median)} | ${mark(g.peakRss)} |`,
  );
  const ru = r.artefacts.functions.RequestUnicorn;
  const floorSize = r.artefacts.sdkFloor?.handlerBytes;
  lines.push(
    `| RequestUnicorn bundle, minified | ≤ ${kB(GOALS.requestUnicornMaxBytes)} | ${kB(ru?.handlerBytes)}${floorNote(floorSize === undefined ? undefined : kB(floorSize))} | ${mark(g.bundleSize)} |`,
  );
  lines.push(`| landing page JS, gzip | ≤ ${kB(GOALS.landingJsGzipMaxBytes)} | ${kB(r.web.landing?.jsGzipBytes)} | ${mark(g.landingJs)} |`);
  lines.push(
    `| ride page JS after sign-in, gzip | ≤ ${kB(GOALS.rideJsGzipMaxBytes)} | ${kB(r.web.ride?.jsGzipBytes)} | ${mark(g.rideJs)} |`,
  );
  for (const [path, ok] of [
    ['/', g.lighthouseLanding],
    ['/signin', g.lighthouseSignIn],
  ] as const) {
    const m = r.web.lighthouse?.find((l) => l.path === path)?.median;
    lines.push(
      `| Lighthouse \`${path}\`: performance / accessibility / best practices | ≥ ${GOALS.lighthousePerformance} / ${GOALS.lighthouseAccessibility} / ${GOALS.lighthouseBestPractices} | ${m ? `${m.performance} / ${m.accessibility} / ${m.bestPractices}` : 'n/a'} | ${mark(ok)} |`,
    );
  }
  lines.push(
    `| under load: items written = 201 answers | equal | ${r.load.map((l) => `${l.itemsWritten} = ${l.created201}`).join('; ')} | ${mark(g.loadItemsMatch)} |`,
  );
  lines.push(
    `| warm invocation median, WildRydes over the workshop original | ≤ ${times(GOALS.warmMaxRatio)} | ${times(g.warmRatio)} (${ms(w.wildrydes.ms.median)} vs ${ms(w.baseline.ms.median)}) | ${mark(g.warm)} |`,
  );
  const d = dispatchRatios(r.dispatch);
  const goalFleet = count(GOALS.dispatchGoalFleet);
  const at = d && !d.atGoalFleet ? ` (quick run: at ${count(d.largest.fleet)})` : '';
  lines.push(
    `| \`POST /ride\` median at ${goalFleet} unicorns over the median at 38 (cell index; the handler in-process, section 3) | ≤ ${times(GOALS.dispatchMedianMaxRatio)} | ` +
      (d ? `${times(d.median)}${at} (${ms(d.largest.geo.ms.median)} vs ${ms(d.smallest.geo.ms.median)})` : 'n/a') +
      ` | ${mark(g.dispatchMedian)} |`,
  );
  lines.push(
    `| read units per ride at ${goalFleet} unicorns over those at 38 (ReturnConsumedCapacity, mean) | ≤ ${times(GOALS.dispatchReadsMaxRatio)} | ` +
      (d
        ? `${times(d.reads)}${at} (${units(d.largest.geo.rcu.mean)} vs ${units(d.smallest.geo.rcu.mean)} RCU; ` +
          `each read at DynamoDB's minimum: ${times(d.readsAtMinimum)}, ${units(d.largest.geo.rcuAtMinimum.mean)} vs ${units(d.smallest.geo.rcuAtMinimum.mean)})`
        : 'n/a') +
      ` | ${mark(g.dispatchReads)} |`,
  );
  lines.push('');

  lines.push(`## 1. Lambda cold start (${c.wildrydes.runs} runs each, interleaved)`);
  lines.push('');
  lines.push(
    'A fresh `node` process imports the handler and invokes it once against DynamoDB Local and cognito-local. WildRydes: the ' +
      '`RequestUnicorn` artefact from `sls package`, verifying a real ID token (JWKS fetched on the first request). Baseline: the ' +
      "workshop's `requestUnicorn.js` (bench/baselines/), aws-sdk v2 from `node_modules` as the Node 10-16 runtimes provided it, " +
      'trusting claims put in the event by the gateway. min / median / p90:',
  );
  lines.push('');
  const f = c.sdkFloor;
  lines.push(`| | WildRydes | baseline | ratio of medians |${f ? ' SDK v3 floor | WildRydes over the floor |' : ''}`);
  lines.push(`|---|---|---|---|${f ? '---|---|' : ''}`);
  const row = (label: string, key: 'importMs' | 'firstInvokeMs' | 'importPlusFirstMs' | 'cpuMs' | 'wallMs') =>
    lines.push(
      `| ${label} | ${mmp(c.wildrydes[key])} | ${mmp(c.baseline[key])} | ${times(c.baseline[key].median / c.wildrydes[key].median)} |` +
        (f ? ` ${mmp(f[key])} | ${signedMs(c.wildrydes[key].median - f[key].median)} |` : ''),
    );
  row('import', 'importMs');
  row('first invocation', 'firstInvokeMs');
  row('**import + first invocation**', 'importPlusFirstMs');
  row('CPU time of import + first invocation', 'cpuMs');
  row('process wall time (spawn to exit)', 'wallMs');
  const rss = (x: ColdResult) => `${mb(x.maxRssKb.min)} / ${mb(x.maxRssKb.median)} / ${mb(x.maxRssKb.p90)}`;
  lines.push(
    `| peak RSS (maxRSS) | ${rss(c.wildrydes)} | ${rss(c.baseline)} | ${times(c.baseline.maxRssKb.median / c.wildrydes.maxRssKb.median)} |` +
      (f ? ` ${rss(f)} | ${mb(c.wildrydes.maxRssKb.median - f.maxRssKb.median)} |` : ''),
  );
  lines.push(
    `| answers | ${JSON.stringify(c.wildrydes.statuses)} | ${JSON.stringify(c.baseline.statuses)} | |${f ? ` ${JSON.stringify(f.statuses)} | |` : ''}`,
  );
  lines.push('');
  if (f) {
    const share =
      c.wildrydes.importPlusFirstMs.median > 0 ? (f.importPlusFirstMs.median / c.wildrydes.importPlusFirstMs.median) * 100 : NaN;
    lines.push(
      '**SDK v3 floor**: `bench/reference/sdk-floor.ts`, the AWS SDK v3 on its own (`DynamoDBClient` + `DynamoDBDocumentClient` ' +
        "created at import, one `PutItem` of the workshop's item; no token check, no validation, no dispatch), bundled with " +
        `serverless.yml's esbuild options (${kB(r.artefacts.sdkFloor?.handlerBytes)} minified). It is what any function on ` +
        '`@aws-sdk/lib-dynamodb` pays before its own code runs: ' +
        `${share.toFixed(0)}% of WildRydes' cold start here, and ${times(c.baseline.importPlusFirstMs.median / f.importPlusFirstMs.median)} the ` +
        `baseline on its own. WildRydes adds ${signedMs(c.wildrydes.importPlusFirstMs.median - f.importPlusFirstMs.median)} on top: token ` +
        'verification (JWKS fetch), request validation, reading the fleet and booking in one transaction instead of one put.',
    );
    lines.push('');
  }

  const processes = w.wildrydes.processes ?? 4;
  lines.push(
    `## 2. Warm invocations (${w.wildrydes.invocations} sequential each: ${processes} processes of ${w.wildrydes.invocations / processes} per implementation, interleaved)`,
  );
  lines.push('');
  lines.push('| | WildRydes | baseline | ratio |');
  lines.push('|---|---|---|---|');
  lines.push(
    `| median | ${ms(w.wildrydes.ms.median)} | ${ms(w.baseline.ms.median)} | ${times(w.baseline.ms.median / w.wildrydes.ms.median)} |`,
  );
  lines.push(`| p99 | ${ms(w.wildrydes.ms.p99)} | ${ms(w.baseline.ms.p99)} | ${times(w.baseline.ms.p99 / w.wildrydes.ms.p99)} |`);
  lines.push(`| answers | ${JSON.stringify(w.wildrydes.statuses)} | ${JSON.stringify(w.baseline.statuses)} | |`);
  lines.push('');
  lines.push(
    'Each WildRydes invocation verifies the token (signature against the cached JWKS) and keeps its connection to DynamoDB alive; ' +
      "the workshop's aws-sdk v2 opens a new connection per request (as deployed: `AWS_NODEJS_CONNECTION_REUSE_ENABLED` unset).",
  );
  lines.push('');
  if (r.traffic) {
    lines.push(
      "Every invocation (cold or warm, either side) is a new ride request by a different rider, asking from a different unicorn's " +
        `home of the stack's fleet of ${count(r.traffic.stackFleetSize)} (in 20 cities, in turn): since fair use WildRydes answers 409 ` +
        "to a rider whose ride is still on its way. The riders' ID tokens are copies of the demo rider's, claim for claim, signed " +
        "with cognito-local's own key, so WildRydes verifies each exactly as a real one. Per invocation WildRydes makes three " +
        "DynamoDB round trips one after another (the rider's record; the 9 Queries of the cell index around the pickup, in " +
        'parallel; the booking transaction of 3 items); the workshop makes one (a put).',
    );
    lines.push('');
  }
  let section = 2;
  if (r.dispatch) {
    section++;
    dispatchSection(lines, r.dispatch, section);
  }
  if (r.live) {
    section++;
    liveSection(lines, r.live, section);
  }
  if (r.profile) {
    section++;
    profileSection(lines, r.profile, section);
  }
  if (r.shippedKeys) {
    section++;
    shippedKeysSection(lines, r.shippedKeys, section);
  }
  if (r.observability) {
    section++;
    observabilitySection(lines, r.observability, section);
  }
  if (r.functions) {
    section++;
    everyFunctionSection(lines, r.functions, section);
  }
  if (r.compileCache) {
    section++;
    compileCacheSection(lines, r.compileCache, section);
  }

  lines.push(`## ${++section}. Artefacts (\`sls package --stage dev\`)`);
  lines.push('');
  lines.push('| function | zip | zip, gzip | handler (minified) | handler, gzip | files |');
  lines.push('|---|---|---|---|---|---|');
  for (const [name, f] of Object.entries(r.artefacts.functions)) {
    lines.push(
      `| ${name} | ${kB(f.zipBytes)} | ${kB(f.zipGzipBytes)} | ${kB(f.handlerBytes)} (\`${f.handlerFile}\`) | ${kB(f.handlerGzipBytes)} | ${f.files} |`,
    );
  }
  const b = r.artefacts.baseline;
  lines.push(
    `| baseline (workshop) | — | — | ${kB(b.handlerBytes)} (index.js; aws-sdk v2 came with the runtime) | ${kB(b.handlerGzipBytes)} | 1 |`,
  );
  const sf = r.artefacts.sdkFloor;
  if (sf)
    lines.push(
      `| SDK v3 floor (reference, not deployed) | — | — | ${kB(sf.handlerBytes)} (\`${sf.handlerFile}\`, bundled) | ${kB(sf.handlerGzipBytes)} | 1 |`,
    );
  lines.push('');
  const zips = Object.entries(r.artefacts.functions)
    .filter(([name]) => !name.startsWith('Custom'))
    .map(([, f]) => f.zip);
  if (zips.length > 1 && new Set(zips).size === 1) {
    lines.push(
      `All ${zips.length} functions ship the same \`${zips[0]}\` (the service is not packaged individually): each carries every handler.`,
    );
    lines.push('');
  }
  if (Object.keys(r.artefacts.functions).some((name) => name.startsWith('Custom'))) {
    lines.push("`Custom…` is the framework's own custom-resource function (API Gateway CloudWatch role), not ours.");
    lines.push('');
  }
  const bd = r.artefacts.requestUnicornBreakdown;
  if (bd) {
    lines.push(
      `What the RequestUnicorn bundle is made of (esbuild metafile, same options as serverless.yml; ${kB(bd.totalBytes)} in all):`,
    );
    lines.push('');
    lines.push('| package | minified bytes in the bundle | share |');
    lines.push('|---|---|---|');
    const top = bd.byPackage.slice(0, 12);
    for (const p of top) lines.push(`| ${p.name} | ${kB(p.bytes)} | ${((p.bytes / bd.totalBytes) * 100).toFixed(0)}% |`);
    const rest = bd.byPackage.slice(12).reduce((sum, p) => sum + p.bytes, 0);
    if (rest) lines.push(`| ${bd.byPackage.length - 12} more | ${kB(rest)} | ${((rest / bd.totalBytes) * 100).toFixed(0)}% |`);
    lines.push('');
  }

  lines.push(
    `## ${++section}. The API under load (POST /ride through serverless-offline, ${r.load.some((l) => l.pickups) ? 'a valid ID token per rider' : 'real ID token'})`,
  );
  lines.push('');
  lines.push('No baseline here: absolute figures for this machine only. serverless-offline is a development server, not API Gateway.');
  lines.push('');
  const withAttempts = r.load.some((l) => l.attempts);
  lines.push(
    `| concurrency | requests | throughput | p50 | p90 | p99 | answers | non-2xx | errors | items written |${withAttempts ? ' booking attempts per ride: median / mean / p99 / max |' : ''}`,
  );
  lines.push(`|---|---|---|---|---|---|---|---|---|---|${withAttempts ? '---|' : ''}`);
  for (const l of r.load) {
    const a = l.attempts;
    lines.push(
      `| ${l.connections} | ${l.requests} | ${l.throughputRps.toFixed(0)} req/s | ${l.latencyMs.p50} ms | ${l.latencyMs.p90} ms | ${l.latencyMs.p99} ms | ${JSON.stringify(l.statuses)} | ${l.non2xx} | ${l.errors} | ${l.itemsWritten} (${l.itemsMatch201 ? '= 201s' : '**≠ 201s**'}) |` +
        (withAttempts ? ` ${a ? `${a.median} / ${a.mean.toFixed(1)} / ${a.p99} / ${a.max}` : 'n/a'} |` : ''),
    );
  }
  lines.push('');
  const spread = r.load.find((l) => l.pickups === 'spread');
  if (spread) {
    lines.push(
      `Each request is a different rider (fair use: one active ride per rider), asking from a different unicorn's home of the stack's fleet` +
        `${r.traffic ? ` of ${count(r.traffic.stackFleetSize)}` : ''}, in turn across its 20 cities, so requests rarely race for one unicorn. ` +
        'Before fair use, the bench sent one rider from one spot again and again; those runs measured the race for the few unicorns nearest it. ' +
        'DynamoDB Local runs transactions one at a time.',
    );
    lines.push('');
  } else if (withAttempts) {
    lines.push(
      'Every request asks for the same pickup spot, so once the fleet is booked they all queue for the few unicorns nearest it, and ' +
        'concurrent requests race for the same ones: a request that loses reads the fleet again and tries one of the best few. ' +
        'DynamoDB Local runs transactions one at a time.',
    );
    lines.push('');
  }
  if (r.load.some((l) => !l.itemsMatch201)) {
    lines.push(
      'Where items written exceed the 201s, serverless-offline gave up on requests (504 after its timeout) while the function ' +
        'went on and booked the ride: a 504 does not mean "not booked". Clients retry with the same `Idempotency-Key` ' +
        'to get the booked ride back instead of a second one.',
    );
    lines.push('');
  }

  lines.push(`## ${++section}. The web app (\`vite build\`, served by \`vite preview\`)`);
  lines.push('');
  if (!r.web.measured) {
    lines.push(`Not measured: ${r.web.reason ?? 'unknown reason'}.`);
  } else {
    if (r.web.reason) lines.push(`Note: ${r.web.reason}.`, '');
    lines.push('JS and CSS the browser loads (gzip, zlib default level), Chromium, cache empty:');
    lines.push('');
    lines.push('| page | JS gzip | CSS gzip | JS raw | CSS raw | files |');
    lines.push('|---|---|---|---|---|---|');
    for (const [label, p] of [
      ['landing `/`', r.web.landing],
      ['ride `/ride` after sign-in (reloaded)', r.web.ride],
    ] as const) {
      if (!p) continue;
      lines.push(`| ${label} | ${kB(p.jsGzipBytes)} | ${kB(p.cssGzipBytes)} | ${kB(p.jsBytes)} | ${kB(p.cssBytes)} | ${p.assets.length} |`);
    }
    lines.push('');
    if (r.web.lighthouse?.length) {
      lines.push(
        `Lighthouse ${r.versions.lighthouse} (default mobile preset, simulated throttling), ${r.web.lighthouse[0]!.runs.length} runs per page, the median run by performance:`,
      );
      lines.push('');
      lines.push('| page | performance | accessibility | best practices | LCP | all runs (performance) |');
      lines.push('|---|---|---|---|---|---|');
      for (const l of r.web.lighthouse) {
        lines.push(
          `| \`${l.path}\` | ${l.median.performance} | ${l.median.accessibility} | ${l.median.bestPractices} | ${ms(l.median.lcpMs)} | ${l.runs.map((x) => x.performance).join(', ')} |`,
        );
      }
      lines.push('');
    }
  }

  lines.push('## Versions');
  lines.push('');
  lines.push(
    Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · '),
  );
  lines.push('');
  const seeding = (r.dispatch?.sizes ?? []).reduce((sum, size) => sum + size.seedS.geo + size.seedS.scan, 0);
  lines.push(
    `Reproduce: \`pnpm bench\` (this run: ${Math.round(r.durationS / 60)} minutes${seeding ? `, ${Math.round(seeding / 60)} of them seeding the dispatch tables` : ''}; ` +
      '`pnpm bench -- --quick` for a smoke run that stops dispatch at 1,000 unicorns and writes bench/results/quick.*; ' +
      '`pnpm bench -- --dispatch-only [--quick] [--sizes=38,1000]` for the fleet-size stage alone; `pnpm bench -- --live-only [--quick]` for the push latency alone).',
  );
  lines.push('');
  return lines.join('\n');
}

/** Median / p99 of a run. */
const medianP99 = (run: DispatchRun) => `${ms(run.ms.median)} / ${ms(run.ms.p99)}`;

function dispatchSection(lines: string[], d: DispatchResult, section: number) {
  const sizes = d.sizes;
  lines.push(`## ${section}. \`POST /ride\` by fleet size (the RequestUnicorn handler in-process, DynamoDB Local)`);
  lines.push('');
  lines.push(
    "Each ride is one invocation of the RequestUnicorn handler, the function's own code (`createRequestUnicornHandler`: the ID token " +
      "verified against cognito-local's JWKS, the body validated, the ride booked, the 201 answered), called in-process with an API " +
      "Gateway event, with the local stage's settings from serverless.yml (DynamoDB timeout " +
      `${d.dynamodbTimeoutMs} ms per try, reach ${d.maxWaitMinutes} minutes): no HTTP server, so the time is the function and ` +
      "DynamoDB Local, not serverless-offline. **Cell index**: today's dispatch (`requestRide` with the DynamoDB store: the rider's " +
      'record, then the 3x3 block of geohash cells around the pickup from the cell index, block by wider block until nothing unread can ' +
      'arrive sooner, then the booking transaction). **Scan**: the same handler with the dispatch it replaced ' +
      '(`bench/baselines/scan-dispatch/`, the code of 9a11aba: a consistent Scan of the whole unicorns table per ride, ranked in memory, ' +
      "then its transaction). For each size, fresh tables (the local stack's definitions) hold `generateFleet(n)` (the same 20 cities at " +
      "every size, so a city holds more unicorns as the fleet grows); rides go round by round, one at each size per round (the Scan's " +
      'few rides spread over the rounds), each by a new rider with a valid token, from within 2 km of a home of the default fleet (its 38 ' +
      `unicorns live in 6 of the 20 cities: every size has unicorns there). The rides' clock moves on ${d.clockStepMinutes} minutes ` +
      'before each ride, so each meets a fleet at rest (on the wall clock 38 unicorns would be sold out within the reach after about 76 ' +
      `rides). ${d.warmupRides} warm-up rides per size are not counted. The function's log lines are built but not printed.`,
  );
  lines.push('');
  lines.push(
    "Capacity units: the bench's DynamoDB clients (not the function) add `ReturnConsumedCapacity: TOTAL` to every call through an SDK " +
      'middleware and sum what DynamoDB Local returns, per ride (mean). DynamoDB Local reports 0 for a Query that finds nothing; in ' +
      "brackets, each read counted at least at DynamoDB's minimum (0.5 unit eventually consistent, 1 consistent), as DynamoDB bills it.",
  );
  lines.push('');
  lines.push(
    '| unicorns | cell index: median / p99 | of which dispatch, median | RCU per ride (at minimum) | WCU per ride | items read per ride | ' +
      'DynamoDB calls per ride | Scan: median / p99 | Scan: RCU per ride | Scan: WCU per ride | rides (index / Scan) | seeding (index / Scan table) |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const size of sizes) {
    const { geo, scan } = size;
    lines.push(
      `| ${count(size.fleet)} | ${medianP99(geo)} | ${ms(geo.dispatchMs.median)} | ${units(geo.rcu.mean)} (${units(geo.rcuAtMinimum.mean)}) | ` +
        `${units(geo.wcu.mean)} | ${units(geo.itemsRead.mean)} | ${units(geo.requests.mean)} | ${medianP99(scan)} | ${units(scan.rcu.mean)} | ` +
        `${units(scan.wcu.mean)} | ${geo.rides} / ${scan.rides} | ${size.seedS.geo} s / ${size.seedS.scan} s |`,
    );
  }
  lines.push('');
  const outcomes = sizes.flatMap((size: DispatchSize) =>
    (['geo', 'scan'] as const)
      .filter((kind) => size[kind].outcomes.booked !== size[kind].rides)
      .map((kind) => `${kind === 'geo' ? 'cell index' : 'Scan'} at ${count(size.fleet)}: ${JSON.stringify(size[kind].outcomes)}`),
  );
  if (outcomes.length) {
    lines.push(`**Not every ride was booked**: ${outcomes.join('; ')}.`);
    lines.push('');
  }
  const ratios = dispatchRatios(d);
  if (ratios) {
    const { smallest, largest } = ratios;
    const callTimes = (['GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand'] as const).flatMap((command) => {
      const [a, b] = [smallest.geo.calls[command], largest.geo.calls[command]];
      if (!a || !b) return [];
      const perRide = String(Number(b.perRide.toFixed(2)));
      const each = command === 'QueryCommand' ? `${perRide} a ride, in parallel` : `${perRide} a ride`;
      return [`${command.replace(/Command$/, '')} ${ms(a.meanMs)} → ${ms(b.meanMs)} (${each})`];
    });
    if (callTimes.length) {
      lines.push(
        `Mean time of one DynamoDB call, cell index, ${count(smallest.fleet)} → ${count(largest.fleet)} unicorns: ${callTimes.join('; ')}.`,
      );
      lines.push('');
    }
    lines.push(
      `From ${count(smallest.fleet)} to ${count(largest.fleet)} unicorns the cell index's median moves ${times(ratios.median)} and its read ` +
        `units per ride ${times(ratios.reads)} (${times(ratios.readsAtMinimum)} with each read at its minimum); items read per ride go from ` +
        `${units(smallest.geo.itemsRead.mean)} to ${units(largest.geo.itemsRead.mean)}. The first block (9 cells of the finest precision in ` +
        "`SEARCH_PRECISIONS`, packages/rides/src/geo.ts, at the run's commit) has the same area whatever the fleet, and every unicorn in it " +
        "is read: what it holds grows with the fleet's density." +
        ` The Scan reads the whole table: at ${count(largest.fleet)} unicorns ${units(largest.scan.rcu.mean)} RCU` +
        `${largest.scan.calls.ScanCommand ? ` (${Number(largest.scan.calls.ScanCommand.perRide.toFixed(2))} pages of up to 1 MB)` : ''} and ` +
        `${ms(largest.scan.ms.median)} per ride, ${times(largest.scan.rcu.mean / largest.geo.rcu.mean)} the cell index's units and ` +
        `${times(largest.scan.ms.median / largest.geo.ms.median)} its time.`,
    );
    lines.push('');
  }
  lines.push(
    'Seeding is timed apart and not part of any ride: BatchWriteItem, 25 items a request, 4 in flight, into DynamoDB Local on disk ' +
      "(the local stack's `seedFleet` writes one conditional PutItem per unicorn, so it is slower per item).",
  );
  lines.push('');
}

function liveSection(lines: string[], live: LiveResult, section: number) {
  lines.push(`## ${section}. Live rides: from booking to the rider's WebSocket (local stack)`);
  lines.push('');
  lines.push(
    'With N sockets open (each a rider of its own), rides are booked one at a time through `POST /ride`; each is timed until its ' +
      "`ride` message reaches the rider's socket. The path is the one AWS runs, on local engines: DynamoDB Local's stream, read by the " +
      "local stack's stream reader (packages/local-stack), which invokes the same LiveNotifier function through serverless-offline, " +
      "which posts to serverless-offline's WebSocket server. In AWS, Lambda polls each stream shard about four times a second.",
  );
  lines.push('');
  lines.push(
    '| open sockets | rides | after the 201: median / p99 | after the request was sent: median / p99 | missed | dropped sockets |',
  );
  lines.push('|---|---|---|---|---|---|');
  for (const run of live.runs) {
    lines.push(
      `| ${run.connections} | ${run.rides} | ${ms(run.fromAnswerMs.median)} / ${ms(run.fromAnswerMs.p99)} | ` +
        `${ms(run.fromRequestMs.median)} / ${ms(run.fromRequestMs.p99)} | ${run.missed} | ${run.dropped} |`,
    );
  }
  lines.push('');
}

export function profileSection(lines: string[], p: ProfileResult, section: number) {
  lines.push(`## ${section}. Where a cold start's CPU time goes (${p.runs} profiled cold starts each)`);
  lines.push('');
  lines.push(
    'RequestUnicorn (keys shipped, as deployed) and the SDK floor, each bundled with a source map and started under ' +
      '`node --cpu-prof`; each sample is charged to the package its code came from. Medians of self time per process, ' +
      "Node's own start-up included (both pay it alike), in ms of CPU:",
  );
  lines.push('');
  lines.push('| where | RequestUnicorn | the SDK floor | difference |');
  lines.push('|---|---|---|---|');
  const labels = [...new Set([...Object.keys(p.wildrydes), ...Object.keys(p.floor)])].sort(
    (a, b) => (p.wildrydes[b] ?? 0) - (p.wildrydes[a] ?? 0),
  );
  for (const label of labels) {
    const w = p.wildrydes[label] ?? 0;
    const f = p.floor[label] ?? 0;
    if (w < 0.5 && f < 0.5) continue;
    lines.push(`| ${label} | ${ms(w)} | ${ms(f)} | ${signedMs(w - f)} |`);
  }
  lines.push(
    `| **all** | **${ms(p.totals.wildrydes)}** | **${ms(p.totals.floor)}** | **${signedMs(p.totals.wildrydes - p.totals.floor)}** |`,
  );
  lines.push('');
}

export function shippedKeysSection(lines: string[], k: ShippedKeysResult, section: number) {
  lines.push(`## ${section}. Signing keys shipped with the function (${k.rounds} cold starts each, interleaved)`);
  lines.push('');
  lines.push(
    `The RequestUnicorn artefact, its first invocation verifying a token: with the pool's keys fetched on the cold start, from a ` +
      `loopback server holding each answer ${k.jwksLatencyMs} ms (about a TLS round trip to Cognito), and with the keys shipped in ` +
      '`ID_TOKEN_JWKS` as `pnpm run deploy` ships them (the server was asked once per fetching run, never by a shipped one).',
  );
  lines.push('');
  lines.push('| RequestUnicorn | import + first invocation: min / median / p90 | vs the SDK floor (median) |');
  lines.push('|---|---|---|');
  const floor = k.floor.importPlusFirstMs.median;
  for (const [label, c] of [
    ['keys fetched', k.fetched],
    ['keys shipped', k.shipped],
    ['the SDK floor', k.floor],
  ] as const) {
    lines.push(`| ${label} | ${mmp(c.importPlusFirstMs)} | ${times(c.importPlusFirstMs.median / floor)} |`);
  }
  lines.push('');
}

export function observabilitySection(lines: string[], o: ObservabilityResult, section: number) {
  lines.push(`## ${section}. Logging and metrics libraries (${o.rounds} cold starts each, interleaved)`);
  lines.push('');
  lines.push(
    'The SDK floor (one PutItem) with each way of logging one line and writing one metric, bundled like the functions ' +
      '(bench/reference/observability-*.ts). WildRydes uses Powertools Logger and Metrics; Tracer is measured, not used.',
  );
  lines.push('');
  lines.push('| variant | handler (minified) | vs the floor | import + first invocation: median | vs the floor | peak RSS: median |');
  lines.push('|---|---|---|---|---|---|');
  const floorMs = o.floor.cold.importPlusFirstMs.median;
  lines.push(
    `| the SDK floor alone | ${(o.floor.handlerBytes / 1000).toFixed(1)} kB | — | ${ms(floorMs)} | 1.00x | ${(o.floor.cold.maxRssKb.median / 1024).toFixed(1)} MB |`,
  );
  for (const v of o.variants) {
    const coldMs = v.cold.importPlusFirstMs.median;
    lines.push(
      `| ${v.label} | ${(v.handlerBytes / 1000).toFixed(1)} kB | +${((v.handlerBytes - o.floor.handlerBytes) / 1000).toFixed(1)} kB | ` +
        `${ms(coldMs)} | ${(coldMs / floorMs).toFixed(2)}x | ${(v.cold.maxRssKb.median / 1024).toFixed(1)} MB |`,
    );
  }
  lines.push('');
}

export function everyFunctionSection(lines: string[], e: EveryFunctionResult, section: number) {
  lines.push(`## ${section}. Cold start of every function (${e.rounds} cold starts each, interleaved with the SDK floor)`);
  lines.push('');
  lines.push(
    "Each function's artefact from `sls package`, imported in a fresh process and invoked once with the event its trigger sends " +
      '(API Gateway REST, the WebSocket API, a DynamoDB stream record, the schedule), with its environment from serverless.yml and the ' +
      'signing keys shipped. All on one machine at the same speed: in Lambda a function with less memory also gets less CPU. ' +
      'FleetCensus reads the whole fleet (the bench grows it to thousands of unicorns), off the request path.',
  );
  lines.push('');
  lines.push(
    '| function | memory | handler (minified) | import: median | first invocation: median | import + first: min / median / p90 | vs the floor | peak RSS: median | answered |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  const floor = e.floor.importPlusFirstMs.median;
  for (const f of e.functions) {
    const c = f.cold;
    lines.push(
      `| ${f.name} | ${f.memoryMb} MB | ${kB(f.handlerBytes)} | ${ms(c.importMs.median)} | ${ms(c.firstInvokeMs.median)} | ${mmp(c.importPlusFirstMs)} | ` +
        `${times(c.importPlusFirstMs.median / floor)} | ${mb(c.maxRssKb.median)} | ${Object.entries(c.statuses)
          .map(([status, n]) => `${n} × ${status}`)
          .join(', ')} |`,
    );
  }
  lines.push(
    `| the SDK floor (one PutItem) | | | ${ms(e.floor.importMs.median)} | ${ms(e.floor.firstInvokeMs.median)} | ${mmp(e.floor.importPlusFirstMs)} | 1.00x | ${mb(e.floor.maxRssKb.median)} | |`,
  );
  lines.push('');
}

export function compileCacheSection(lines: string[], c: CompileCacheResult, section: number) {
  lines.push(`## ${section}. Node's compile cache shipped with RequestUnicorn (${c.rounds} cold starts each, interleaved)`);
  lines.push('');
  lines.push(
    `A cache built at package time by importing the artefact under \`NODE_COMPILE_CACHE\` (portable), ${count(c.cacheFiles)} files, ` +
      `${kB(c.cacheBytes)} (${kB(c.cacheGzipBytes)} gzip) more per package, in the folder \`${c.cacheFolder}\`: Node reads only the folder ` +
      'of its own version, architecture and V8 flags. Keys shipped; each cold start on a fresh copy of its files.',
  );
  lines.push('');
  lines.push('| RequestUnicorn | import: median | import + first invocation: min / median / p90 | vs no cache (median) |');
  lines.push('|---|---|---|---|');
  const none = c.variants.find((v) => v.name === 'wildrydesNoCache')?.cold.importPlusFirstMs.median ?? Number.NaN;
  for (const v of c.variants) {
    lines.push(
      `| ${v.label} | ${ms(v.cold.importMs.median)} | ${mmp(v.cold.importPlusFirstMs)} | ${times(v.cold.importPlusFirstMs.median / none)} |`,
    );
  }
  lines.push('');
}

/** Renders latest.* again from latest.json's figures (after a change to this file: goals and text; the figures stay as measured). */
export async function rerender(root: string): Promise<string> {
  const results = JSON.parse(await readFile(join(root, 'bench', 'results', 'latest.json'), 'utf8')) as Results;
  const [, md] = await writeReport(root, results, 'latest');
  return md!;
}

export async function writeReport(root: string, results: Results, name?: string): Promise<string[]> {
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const base = name ?? (results.quick ? 'quick' : 'latest');
  const json = join(dir, `${base}.json`);
  const md = join(dir, `${base}.md`);
  await writeFile(json, `${JSON.stringify({ ...results, goals: goals(results) }, null, 2)}\n`);
  await writeFile(md, markdown(results));
  return [json, md];
}
