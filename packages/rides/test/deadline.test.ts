import { describe, expect, it } from 'vitest';
import { attemptBudgetMs, cutOffAt, DeadlineExceeded } from '../src';

const deadline = (aborted: boolean) => {
  const controller = new AbortController();
  if (aborted) controller.abort();
  return { remainingMs: () => (aborted ? 0 : 1000), signal: controller.signal };
};

describe('deadline', () => {
  it('budgets an attempt as a fleet read and a booking, one store call each', () => {
    expect(attemptBudgetMs(100)).toBe(200);
    expect(attemptBudgetMs(8000)).toBe(16_000);
  });

  it('turns a store call the deadline cut off into DeadlineExceeded, keeping what the store threw', async () => {
    const aborted = new Error('This operation was aborted');
    const error = await cutOffAt(deadline(true), () => Promise.reject(aborted), 'reading the fleet').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect(error).toMatchObject({ message: 'The deadline passed while reading the fleet', cause: aborted });
  });

  it('lets any other failure, and any answer, through as it is', async () => {
    const failure = new Error('ConditionalCheckFailed');
    await expect(cutOffAt(deadline(false), () => Promise.reject(failure), 'booking')).rejects.toBe(failure);
    await expect(cutOffAt(deadline(true), () => Promise.resolve(42), 'booking')).resolves.toBe(42);
  });
});
