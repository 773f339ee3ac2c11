import { describe, expect, it } from 'vitest';
import { createFleetCensusHandler } from '../../../src/fleet-census/app';
import { emittedMetrics } from '../support/emitted-metrics';

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 60_000 };

describe('FleetCensus', () => {
  it('writes the free and busy unicorns it counted at this moment', async () => {
    const seen: number[] = [];
    const handler = createFleetCensusHandler({
      census: async (now) => {
        seen.push(now);
        return { free: 90, busy: 10 };
      },
      now: () => 1_234,
    });
    expect(await emittedMetrics(() => handler({}, context))).toEqual({ UnicornsFree: [90], UnicornsBusy: [10] });
    expect(seen).toEqual([1_234]);
  });

  it('fails loudly when the count fails, writing no metric (a gap, not a zero)', async () => {
    const handler = createFleetCensusHandler({
      census: async () => {
        throw new Error('ProvisionedThroughputExceededException');
      },
      now: () => 0,
    });
    let failure: unknown;
    const metrics = await emittedMetrics(() => handler({}, context).catch((e: unknown) => (failure = e)));
    expect(metrics).toEqual({});
    expect(String(failure)).toMatch(/ProvisionedThroughput/);
  });
});
