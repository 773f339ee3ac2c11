import { describe, expect, it } from 'vitest';
import { roundOrder } from '../src/lambda';

// Interleaving is what makes the ratios fair on a shared machine: check nobody is always first.
describe('roundOrder', () => {
  it('alternates two implementations ABBA-style, each first in half the rounds', () => {
    const rounds = Array.from({ length: 4 }, (_, r) => roundOrder(['a', 'b'], r).join(''));
    expect(rounds).toEqual(['ab', 'ba', 'ba', 'ab']);
  });

  it('runs every order of three implementations once in six rounds', () => {
    const rounds = Array.from({ length: 6 }, (_, r) => roundOrder(['a', 'b', 'c'], r).join(''));
    expect(new Set(rounds).size).toBe(6);
    for (const name of ['a', 'b', 'c']) expect(rounds.filter((o) => o.startsWith(name))).toHaveLength(2);
  });
});
