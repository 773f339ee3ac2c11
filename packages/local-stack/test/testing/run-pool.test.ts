import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/testing/run-pool';

describe('runPool', () => {
  it('runs every task, at most `concurrency` at once, with results in task order', async () => {
    let running = 0;
    let most = 0;
    const results = await runPool(10, 3, async (i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (10 - i) * 2));
      running--;
      return i * i;
    });
    expect(results).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(most).toBe(3);
  });

  it('runs nothing for no tasks', async () => {
    expect(await runPool(0, 4, async () => 1)).toEqual([]);
  });
});
