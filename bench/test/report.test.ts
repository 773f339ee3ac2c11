import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DispatchResult, DispatchRun } from '../src/dispatch';
import { floorGoals, GOALS, goals, markdown, type Results } from '../src/report';
import { summarize } from '../src/stats';

const results = join(import.meta.dirname, '..', 'results');
const latest = async () => JSON.parse(await readFile(join(results, 'latest.json'), 'utf8')) as Results;

describe('the benchmark report', () => {
  it('is what the renderer makes of the committed figures (after a change to report.ts: pnpm bench -- --rerender)', async () => {
    const r = await latest();
    expect(markdown(r)).toBe(await readFile(join(results, 'latest.md'), 'utf8'));
    // The goals stored beside the figures are the ones report.ts judges today.
    expect((r as Results & { goals: unknown }).goals).toEqual(goals(r));
  });

  it('judges the cold-start goal on the ratio of medians, baseline over WildRydes', async () => {
    const r = await latest();
    const g = goals(r);
    expect(g.coldRatio).toBeCloseTo(r.cold.baseline.importPlusFirstMs.median / r.cold.wildrydes.importPlusFirstMs.median, 10);
    const fast = {
      ...r,
      cold: {
        ...r.cold,
        wildrydes: {
          ...r.cold.wildrydes,
          importPlusFirstMs: { ...r.cold.wildrydes.importPlusFirstMs, median: r.cold.baseline.importPlusFirstMs.median / 3 },
        },
      },
    };
    expect(goals(fast).coldStart).toBe(true);
    const slow = {
      ...r,
      cold: {
        ...r.cold,
        wildrydes: {
          ...r.cold.wildrydes,
          importPlusFirstMs: { ...r.cold.wildrydes.importPlusFirstMs, median: r.cold.baseline.importPlusFirstMs.median / 2.9 },
        },
      },
    };
    expect(goals(slow).coldStart).toBe(false);
  });

  it('shows the SDK floor next to WildRydes, and still renders runs from before it was measured', async () => {
    const r = await latest();
    expect(markdown(r)).toMatch(/\| \*\*import \+ first invocation\*\* \|.*\| [\d.]+ ms \/ [\d.]+ ms \/ [\d.]+ ms \| \+[\d.]+ ms \|/);
    const { sdkFloor: _cold, ...coldWithout } = r.cold;
    const { sdkFloor: _size, ...artefactsWithout } = r.artefacts;
    const older = markdown({ ...r, cold: coldWithout, artefacts: artefactsWithout } as Results);
    expect(older).not.toContain('SDK v3 floor');
    expect(older).toContain('| **import + first invocation** |');
  });
});

/** A run whose every ride took `medianMs` and read `rcu` units. */
function fixtureRun(medianMs: number, rcu: number, rides = 200): DispatchRun {
  const all = (v: number) => summarize(Array.from({ length: rides }, () => v));
  return {
    rides,
    outcomes: { booked: rides },
    ms: all(medianMs),
    dispatchMs: all(medianMs / 2),
    rcu: all(rcu),
    rcuAtMinimum: all(Math.max(rcu, 5)),
    wcu: all(12),
    itemsRead: all(rcu * 8),
    requests: all(11),
    calls: {
      GetItemCommand: { perRide: 1, meanMs: 2 },
      QueryCommand: { perRide: 9, meanMs: medianMs / 4 },
      TransactWriteItemsCommand: { perRide: 1, meanMs: medianMs / 2 },
    },
  };
}

function fixtureDispatch(largestMs: number, largestRcu: number, fleets = [38, 1_000, 10_000, 100_000]): DispatchResult {
  return {
    clockStepMinutes: 60,
    warmupRides: 3,
    maxWaitMinutes: 30,
    dynamodbTimeoutMs: 4000,
    sizes: fleets.map((fleet, i) => {
      const last = i === fleets.length - 1;
      return {
        fleet,
        seedS: { geo: fleet / 400, scan: fleet / 500 },
        geo: last ? fixtureRun(largestMs, largestRcu) : fixtureRun(10, 2),
        scan: fixtureRun(5 + fleet / 10, fleet / 40, fleet > 1_000 ? 3 : 50),
      };
    }),
  };
}

describe('the dispatch table', () => {
  it('has a row per fleet size: the cell index median / p99, its dispatch, RCU (at minimum), WCU, and the Scan baseline', async () => {
    const r = { ...(await latest()), dispatch: fixtureDispatch(14, 3) };
    const md = markdown(r);
    expect(md).toContain('`POST /ride` by fleet size (the RequestUnicorn handler in-process, DynamoDB Local)');
    expect(md).toContain('DynamoDB timeout 4000 ms per try, reach 30 minutes');
    expect(md).toContain(
      '| 38 | 10.0 ms / 10.0 ms | 5.00 ms | 2.00 (5.00) | 12.0 | 16.0 | 11.0 | 8.80 ms / 8.80 ms | 0.95 | 12.0 | 200 / 50 | 0.095 s / 0.076 s |',
    );
    expect(md).toContain(
      '| 100,000 | 14.0 ms / 14.0 ms | 7.00 ms | 3.00 (5.00) | 12.0 | 24.0 | 11.0 | 10005.0 ms / 10005.0 ms | 2500.0 | 12.0 | 200 / 3 | 250 s / 200 s |',
    );
    expect(md).toContain(
      'Mean time of one DynamoDB call, cell index, 38 → 100,000 unicorns: GetItem 2.00 ms → 2.00 ms (1 a ride); ' +
        'Query 2.50 ms → 3.50 ms (9 a ride, in parallel); TransactWriteItems 5.00 ms → 7.00 ms (1 a ride).',
    );
    // The sections after it are numbered on (the live push latency is section 4 when measured, then
    // the cold start's profile, the shipped keys, the logging libraries, every function and the
    // compile cache when measured).
    expect(md).toMatch(
      /## 4\. Live rides[\s\S]*## 5\. Where a cold start's CPU time goes[\s\S]*## 6\. Signing keys[\s\S]*## 7\. Logging and metrics[\s\S]*## 8\. Cold start of every function[\s\S]*## 9\. Node's compile cache[\s\S]*## 10\. Artefacts[\s\S]*## 11\. The API under load[\s\S]*## 12\. The web app/,
    );
    const {
      live: _live,
      profile: _profile,
      shippedKeys: _keys,
      observability: _libraries,
      functions: _fns,
      compileCache: _cache,
      ...withoutLive
    } = r;
    expect(markdown(withoutLive)).toMatch(/## 4\. Artefacts[\s\S]*## 5\. The API under load[\s\S]*## 6\. The web app/);
  });

  it('judges the two dispatch goals at 100,000 unicorns against 38', async () => {
    const base = await latest();
    const met = goals({ ...base, dispatch: fixtureDispatch(14, 3) });
    expect(met.dispatchMedianRatio).toBeCloseTo(1.4, 10);
    expect(met.dispatchMedian).toBe(true);
    expect(met.dispatchReadsRatio).toBeCloseTo(1.5, 10);
    expect(met.dispatchReads).toBe(true);
    const slow = goals({ ...base, dispatch: fixtureDispatch(16, 30) });
    expect(slow.dispatchMedian).toBe(false);
    expect(slow.dispatchReads).toBe(false);
    const md = markdown({ ...base, dispatch: fixtureDispatch(16, 30) });
    expect(md).toContain(
      '| `POST /ride` median at 100,000 unicorns over the median at 38 (cell index; the handler in-process, section 3) | ≤ 1.50x | 1.60x (16.0 ms vs 10.0 ms) | **not met** |',
    );
    expect(md).toMatch(
      /\| read units per ride at 100,000 unicorns over those at 38 \(ReturnConsumedCapacity, mean\) \| ≤ 2\.00x \| 15\.00x \(30\.0 vs 2\.00 RCU; each read at DynamoDB's minimum: 6\.00x, 30\.0 vs 5\.00\) \| \*\*not met\*\* \|/,
    );
  });

  it('reports the live push latency at each number of open sockets, with what was missed or dropped', async () => {
    const md = markdown(await latest());
    expect(md).toMatch(/\| 50 \| 50 \| \d[\d.,]* ms \/ \d[\d.,]* ms \| \d[\d.,]* ms \/ \d[\d.,]* ms \| 0 \| 0 \|/);
    expect(md).toMatch(/\| 200 \| 100 \| /);
  });

  it('leaves the dispatch goals unjudged in a quick run, which stops at 1,000', async () => {
    const r = { ...(await latest()), dispatch: fixtureDispatch(11, 2, [38, 1_000]) };
    expect(goals(r).dispatchMedian).toBeUndefined();
    expect(markdown(r)).toContain('| 1.10x (quick run: at 1,000) (11.0 ms vs 10.0 ms) | not measured |');
  });

  it('still renders runs from before dispatch, the live push, the profile, the shipped keys, the libraries and every function were measured', async () => {
    const {
      dispatch: _dispatch,
      live: _live,
      profile: _profile,
      shippedKeys: _keys,
      observability: _libraries,
      functions: _functions,
      compileCache: _cache,
      ...older
    } = await latest();
    const md = markdown(older);
    expect(md).not.toContain('by fleet size');
    expect(md).not.toContain('Live rides');
    expect(md).toMatch(/## 3\. Artefacts/);
    expect(goals(older).dispatchMedian).toBeUndefined();
  });

  it('judges the warm goal on WildRydes median over the baseline median', async () => {
    const r = await latest();
    const warm = (median: number) => ({ ...r.warm.wildrydes, ms: { ...r.warm.wildrydes.ms, median } });
    const baseline = r.warm.baseline.ms.median;
    expect(goals({ ...r, warm: { ...r.warm, wildrydes: warm(baseline * 1.5) } }).warm).toBe(
      r.warm.wildrydes.statuses['201'] === r.warm.wildrydes.invocations,
    );
    expect(goals({ ...r, warm: { ...r.warm, wildrydes: warm(baseline * 1.51) } }).warm).toBe(false);
  });

  it('judges the cold-start issue’s goals against the SDK floor of the same run', async () => {
    const r = await latest();
    const g = floorGoals(r);
    expect(g.coldOverFloor).toBeCloseTo(
      r.shippedKeys!.shipped.importPlusFirstMs.median / r.shippedKeys!.floor.importPlusFirstMs.median,
      10,
    );
    expect(g.bundleOverFloor).toBe(r.artefacts.functions.RequestUnicorn!.handlerBytes - r.artefacts.sdkFloor!.handlerBytes);
    const within = {
      ...r,
      shippedKeys: {
        ...r.shippedKeys!,
        shipped: { ...r.shippedKeys!.shipped, importPlusFirstMs: { ...r.shippedKeys!.shipped.importPlusFirstMs, median: 110 } },
        floor: { ...r.shippedKeys!.floor, importPlusFirstMs: { ...r.shippedKeys!.floor.importPlusFirstMs, median: 100 } },
      },
    };
    expect(floorGoals(within).coldOverFloorMet).toBe(true);
    expect(floorGoals({ ...r, shippedKeys: undefined }).coldOverFloorMet).toBeUndefined();
    expect(GOALS.coldOverFloorMaxRatio).toBe(1.2);
  });
});

describe('the cold start of every function', () => {
  const cold = (median: number, statuses: Record<string, number>) => {
    const runs = Object.values(statuses).reduce((a, b) => a + b, 0);
    const all = summarize(Array.from({ length: runs }, () => median));
    return { runs, importMs: all, firstInvokeMs: all, importPlusFirstMs: all, cpuMs: all, wallMs: all, maxRssKb: all, statuses };
  };
  const withFunctions = async (functions: { name: string; expected: string; median: number; statuses: Record<string, number> }[]) => ({
    ...(await latest()),
    functions: {
      rounds: 4,
      floor: cold(100, { '201': 4 }),
      functions: functions.map((f) => ({
        name: f.name,
        handlerBytes: 1000,
        memoryMb: 512,
        expected: f.expected,
        cold: cold(f.median, f.statuses),
      })),
    },
  });

  it('is met when every function answered every cold start as a success does, and names the slowest against the floor', async () => {
    const r = await withFunctions([
      { name: 'RequestUnicorn', expected: '201', median: 180, statuses: { '201': 4 } },
      { name: 'LiveAuthorizer', expected: 'Allow', median: 150, statuses: { Allow: 4 } },
    ]);
    const g = goals(r);
    expect(g.everyFunctionMeasured).toBe(true);
    expect(g.slowestFunction).toEqual({ name: 'RequestUnicorn', overFloor: 1.8 });
    const md = markdown(r);
    expect(md).toMatch(/## \d+\. Cold start of every function \(4 cold starts each/);
    expect(md).toContain('| LiveAuthorizer | 512 MB | 1.0 kB |');
    expect(md).toContain('| 1.50x | ');
    expect(md).toContain('4 × Allow |');
    expect(md).toContain('| 2 measured; slowest RequestUnicorn, 1.80x the floor | met |');
  });

  it('is not met when one cold start answered otherwise', async () => {
    const r = await withFunctions([
      { name: 'RequestUnicorn', expected: '201', median: 180, statuses: { '201': 4 } },
      { name: 'CancelRide', expected: '200', median: 150, statuses: { '200': 3, '409': 1 } },
    ]);
    expect(goals(r).everyFunctionMeasured).toBe(false);
    expect(markdown(r)).toContain('3 × 200, 1 × 409 |');
  });

  it('shows the compile cache against none, and is absent from runs before either was measured', async () => {
    const { functions: _functions, compileCache: _cache, ...r } = await latest();
    const md = markdown({
      ...r,
      compileCache: {
        rounds: 4,
        node: 'v24.22.3',
        cacheBytes: 350_000,
        cacheGzipBytes: 120_000,
        cacheFiles: 1,
        cacheFolder: 'v24.22.3-x64-964aae3f-0',
        variants: [
          { name: 'wildrydesNoCache', label: 'no compile cache (as deployed)', cold: cold(200, { '201': 4 }) },
          { name: 'wildrydesCache', label: 'compile cache built by the same Node', cold: cold(180, { '201': 4 }) },
        ],
      },
    });
    expect(md).toContain('350.0 kB (120.0 kB gzip) more per package, in the folder `v24.22.3-x64-964aae3f-0`');
    expect(md).toMatch(/\| compile cache built by the same Node \| .* \| 0\.90x \|/);
    expect(markdown(r)).not.toContain('Cold start of every function');
    expect(markdown(r)).not.toContain('compile cache');
    expect(goals(r).everyFunctionMeasured).toBeUndefined();
  });
});
