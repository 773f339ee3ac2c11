import { describe, expect, it } from 'vitest';
import { attemptBudgetMs, DeadlineExceeded, DomainError } from '../src';

describe('deadline', () => {
  it('budgets an attempt as a fleet read and a booking, one store call each', () => {
    expect(attemptBudgetMs(100)).toBe(200);
    expect(attemptBudgetMs(8000)).toBe(16_000);
  });

  it('is a refusal of the domain with its own code (the API answers 503 with Retry-After)', () => {
    const error = new DeadlineExceeded('no time left');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DeadlineExceeded');
    expect(error.code).toBe('DeadlineExceeded');
  });
});
