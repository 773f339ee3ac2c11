import { describe, expect, it } from 'vitest';
import { BACKOFF_FIRST_MS, BACKOFF_MAX_MS, backoffDelay } from '../../../src/features/live/backoff';

describe('backoffDelay', () => {
  it('grows from the first step to the cap, and never waits less than half the first step', () => {
    expect(backoffDelay(0, 0.999)).toBeLessThanOrEqual(BACKOFF_FIRST_MS);
    expect(backoffDelay(3, 0.999)).toBeCloseTo(8 * BACKOFF_FIRST_MS, -2);
    expect(backoffDelay(30, 0.999)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    expect(backoffDelay(30, 0.999)).toBeGreaterThan(BACKOFF_MAX_MS * 0.9);
    for (const attempt of [0, 1, 5, 30]) expect(backoffDelay(attempt, 0)).toBe(BACKOFF_FIRST_MS / 2);
  });
});
