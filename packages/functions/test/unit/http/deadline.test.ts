import { DeadlineExceeded } from '@wildrydes/rides';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDeadline } from '../../../src/http/deadline';

/** A Lambda context whose remaining time follows vitest's fake clock, as Lambda's follows the wall clock. */
function lambdaContext(timeoutMs: number) {
  const start = Date.now();
  return { getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - start)) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startDeadline', () => {
  it('leaves the route the function’s remaining time less the reserve, counting down', () => {
    const deadline = startDeadline(lambdaContext(10_000), 1_000);
    expect(deadline.remainingMs()).toBe(9_000);
    vi.advanceTimersByTime(4_000);
    expect(deadline.remainingMs()).toBe(5_000);
    deadline.stop();
  });

  it('aborts its signal at the cut-off, with DeadlineExceeded as the reason', () => {
    const deadline = startDeadline(lambdaContext(10_000), 1_000);
    vi.advanceTimersByTime(8_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceeded);
    expect(deadline.remainingMs()).toBe(0);
  });

  it('is already over when less than the reserve is left', () => {
    const deadline = startDeadline(lambdaContext(500), 1_000);
    expect(deadline.remainingMs()).toBeLessThan(0);
    vi.advanceTimersByTime(0);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('leaves no timer behind once stopped', () => {
    const deadline = startDeadline(lambdaContext(10_000), 1_000);
    deadline.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(20_000);
    expect(deadline.signal.aborted).toBe(false);
  });
});
