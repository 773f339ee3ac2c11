import { describe, expect, it } from 'vitest';
import {
  IdempotencyKeyReused,
  requestRide,
  roundCoordinate,
  WORKSHOP_FLEET,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type RequestRideDeps,
  type RideRecord,
  type RideStore,
} from '../src';

/** An in-memory store with the same all-or-nothing contract as the DynamoDB one. */
class MemoryStore implements RideStore {
  rides: RideRecord[] = [];
  claims = new Map<string, IdempotencyRecord>();
  async put(ride: RideRecord) {
    this.rides.push(ride);
  }
  async putOnce(ride: RideRecord, claim: IdempotencyClaim) {
    const existing = this.claims.get(claim.scopedKey);
    if (existing) return { created: false as const, existing };
    this.claims.set(claim.scopedKey, { fingerprint: claim.fingerprint, response: claim.response });
    this.rides.push(ride);
    return { created: true as const };
  }
}

const pickup = { Latitude: 47.6, Longitude: -122.3 };
const now = new Date('2026-11-22T10:00:00.000Z');
let ids = 0;
const deps = (store: RideStore): RequestRideDeps => ({
  fleet: WORKSHOP_FLEET,
  store,
  random: () => 0.5,
  newRideId: () => `ride-${++ids}`,
  now: () => now,
});

describe('requestRide', () => {
  it('records the workshop item and answers with the workshop response', async () => {
    const store = new MemoryStore();
    const { response, replayed } = await requestRide('rider-1', pickup, deps(store));
    expect(replayed).toBe(false);
    expect(store.rides).toEqual([
      {
        RideId: response.RideId,
        User: 'rider-1',
        Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
        UnicornName: 'Shadowfax',
        RequestTime: '2026-11-22T10:00:00.000Z',
        PickupLocation: pickup,
      },
    ]);
    expect(response).toEqual({
      RideId: response.RideId,
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '30 seconds',
      Rider: 'rider-1',
    });
  });

  it('answers nothing when the ride cannot be stored', async () => {
    const failing: RideStore = { put: () => Promise.reject(new Error('table is gone')), putOnce: () => Promise.reject(new Error('table is gone')) };
    await expect(requestRide('rider-1', pickup, deps(failing))).rejects.toThrow('table is gone');
  });

  it('books once per idempotency key: a retry gets the same ride and writes nothing', async () => {
    const store = new MemoryStore();
    const first = await requestRide('rider-1', pickup, deps(store), 'key-1');
    const retry = await requestRide('rider-1', pickup, deps(store), 'key-1');
    expect(retry).toEqual({ response: first.response, replayed: true });
    expect(store.rides).toHaveLength(1);
  });

  it('refuses a key reused for another pickup', async () => {
    const store = new MemoryStore();
    await requestRide('rider-1', pickup, deps(store), 'key-1');
    await expect(requestRide('rider-1', { Latitude: 1, Longitude: 2 }, deps(store), 'key-1')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(store.rides).toHaveLength(1);
  });

  it('keeps each rider’s keys apart', async () => {
    const store = new MemoryStore();
    const a = await requestRide('rider-a', pickup, deps(store), 'same-key');
    const b = await requestRide('rider-b', pickup, deps(store), 'same-key');
    expect(b.replayed).toBe(false);
    expect(b.response.RideId).not.toBe(a.response.RideId);
    expect(b.response.Rider).toBe('rider-b');
  });
});

describe('roundCoordinate', () => {
  it('keeps coordinates to about a centimetre', () => {
    expect(roundCoordinate(47.60621234567)).toBe(47.6062123);
    expect(roundCoordinate(-122.3321)).toBe(-122.3321);
  });

  it('turns values DynamoDB cannot store (denormals, -0) into 0', () => {
    expect(Object.is(roundCoordinate(5e-324), 0)).toBe(true);
    expect(Object.is(roundCoordinate(-0), 0)).toBe(true);
    expect(Object.is(roundCoordinate(-1e-9), 0)).toBe(true);
  });
});
