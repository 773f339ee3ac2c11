import {
  AccountDeleted,
  AccountInUse,
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
import { JwksUnavailable, Unauthorized } from '../../../src/auth/id-token';
import { ERROR_ANSWERS, failureCode, InvalidRequest } from '../../../src/http/error-answers';

describe('ERROR_ANSWERS', () => {
  it.each([
    [new InvalidRequest('InvalidRequest', 'bad body'), 400],
    [new InvalidRequest('RequestTooLarge', 'too large'), 413],
    [new Unauthorized('no token', 'missing'), 401],
    [new InvalidCursor('bad cursor'), 400],
    [new IdempotencyKeyReused('reused'), 422],
    [new RideNotFound(), 404],
    [new ActiveRide('r1'), 409],
    [new TooLateToCancel(), 409],
    [new AccountInUse('r1'), 409],
    [new AccountDeleted(), 401],
    [new NoUnicornNearby(30), 503],
    [new DispatchContended('contended'), 503],
    [new DeadlineExceeded('no time left'), 503],
    [new JwksUnavailable('JWKS request timed out'), 503],
    [Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }), 503],
    [new TypeError('a bug'), 500],
    ['not even an Error', 500],
  ])('answers %s with %i', (error, status) => {
    expect(ERROR_ANSWERS[failureCode(error)].status).toBe(status);
  });

  it('asks to come back later exactly for the 503s (nothing was done)', () => {
    for (const [code, { status, retryAfterSeconds }] of Object.entries(ERROR_ANSWERS)) {
      expect([code, retryAfterSeconds !== undefined]).toEqual([code, status === 503]);
    }
  });

  it('treats every 500 as a fault of ours, and no 4xx', () => {
    for (const [code, { status, fault }] of Object.entries(ERROR_ANSWERS)) {
      if (status === 500) expect([code, fault]).toEqual([code, true]);
      if (status < 500) expect([code, fault]).toEqual([code, undefined]);
    }
  });
});
