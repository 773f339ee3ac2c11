import { describe, expect, it } from 'vitest';
import {
  AccountDeleted,
  AccountInUse,
  ActiveRide,
  DeadlineExceeded,
  DispatchContended,
  DomainError,
  IdempotencyKeyReused,
  InvalidCursor,
  NoUnicornNearby,
  RideNotFound,
  TooLateToCancel,
} from '../src';

describe('the domain errors', () => {
  it.each([
    new InvalidCursor('bad cursor'),
    new IdempotencyKeyReused('reused'),
    new RideNotFound(),
    new ActiveRide('ride-1'),
    new TooLateToCancel(),
    new NoUnicornNearby(30),
    new DispatchContended('contended'),
    new DeadlineExceeded('no time left'),
    new AccountInUse('ride-1'),
    new AccountDeleted(),
  ])('$code is a DomainError named by its code', (error) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(error.code);
  });

  it('are told apart by class, even those of one shape', () => {
    expect(new ActiveRide('ride-1')).not.toBeInstanceOf(AccountInUse);
    expect(new AccountInUse('ride-1')).not.toBeInstanceOf(ActiveRide);
  });

  // The API answers with these messages and fields as they are: the web app and the workshop's
  // clients read them.
  it('name the ride in the way, for the two refusals that have one', () => {
    for (const error of [new ActiveRide('ride-7'), new AccountInUse('ride-7')]) {
      expect(error.rideId).toBe('ride-7');
      expect(error.details).toEqual({ RideId: 'ride-7' });
    }
    expect(new ActiveRide('ride-7').message).toBe(
      'You already have a ride on its way: one ride at a time (cancel it, or wait until it ends)',
    );
    expect(new AccountInUse('ride-7').message).toBe(
      'Your ride is still on its way: cancel it, or wait until it ends, before deleting your account',
    );
    expect(new RideNotFound().details).toEqual({});
  });

  it('carry the rider-facing message of each fixed refusal, or the thrower’s own', () => {
    expect(new RideNotFound().message).toBe('No such ride');
    expect(new TooLateToCancel().message).toBe('This ride can no longer be cancelled: the unicorn has picked you up');
    expect(new AccountDeleted().message).toBe('This account has been deleted');
    expect(new NoUnicornNearby(30).message).toBe('No unicorn is free near this pickup within 30 minutes; try again in a little while');
    expect(new InvalidCursor('not yours').message).toBe('not yours');
  });

  it('keep the cause of a cut-off call', () => {
    const cause = new Error('socket hang up');
    expect(new DeadlineExceeded('cut off', { cause }).cause).toBe(cause);
  });
});
