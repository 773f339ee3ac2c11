import { describe, expect, it } from 'vitest';
import {
  attemptBudgetMs,
  type Booking,
  type BookOutcome,
  type Deadline,
  DeadlineExceeded,
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
/** A deadline on a clock the test moves by hand: `left` ms to go, and a signal the test can abort. */
function handDeadline(left: number) {
  const controller = new AbortController();
  const deadline = { left, remainingMs: () => deadline.left, signal: controller.signal, abort: () => controller.abort() };
  return deadline;
}
/** Each store call may take up to this long (the DynamoDB store's figure comes from its timeouts). */
const CALL_MS = 100;
const deps = (store: RideStore, deadline: Deadline = handDeadline(60_000)): RequestRideDeps => ({
  store,
  newRideId: () => `ride-${++ids}`,
  now: () => now,
  random: () => 0,
  deadline,
  storeCallMaxMs: CALL_MS,
});

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
      book: (ride, booking, claim) => store.book(ride, booking, claim),
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

describe('requestRide against its deadline', () => {
  /** A store whose every call takes `callMs` of the hand clock, counting what it was asked to do. */
  function timedStore(store: RideStore, deadline: ReturnType<typeof handDeadline>, callMs: number) {
    const calls = { reads: 0, books: 0, signals: [] as (AbortSignal | undefined)[] };
    const timed: RideStore = {
      readFleet: async (signal) => {
        calls.reads++;
        calls.signals.push(signal);
        deadline.left -= callMs;
        return store.readFleet();
      },
      book: async (ride, booking, claim, signal) => {
        calls.books++;
        calls.signals.push(signal);
        deadline.left -= callMs;
        return store.book(ride, booking, claim);
      },
    };
    return { timed, calls };
  }

  it('starts no attempt that would not fit: nothing read, nothing written, a transient error', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', 47.61, -122.3)]);
    const deadline = handDeadline(attemptBudgetMs(CALL_MS) - 1);
    const { timed, calls } = timedStore(store, deadline, 0);
    const error = await requestRide('rider-1', pickup, deps(timed, deadline), 'key-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect((error as DeadlineExceeded).transient).toBe(true);
    expect(calls).toMatchObject({ reads: 0, books: 0 });
    expect(store.rides).toEqual([]);
    expect(store.claims.size).toBe(0);
  });

  it('books when exactly one attempt fits, and hands every store call the deadline’s signal', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', 47.61, -122.3)]);
    const deadline = handDeadline(attemptBudgetMs(CALL_MS));
    const { timed, calls } = timedStore(store, deadline, CALL_MS);
    const { response } = await requestRide('rider-1', pickup, deps(timed, deadline));
    expect(store.rides.map((r) => r.RideId)).toEqual([response.RideId]);
    expect(calls.signals).toEqual([deadline.signal, deadline.signal]);
  });

  it('does not start the booking when the fleet read used up the time for it', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', 47.61, -122.3)]);
    const deadline = handDeadline(attemptBudgetMs(CALL_MS));
    // A read slower than its share (a queue for a socket, a starved event loop) leaves too little for the booking.
    const { timed, calls } = timedStore(store, deadline, CALL_MS + 1);
    await expect(requestRide('rider-1', pickup, deps(timed, deadline))).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(calls).toMatchObject({ reads: 1, books: 0 });
    expect(store.rides).toEqual([]);
  });

  it('stops retrying lost races once another attempt would not fit, having written nothing', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', 47.61, -122.3), unicorn('Bucephalus', 47.7, -122.3)]);
    const deadline = handDeadline(5 * attemptBudgetMs(CALL_MS) + CALL_MS);
    const alwaysTaken: RideStore = { readFleet: () => store.readFleet(), book: async () => ({ status: 'unicornTaken' }) };
    const { timed, calls } = timedStore(alwaysTaken, deadline, CALL_MS);
    await expect(requestRide('rider-1', pickup, deps(timed, deadline), 'key-1')).rejects.toBeInstanceOf(DeadlineExceeded);
    // Five whole attempts fitted; the sixth was never started.
    expect(calls).toMatchObject({ reads: 5, books: 5 });
    expect(deadline.left).toBeGreaterThanOrEqual(0);
    expect(store.rides).toEqual([]);
  });

  it('reports a store call the deadline cut off as DeadlineExceeded, not as the store’s own error', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', 47.61, -122.3)]);
    const deadline = handDeadline(60_000);
    const aborted = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    const cutOff: RideStore = {
      readFleet: () => store.readFleet(),
      book: async () => {
        deadline.abort();
        throw aborted;
      },
    };
    const error = await requestRide('rider-1', pickup, deps(cutOff, deadline), 'key-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect((error as DeadlineExceeded).message).toMatch(/booking \(it may have been written\)/);
    expect((error as DeadlineExceeded).cause).toBe(aborted);
  });

  it('leaves a store error alone while time is left', async () => {
    const outage = new Error('connect ECONNREFUSED');
    const failing: RideStore = { readFleet: () => Promise.reject(outage), book: () => Promise.reject(outage) };
    await expect(requestRide('rider-1', pickup, deps(failing))).rejects.toBe(outage);
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
