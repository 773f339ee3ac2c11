import { describe, expect, it } from 'vitest';
import { attemptBudgetMs, DeadlineExceeded } from '../src';

describe('deadline', () => {
  it('budgets an attempt as a fleet read and a booking, one store call each', () => {
    expect(attemptBudgetMs(100)).toBe(200);
    expect(attemptBudgetMs(8000)).toBe(16_000);
  });

  it('marks running out of time as transient: the API answers 503, worth a retry', () => {
    const error = new DeadlineExceeded('no time left');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DeadlineExceeded');
    expect(error.transient).toBe(true);
  });
});
