import {
  ActiveRide,
  DeadlineExceeded,
  DispatchContended,
  IdempotencyKeyReused,
  InvalidCursor,
  NoUnicornNearby,
  RideNotFound,
  TooLateToCancel,
} from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_HTTP } from '../../../src/http/domain-errors';

describe('DOMAIN_ERROR_HTTP', () => {
  it.each([
    [new InvalidCursor('bad cursor'), 400],
    [new IdempotencyKeyReused('reused'), 422],
    [new RideNotFound(), 404],
    [new ActiveRide('r1'), 409],
    [new TooLateToCancel(), 409],
    [new NoUnicornNearby(30), 503],
    [new DispatchContended('contended'), 503],
    [new DeadlineExceeded('no time left'), 503],
  ])('maps %s to %i', (error, status) => {
    expect(DOMAIN_ERROR_HTTP[error.code].status).toBe(status);
  });

  it('asks to come back later exactly for the 5xx refusals (nothing was done)', () => {
    for (const [code, { status, retryAfterSeconds }] of Object.entries(DOMAIN_ERROR_HTTP)) {
      expect([code, retryAfterSeconds !== undefined]).toEqual([code, status >= 500]);
    }
  });
});
