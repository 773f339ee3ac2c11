import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from '../../../src/features/booking/idempotency-key';

describe('newIdempotencyKey', () => {
  it('makes a fresh UUID per ride', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
