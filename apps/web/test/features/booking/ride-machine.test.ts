import type { Ride, RideResponse } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import { canRequest, initialRideState, type RideEvent, type RideState, rideReducer } from '../../../src/features/booking/ride-machine';

const pickup = { Latitude: 47.6, Longitude: -122.3 };
const dropoff = { Latitude: 47.62, Longitude: -122.35 };
const ride: RideResponse = {
  RideId: 'ride-1',
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  UnicornName: 'Shadowfax',
  Eta: '30 seconds',
  Rider: 'rider@example.com',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 47.61, Longitude: -122.31 },
  Status: 'Assigned',
  PickupTime: '2026-11-21T10:00:30.000Z',
  DropoffTime: '2026-11-21T10:15:30.000Z',
  DropoffLocation: pickup,
};
const cancelledRide: Ride = {
  RideId: 'ride-1',
  Rider: 'rider@example.com',
  Unicorn: ride.Unicorn,
  UnicornName: 'Shadowfax',
  RequestTime: '2026-11-21T10:00:00.000Z',
  PickupLocation: pickup,
  DropoffLocation: pickup,
  Status: 'Cancelled',
  PickupTime: ride.PickupTime,
  DropoffTime: ride.DropoffTime,
  CancelTime: '2026-11-21T10:00:10.000Z',
};

const run = (events: RideEvent[], from: RideState = initialRideState) => events.reduce(rideReducer, from);
const booked = () =>
  run([
    { type: 'setPickup', pickup },
    { type: 'request', idempotencyKey: 'k' },
    { type: 'succeeded', ride },
  ]);

describe('ride state machine', () => {
  it('cannot request before a pickup is set', () => {
    expect(canRequest(initialRideState)).toBe(false);
    expect(rideReducer(initialRideState, { type: 'request', idempotencyKey: 'k' })).toBe(initialRideState);
  });

  it('goes idle → ready → requesting → booked', () => {
    const ready = run([{ type: 'setPickup', pickup }]);
    expect(ready).toEqual({ status: 'ready', pickup });
    expect(canRequest(ready)).toBe(true);
    const requesting = rideReducer(ready, { type: 'request', idempotencyKey: 'key-1' });
    expect(requesting).toEqual({ status: 'requesting', pickup, idempotencyKey: 'key-1' });
    expect(canRequest(requesting)).toBe(false);
    const done = rideReducer(requesting, { type: 'succeeded', ride });
    expect(done).toEqual({ status: 'booked', pickup, ride, cancel: { phase: 'idle' } });
  });

  it('keeps the drop-off through the request, and lets it be set first or removed', () => {
    const dropoffFirst = run([{ type: 'setDropoff', dropoff }]);
    expect(dropoffFirst).toEqual({ status: 'idle', dropoff });
    expect(canRequest(dropoffFirst)).toBe(false);
    const ready = rideReducer(dropoffFirst, { type: 'setPickup', pickup });
    expect(ready).toEqual({ status: 'ready', pickup, dropoff });
    expect(run([{ type: 'request', idempotencyKey: 'k' }], ready)).toEqual({ status: 'requesting', pickup, dropoff, idempotencyKey: 'k' });
    expect(rideReducer(ready, { type: 'clearDropoff' })).toEqual({ status: 'ready', pickup });
  });

  it('keeps the idempotency key from the failed request for the retry', () => {
    const failed = run([
      { type: 'setPickup', pickup },
      { type: 'setDropoff', dropoff },
      { type: 'request', idempotencyKey: 'key-1' },
      { type: 'failed', failure: { kind: 'http', status: 500, message: 'boom' } },
    ]);
    expect(failed).toMatchObject({ status: 'error', idempotencyKey: 'key-1', dropoff });
    expect(rideReducer(failed, { type: 'retry' })).toEqual({ status: 'requesting', pickup, dropoff, idempotencyKey: 'key-1' });
  });

  it('holds the points still while a request is out', () => {
    const moved = { Latitude: 1, Longitude: 2 };
    const requesting = run([
      { type: 'setPickup', pickup },
      { type: 'request', idempotencyKey: 'k' },
    ]);
    expect(rideReducer(requesting, { type: 'setPickup', pickup: moved })).toBe(requesting);
    expect(rideReducer(requesting, { type: 'setDropoff', dropoff: moved })).toBe(requesting);
  });

  it('starts a new request (a new key) when a point moves after an error or a finished ride', () => {
    const failed = run([
      { type: 'setPickup', pickup },
      { type: 'request', idempotencyKey: 'k' },
      { type: 'failed', failure: { kind: 'timeout' } },
    ]);
    const moved = { Latitude: 1, Longitude: 2 };
    expect(rideReducer(failed, { type: 'setPickup', pickup: moved })).toEqual({ status: 'ready', pickup: moved });
    expect(rideReducer(failed, { type: 'setDropoff', dropoff })).toEqual({ status: 'ready', pickup, dropoff });
    expect(rideReducer(booked(), { type: 'setPickup', pickup: moved })).toEqual({ status: 'ready', pickup: moved });
  });

  it('cancels: progress, then the ride as the API answers it', () => {
    const cancelling = rideReducer(booked(), { type: 'cancel' });
    expect(cancelling).toMatchObject({ cancel: { phase: 'cancelling' } });
    expect(rideReducer(cancelling, { type: 'cancel' })).toBe(cancelling);
    const cancelled = rideReducer(cancelling, { type: 'cancelled', ride: cancelledRide });
    expect(cancelled).toMatchObject({
      status: 'booked',
      ride: { RideId: 'ride-1', Status: 'Cancelled', CancelTime: cancelledRide.CancelTime, EtaSeconds: 30 },
      cancel: { phase: 'idle' },
    });
  });

  it('on a 409 holds the ride as picked up (the server says so), on other failures leaves it as it was', () => {
    const tooLate = run(
      [{ type: 'cancel' }, { type: 'cancelFailed', failure: { kind: 'http', status: 409, message: 'too late' } }],
      booked(),
    );
    expect(tooLate).toMatchObject({ ride: { Status: 'PickedUp' }, cancel: { phase: 'failed' } });
    const offline = run([{ type: 'cancel' }, { type: 'cancelFailed', failure: { kind: 'network', detail: 'offline' } }], booked());
    expect(offline).toMatchObject({ ride: { Status: 'Assigned' }, cancel: { phase: 'failed', failure: { kind: 'network' } } });
  });

  it('ignores a late answer that no longer matches the state', () => {
    const ready = run([{ type: 'setPickup', pickup }]);
    expect(rideReducer(ready, { type: 'succeeded', ride })).toBe(ready);
    expect(rideReducer(ready, { type: 'failed', failure: { kind: 'timeout' } })).toBe(ready);
    expect(rideReducer(ready, { type: 'cancelled', ride: cancelledRide })).toBe(ready);
    const other = rideReducer(booked(), { type: 'cancel' });
    expect(rideReducer(other, { type: 'cancelled', ride: { ...cancelledRide, RideId: 'ride-2' } })).toBe(other);
  });
});

describe('a ride updated from the live API (or a poll)', () => {
  const booked: RideState = {
    status: 'booked',
    pickup: { Latitude: 47.61, Longitude: -122.33 },
    ride: {
      RideId: 'r1',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '2 minutes',
      Rider: 'rider-1',
      EtaSeconds: 120,
      UnicornPosition: { Latitude: 47.6, Longitude: -122.32 },
      Status: 'Assigned',
      PickupTime: '2026-12-03T12:02:00.000Z',
      DropoffTime: '2026-12-03T12:17:00.000Z',
      DropoffLocation: { Latitude: 47.61, Longitude: -122.33 },
    },
    cancel: { phase: 'cancelling' },
  };
  const ride = {
    RideId: 'r1',
    Rider: 'rider-1',
    Unicorn: booked.ride.Unicorn,
    UnicornName: 'Shadowfax',
    RequestTime: '2026-12-03T12:00:00.000Z',
    PickupLocation: booked.pickup,
    DropoffLocation: booked.pickup,
    Status: 'Cancelled' as const,
    PickupTime: booked.ride.PickupTime,
    DropoffTime: booked.ride.DropoffTime,
    CancelTime: '2026-12-03T12:01:00.000Z',
  };
  it('takes a cancel made elsewhere, settling this page’s own cancel', () => {
    const next = rideReducer(booked, { type: 'updated', ride });
    expect(next.status === 'booked' && next.ride).toMatchObject({ Status: 'Cancelled', CancelTime: ride.CancelTime });
    expect(next.status === 'booked' && next.cancel).toEqual({ phase: 'idle' });
  });
  it('ignores another ride', () => {
    expect(rideReducer(booked, { type: 'updated', ride: { ...ride, RideId: 'r2' } })).toBe(booked);
  });
});
