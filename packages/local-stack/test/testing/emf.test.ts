import { describe, expect, it } from 'vitest';
import { emfMetrics } from '../../src/testing/emf';

/** An EMF line as Powertools Metrics writes one (see packages/functions/src/metrics.ts). */
const line = (dimensions: string[], metrics: Record<string, number | number[]>, extra: Record<string, string> = {}) => ({
  _aws: {
    Timestamp: 0,
    CloudWatchMetrics: [
      { Namespace: 'WildRydes', Dimensions: [dimensions], Metrics: Object.keys(metrics).map((Name) => ({ Name, Unit: 'Count' })) },
    ],
  },
  service: 'wildrydes',
  stage: 'test',
  requestId: 'req-1',
  ...extra,
  ...metrics,
});

describe('emfMetrics', () => {
  it('reads each metric of a line with its values, one or many', () => {
    expect(emfMetrics(line(['service', 'stage'], { RidesBooked: 1, BookingAttempts: [1, 3] }))).toEqual([
      { key: 'RidesBooked', values: [1] },
      { key: 'BookingAttempts', values: [1, 3] },
    ]);
  });

  it('names a metric by its dimensions beyond service and stage', () => {
    expect(emfMetrics(line(['service', 'stage', 'Reason'], { TokensRefused: 1 }, { Reason: 'expired' }))).toEqual([
      { key: 'TokensRefused{Reason=expired}', values: [1] },
    ]);
  });
});
