import type { RideResponse } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import { canRequest, initialRideState, type RideEvent, type RideState, rideReducer } from '../src/ride/ride-machine';

const pickup = { Latitude: 47.6, Longitude: -122.3 };
// Built apart from its type so it also fits the contract's newer fields (EtaSeconds,
// UnicornPosition) while older contracts lack them.
const answer = {
  RideId: 'ride-1',
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' as const },
  UnicornName: 'Shadowfax',
  Eta: '30 seconds',
  Rider: 'rider@example.com',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 47.61, Longitude: -122.31 },
};
const ride: RideResponse = answer;

const run = (events: RideEvent[], from: RideState = initialRideState) => events.reduce(rideReducer, from);

describe('ride state machine', () => {
  it('cannot request before a pickup is set', () => {
    expect(canRequest(initialRideState)).toBe(false);
    expect(rideReducer(initialRideState, { type: 'request', idempotencyKey: 'k' })).toBe(initialRideState);
  });

  it('goes idle → ready → requesting → en route → arrived', () => {
    const ready = run([{ type: 'setPickup', pickup }]);
    expect(ready).toEqual({ status: 'ready', pickup });
    expect(canRequest(ready)).toBe(true);
    const requesting = rideReducer(ready, { type: 'request', idempotencyKey: 'key-1' });
    expect(requesting).toEqual({ status: 'requesting', pickup, idempotencyKey: 'key-1' });
    expect(canRequest(requesting)).toBe(false);
    const enRoute = rideReducer(requesting, { type: 'succeeded', ride });
    expect(enRoute).toEqual({ status: 'enRoute', pickup, ride });
    expect(rideReducer(enRoute, { type: 'arrived' })).toEqual({ status: 'arrived', pickup, ride });
  });

  it('keeps the idempotency key from the failed request for the retry', () => {
    const failed = run([
      { type: 'setPickup', pickup },
      { type: 'request', idempotencyKey: 'key-1' },
      { type: 'failed', failure: { kind: 'http', status: 500, message: 'boom' } },
    ]);
    expect(failed).toMatchObject({ status: 'error', idempotencyKey: 'key-1' });
    expect(rideReducer(failed, { type: 'retry' })).toEqual({ status: 'requesting', pickup, idempotencyKey: 'key-1' });
  });

  it('holds the pickup still while a request is out or a unicorn is flying', () => {
    const moved = { Latitude: 1, Longitude: 2 };
    const requesting = run([
      { type: 'setPickup', pickup },
      { type: 'request', idempotencyKey: 'k' },
    ]);
    expect(rideReducer(requesting, { type: 'setPickup', pickup: moved })).toBe(requesting);
    const enRoute = rideReducer(requesting, { type: 'succeeded', ride });
    expect(rideReducer(enRoute, { type: 'setPickup', pickup: moved })).toBe(enRoute);
  });

  it('starts a new ride (with a new key) when the pickup moves after an error or an arrival', () => {
    const failed = run([
      { type: 'setPickup', pickup },
      { type: 'request', idempotencyKey: 'k' },
      { type: 'failed', failure: { kind: 'timeout' } },
    ]);
    const moved = { Latitude: 1, Longitude: 2 };
    expect(rideReducer(failed, { type: 'setPickup', pickup: moved })).toEqual({ status: 'ready', pickup: moved });
    const arrived = run([
      { type: 'setPickup', pickup },
      { type: 'request', idempotencyKey: 'k' },
      { type: 'succeeded', ride },
      { type: 'arrived' },
    ]);
    expect(rideReducer(arrived, { type: 'setPickup', pickup: moved })).toEqual({ status: 'ready', pickup: moved });
  });

  it('ignores a late answer that no longer matches the state', () => {
    const ready = run([{ type: 'setPickup', pickup }]);
    expect(rideReducer(ready, { type: 'succeeded', ride })).toBe(ready);
    expect(rideReducer(ready, { type: 'failed', failure: { kind: 'timeout' } })).toBe(ready);
    expect(rideReducer(ready, { type: 'arrived' })).toBe(ready);
  });
});
