import { describe, expect, it } from 'vitest';
import { checkRuntime, LAMBDA_RUNTIMES, RUNTIME_WARNING_DAYS } from '../../src/template-check/runtimes';

const on = (day: string) => new Date(`${day}T00:00:00Z`);
const check = (runtime: string, day: string) => checkRuntime(runtime, 'Runtime', on(day)).map((p) => `${p.severity}: ${p.message}`);

describe('Lambda runtimes', () => {
  it('dates each runtime in one list, as real days', () => {
    for (const [runtime, date] of Object.entries(LAMBDA_RUNTIMES)) {
      if (date !== null) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), runtime).toBe(date);
    }
    expect(LAMBDA_RUNTIMES).toHaveProperty(['nodejs24.x']);
  });

  it(`says nothing until ${RUNTIME_WARNING_DAYS} days before the deprecation, then warns, then refuses`, () => {
    expect(check('nodejs22.x', '2026-10-31')).toEqual([]); // 181 days before 2027-04-30
    expect(check('nodejs22.x', '2026-11-01')).toEqual([
      'warning: nodejs22.x is deprecated on 2027-04-30, in 180 days: plan the move to a newer runtime',
    ]);
    expect(check('nodejs22.x', '2027-04-30')).toEqual([
      'error: nodejs22.x was deprecated on 2027-04-30: move to a supported runtime (provider.runtime in serverless.yml)',
    ]);
  });

  it('refuses a runtime Lambda does not have, naming where to add a new one', () => {
    expect(check('nodejs24', '2026-12-01')).toEqual([expect.stringMatching(/^error: nodejs24 is not a Lambda runtime .*runtimes\.ts\)$/)]);
  });

  it('lets a runtime with no announced date through', () => {
    expect(checkRuntime('future1.x', 'Runtime', on('2026-12-01'), { 'future1.x': null })).toEqual([]);
  });
});
