import { describe, expect, it } from 'vitest';
import {
  type Booking,
  type BookOutcome,
  DispatchContended,
  type FleetUnicorn,
  type IdempotencyClaim,
  IdempotencyKeyReused,
  type IdempotencyRecord,
  type RequestRideDeps,
  type RideRecord,
  type RideStore,
  requestRide,
  roundCoordinate,
} from '../src';

/** An in-memory store with the DynamoDB one's contract: all-or-nothing, conditional on what was read. */
class MemoryStore implements RideStore {
  rides: RideRecord[] = [];
  claims = new Map<string, IdempotencyRecord>();
  /** Bookings that slip in between a request's read and its write, by unicorn name. */
  interlopers = new Map<string, number>();
  constructor(public fleet: FleetUnicorn[]) {}
  async readFleet() {
    return this.fleet.map((u) => ({ ...u }));
  }
  async book(ride: RideRecord, booking: Booking, claim?: IdempotencyClaim): Promise<BookOutcome> {
    const existing = claim && this.claims.get(claim.scopedKey);
    if (existing) return { status: 'claimed', existing };
    const unicorn = this.fleet.find((u) => u.Name === booking.unicornName)!;
    const stolen = this.interlopers.get(unicorn.Name);
    if (stolen !== undefined) {
      unicorn.BusyUntil = stolen;
      this.interlopers.delete(unicorn.Name);
    }
    if (unicorn.BusyUntil !== booking.seenBusyUntil) return { status: 'unicornTaken' };
    unicorn.BusyUntil = booking.busyUntil;
    this.rides.push(ride);
    if (claim) this.claims.set(claim.scopedKey, { fingerprint: claim.fingerprint, response: claim.response });
    return { status: 'booked' };
  }
}

const unicorn = (Name: string, Latitude: number, Longitude: number, BusyUntil = 0): FleetUnicorn => ({
  Name,
  Color: Name === 'Shadowfax' ? 'White' : 'Golden',
  Gender: 'Male',
  Home: { Latitude, Longitude },
  BusyUntil,
});
const pickup = { Latitude: 47.6, Longitude: -122.3 };
const now = new Date('2026-11-22T10:00:00.000Z');
let ids = 0;
const deps = (store: RideStore): RequestRideDeps => ({ store, newRideId: () => `ride-${++ids}`, now: () => now, random: () => 0 });

describe('requestRide', () => {
  it('books the nearest free unicorn and answers in the workshop shape, with dispatch details', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', 47.7, -122.3), unicorn('Shadowfax', 47.61, -122.3)]);
    const { response, replayed } = await requestRide('rider-1', pickup, deps(store));
    expect(replayed).toBe(false);
    expect(response).toMatchObject({
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Rider: 'rider-1',
      UnicornPosition: { Latitude: 47.61, Longitude: -122.3 },
      Eta: expect.stringMatching(/^\d+ (seconds?|minutes?)$/),
    });
    expect(response.EtaSeconds).toBeGreaterThan(0);
    expect(store.rides).toEqual([
      expect.objectContaining({
        RideId: response.RideId,
        User: 'rider-1',
        UnicornName: 'Shadowfax',
        RequestTime: '2026-11-22T10:00:00.000Z',
        PickupLocation: pickup,
        BookedFrom: '2026-11-22T10:00:00.000Z',
      }),
    ]);
    expect(store.fleet.find((u) => u.Name === 'Shadowfax')!.BusyUntil).toBe(Date.parse(store.rides[0]!.BookedUntil));
  });

  it('moves on to the next unicorn when another request books the nearest first', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', 47.7, -122.3), unicorn('Shadowfax', 47.61, -122.3)]);
    store.interlopers.set('Shadowfax', now.getTime() + 999_000);
    const { response } = await requestRide('rider-1', pickup, deps(store));
    expect(response.UnicornName).toBe('Bucephalus');
    expect(store.rides).toHaveLength(1);
  });

  it('after losing a race, re-reads the fleet and turns to a near unicorn, never one from another continent', async () => {
    const store = new MemoryStore([
      unicorn('Shadowfax', 47.61, -122.3),
      unicorn('Bucephalus', 47.7, -122.3),
      unicorn('Rocinante', 47.65, -122.3),
      unicorn('Epona', 51.5, -0.16), // London
    ]);
    store.interlopers.set('Shadowfax', now.getTime() + 999_000);
    let reads = 0;
    const counting: RideStore = {
      readFleet: () => {
        reads++;
        return store.readFleet();
      },
      book: (...args) => store.book(...args),
    };
    // The last of the candidates on offer, whatever their number.
    const { response, attempts } = await requestRide('rider-1', pickup, { ...deps(counting), random: () => 0.999 });
    expect(attempts).toBe(2);
    expect(reads).toBe(2);
    // Any Seattle unicorn arriving within a ride of the best will do (even Shadowfax, queued behind
    // the request that won it); London's is days away.
    expect(['Rocinante', 'Bucephalus', 'Shadowfax']).toContain(response.UnicornName);
  });

  it('gives up with a transient error, not a hang, when every attempt loses', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', 47.61, -122.3)]);
    const alwaysTaken: RideStore = { readFleet: () => store.readFleet(), book: async () => ({ status: 'unicornTaken' }) };
    const error = await requestRide('rider-1', pickup, deps(alwaysTaken)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DispatchContended);
    expect((error as DispatchContended).transient).toBe(true);
  });

  it('queues on the unicorn that frees up soonest when all are busy', async () => {
    const soon = now.getTime() + 120_000;
    const store = new MemoryStore([
      unicorn('Bucephalus', 47.6, -122.3, now.getTime() + 3_600_000),
      unicorn('Shadowfax', 47.7, -122.3, soon),
    ]);
    const { response } = await requestRide('rider-1', pickup, deps(store));
    expect(response.UnicornName).toBe('Shadowfax');
    expect(response.EtaSeconds).toBeGreaterThan(120);
    expect(store.rides[0]!.BookedFrom).toBe(new Date(soon).toISOString());
  });

  it('never books overlapping times on one unicorn, however many requests come', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', 47.6, -122.3), unicorn('Shadowfax', 47.7, -122.3)]);
    for (let i = 0; i < 20; i++) await requestRide(`rider-${i}`, pickup, deps(store));
    for (const name of ['Bucephalus', 'Shadowfax']) {
      const bookings = store.rides
        .filter((r) => r.UnicornName === name)
        .map((r) => [Date.parse(r.BookedFrom), Date.parse(r.BookedUntil)] as const);
      bookings.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < bookings.length; i++) expect(bookings[i]![0]).toBeGreaterThanOrEqual(bookings[i - 1]![1]);
    }
    expect(store.rides).toHaveLength(20);
  });

  it('books once per idempotency key: a retry gets the same ride and writes nothing', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', 47.6, -122.3)]);
    const first = await requestRide('rider-1', pickup, deps(store), 'key-1');
    const retry = await requestRide('rider-1', pickup, deps(store), 'key-1');
    expect(retry).toMatchObject({ response: first.response, replayed: true });
    expect(store.rides).toHaveLength(1);
  });

  it('refuses a key reused for another pickup', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', 47.6, -122.3)]);
    await requestRide('rider-1', pickup, deps(store), 'key-1');
    await expect(requestRide('rider-1', { Latitude: 1, Longitude: 2 }, deps(store), 'key-1')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(store.rides).toHaveLength(1);
  });

  it('keeps each rider’s keys apart', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', 47.6, -122.3)]);
    const a = await requestRide('rider-a', pickup, deps(store), 'same-key');
    const b = await requestRide('rider-b', pickup, deps(store), 'same-key');
    expect(b.replayed).toBe(false);
    expect(b.response.RideId).not.toBe(a.response.RideId);
  });

  it('refuses to pretend when the fleet is empty', async () => {
    await expect(requestRide('rider-1', pickup, deps(new MemoryStore([])))).rejects.toThrow(/fleet is empty/);
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
