import { describe, expect, it } from 'vitest';
import {
  type CancelOutcome,
  type CancelRideDeps,
  type CancelStore,
  cancelRide,
  indexKeys,
  type RideHistory,
  RideNotFound,
  type RideRecord,
  requestRide,
  TooLateToCancel,
} from '../src';
import { MemoryStore } from './memory-store';

const NOW = Date.parse('2026-12-03T07:00:00.000Z');
const MINUTE = 60_000;

/** Shadowfax set off a minute ago from 47.62 and reaches the pickup at 47.6 in a minute: now it is halfway. */
const record: RideRecord = {
  RideId: 'ride-1',
  User: 'rider-1',
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  UnicornName: 'Shadowfax',
  RequestTime: '2026-12-03T06:59:00.000Z',
  PickupLocation: { Latitude: 47.6, Longitude: -122.3 },
  DropoffLocation: { Latitude: 47.65, Longitude: -122.35 },
  UnicornStart: { Latitude: 47.62, Longitude: -122.3 },
  EtaSeconds: 120,
  BookedFrom: '2026-12-03T06:59:00.000Z',
  PickupTime: '2026-12-03T07:01:00.000Z',
  DropoffTime: '2026-12-03T07:16:00.000Z',
};

/** A store holding `ride` as booked: its unicorn busy with it until the drop-off, its rider holding it. */
function booked(ride: RideRecord = record): MemoryStore {
  const store = new MemoryStore([
    {
      ...ride.Unicorn,
      Position: ride.DropoffLocation,
      BusyUntil: Date.parse(ride.DropoffTime),
      RideId: ride.RideId,
    },
  ]);
  store.rides.set(ride.RideId, structuredClone(ride));
  store.riders.set(ride.User, { ActiveRideId: ride.RideId, ActiveUntil: Date.parse(ride.DropoffTime) });
  return store;
}

const deps = (store: CancelStore & RideHistory, now = NOW): CancelRideDeps => ({ history: store, store, now: () => new Date(now) });
const snapshot = (store: MemoryStore) =>
  structuredClone({ unicorns: [...store.unicorns], rides: [...store.rides], riders: [...store.riders] });

describe('cancelRide before pickup', () => {
  it('cancels the ride and answers it, Cancelled', async () => {
    const store = booked();
    const ride = await cancelRide('rider-1', 'ride-1', deps(store));
    expect(ride).toStrictEqual({
      RideId: 'ride-1',
      Rider: 'rider-1',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      RequestTime: '2026-12-03T06:59:00.000Z',
      PickupLocation: record.PickupLocation,
      DropoffLocation: record.DropoffLocation,
      Status: 'Cancelled',
      PickupTime: record.PickupTime,
      DropoffTime: record.DropoffTime,
      CancelTime: '2026-12-03T07:00:00.000Z',
    });
    expect(store.rides.get('ride-1')!.CancelTime).toBe('2026-12-03T07:00:00.000Z');
  });

  it('frees the unicorn now, where it is on its way to the pickup, and lets the rider book again', async () => {
    const store = booked();
    await cancelRide('rider-1', 'ride-1', deps(store));
    const halfway = { Latitude: 47.61, Longitude: -122.3 };
    expect(store.calls.cancel).toEqual([
      { ride: record, cancelTime: '2026-12-03T07:00:00.000Z', now: NOW, unicornAt: halfway, unicornFreeFrom: NOW },
    ]);
    expect(store.unicorn('Shadowfax')).toMatchObject({ Position: halfway, BusyUntil: NOW, ...indexKeys(halfway) });
    expect(await store.activeRideOf('rider-1', NOW)).toBeUndefined();
  });

  it('interpolates by time: a quarter of the way 30 seconds after setting off, to about a centimetre', async () => {
    const store = booked();
    await cancelRide('rider-1', 'ride-1', deps(store, NOW - 30_000));
    expect(store.calls.cancel[0]!.unicornAt).toEqual({ Latitude: 47.615, Longitude: -122.3 });
    const third = booked();
    await cancelRide('rider-1', 'ride-1', deps(third, NOW - 20_000));
    expect(third.calls.cancel[0]!.unicornAt).toEqual({ Latitude: 47.6133333, Longitude: -122.3 });
  });

  it('frees it where it set off at the moment it sets off', async () => {
    const store = booked();
    await cancelRide('rider-1', 'ride-1', deps(store, Date.parse(record.BookedFrom)));
    expect(store.calls.cancel[0]).toMatchObject({ unicornAt: record.UnicornStart, unicornFreeFrom: Date.parse(record.BookedFrom) });
  });

  it('across the antimeridian, frees the unicorn on the short way', async () => {
    const ride = {
      ...record,
      UnicornStart: { Latitude: 10, Longitude: 179.99 },
      PickupLocation: { Latitude: 10, Longitude: -179.99 },
      DropoffLocation: { Latitude: 10, Longitude: -179.99 },
    };
    const store = booked(ride);
    // A quarter of the way: 0.005° east of 179.99, not 90° west of it.
    await cancelRide('rider-1', 'ride-1', deps(store, NOW - 30_000));
    expect(store.calls.cancel[0]!.unicornAt).toEqual({ Latitude: 10, Longitude: 179.995 });
  });

  it('answers the same ride when cancelled twice, writing nothing the second time', async () => {
    const store = booked();
    const first = await cancelRide('rider-1', 'ride-1', deps(store));
    const before = snapshot(store);
    const second = await cancelRide('rider-1', 'ride-1', deps(store, NOW + MINUTE));
    expect(second).toEqual(first);
    expect(store.calls.cancel).toHaveLength(1);
    expect(snapshot(store)).toEqual(before);
  });

  it('leaves the unicorn to a later ride queued on it, and still cancels this one', async () => {
    const store = booked();
    store.put({ ...store.unicorn('Shadowfax'), BusyUntil: NOW + 40 * MINUTE, RideId: 'ride-queued-after' });
    const unicornBefore = structuredClone(store.unicorn('Shadowfax'));
    const ride = await cancelRide('rider-1', 'ride-1', deps(store));
    expect(ride.Status).toBe('Cancelled');
    expect(store.unicorn('Shadowfax')).toEqual(unicornBefore);
    expect(await store.activeRideOf('rider-1', NOW)).toBeUndefined();
  });
});

describe('cancelRide of a ride queued on a busy unicorn', () => {
  // Booked at 06:58 to start when Shadowfax's current ride ends at 07:10, at that ride's drop-off.
  const queued: RideRecord = {
    ...record,
    RequestTime: '2026-12-03T06:58:00.000Z',
    UnicornStart: { Latitude: 47.62, Longitude: -122.3 },
    BookedFrom: '2026-12-03T07:10:00.000Z',
    PickupTime: '2026-12-03T07:11:00.000Z',
    DropoffTime: '2026-12-03T07:26:00.000Z',
    EtaSeconds: 780,
  };

  it('frees the unicorn only when its current ride ends, where that ride ends', async () => {
    const store = booked(queued);
    await cancelRide('rider-1', 'ride-1', deps(store));
    expect(store.calls.cancel[0]).toMatchObject({
      now: NOW,
      unicornAt: queued.UnicornStart,
      unicornFreeFrom: Date.parse(queued.BookedFrom),
    });
    expect(store.unicorn('Shadowfax')).toMatchObject({ Position: queued.UnicornStart, BusyUntil: Date.parse(queued.BookedFrom) });
    // The rider is free now, not at 07:10.
    expect(await store.activeRideOf('rider-1', NOW)).toBeUndefined();
  });

  it('so that no one else books the unicorn while it is still carrying its current rider', async () => {
    const store = booked(queued);
    await cancelRide('rider-1', 'ride-1', deps(store));
    const { response } = await requestRide('rider-2', queued.UnicornStart, {
      store,
      newRideId: () => 'ride-2',
      now: () => new Date(NOW),
      random: () => 0,
      maxWaitMinutes: 30,
      deadline: { remainingMs: () => 60_000, signal: new AbortController().signal },
      storeCallMaxMs: 100,
    });
    expect(response.UnicornName).toBe('Shadowfax');
    expect(store.rides.get('ride-2')!.BookedFrom).toBe(queued.BookedFrom);
    expect(response.EtaSeconds).toBe(600);
  });
});

describe('cancelRide refuses', () => {
  it.each([
    ['at pickup', Date.parse(record.PickupTime)],
    ['after pickup', Date.parse(record.PickupTime) + 1],
    ['once the ride is over', Date.parse(record.DropoffTime)],
  ])('%s: TooLateToCancel, nothing written', async (_when, now) => {
    const store = booked();
    const before = snapshot(store);
    await expect(cancelRide('rider-1', 'ride-1', deps(store, now))).rejects.toBeInstanceOf(TooLateToCancel);
    expect(store.calls.cancel).toEqual([]);
    expect(snapshot(store)).toEqual(before);
  });

  it('a millisecond before pickup is still in time', async () => {
    const store = booked();
    const ride = await cancelRide('rider-1', 'ride-1', deps(store, Date.parse(record.PickupTime) - 1));
    expect(ride.Status).toBe('Cancelled');
    // A 120,000th of the way from the pickup: 0.17 millionths of a degree (2 cm).
    expect(store.calls.cancel[0]!.unicornAt).toEqual({ Latitude: 47.6000002, Longitude: -122.3 });
  });

  it.each([
    ['someone else’s ride', 'rider-2', 'ride-1'],
    ['a missing ride', 'rider-1', 'ride-nope'],
  ])('%s: RideNotFound, nothing written', async (_what, rider, rideId) => {
    const store = booked();
    const before = snapshot(store);
    const error = await cancelRide(rider, rideId, deps(store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RideNotFound);
    expect(error).toMatchObject({ code: 'RideNotFound', message: 'No such ride' });
    expect(store.calls.cancel).toEqual([]);
    expect(snapshot(store)).toEqual(before);
  });
});

describe('cancelRide when the ride changed before the write', () => {
  /** A history that counts reads, and a store that answers the given outcomes in turn. */
  function scripted(outcomes: CancelOutcome['status'][], stored: () => RideRecord | undefined = () => record) {
    let reads = 0;
    const writes: number[] = [];
    const history: RideHistory = {
      get: async () => {
        reads++;
        return stored();
      },
      listByRider: async () => ({ rides: [] }),
    };
    const store: CancelStore = {
      cancel: async (_ride, _cancelTime, now) => {
        writes.push(now);
        return { status: outcomes[writes.length - 1] ?? 'changed' };
      },
    };
    return { history, store, reads: () => reads, writes };
  }

  it('reads the ride again and retries', async () => {
    const { history, store, reads, writes } = scripted(['changed', 'cancelled']);
    const ride = await cancelRide('rider-1', 'ride-1', { history, store, now: () => new Date(NOW) });
    expect(ride.Status).toBe('Cancelled');
    expect(reads()).toBe(2);
    expect(writes).toHaveLength(2);
  });

  it('answers the ride as cancelled when the rider’s other device cancelled it meanwhile', async () => {
    const store = booked();
    store.beforeCancel = () => {
      store.rides.get('ride-1')!.CancelTime = '2026-12-03T06:59:59.000Z';
    };
    const ride = await cancelRide('rider-1', 'ride-1', deps(store));
    expect(ride).toMatchObject({ Status: 'Cancelled', CancelTime: '2026-12-03T06:59:59.000Z' });
    expect(store.calls.cancel).toHaveLength(1);
  });

  it('refuses when the pickup passed meanwhile', async () => {
    const store = booked();
    const times = [NOW, Date.parse(record.PickupTime)];
    const clock = () => new Date(times.shift() ?? Date.parse(record.PickupTime));
    // The write carries the old time: the store sees the pickup has passed and answers `changed`.
    const slow: CancelStore = { cancel: async () => ({ status: 'changed' }) };
    await expect(cancelRide('rider-1', 'ride-1', { history: store, store: slow, now: clock })).rejects.toBeInstanceOf(TooLateToCancel);
  });

  it('gives up after three writes, answering the ride as it is then', async () => {
    let cancelled = false;
    const { history, store, reads, writes } = scripted(['changed', 'changed', 'changed'], () =>
      cancelled ? { ...record, CancelTime: '2026-12-03T06:59:59.000Z' } : record,
    );
    const counting: CancelStore = {
      cancel: async (...args) => {
        const outcome = await store.cancel(...args);
        if (writes.length === 3) cancelled = true;
        return outcome;
      },
    };
    const ride = await cancelRide('rider-1', 'ride-1', { history, store: counting, now: () => new Date(NOW) });
    expect(ride).toMatchObject({ Status: 'Cancelled', CancelTime: '2026-12-03T06:59:59.000Z' });
    expect(writes).toHaveLength(3);
    expect(reads()).toBe(4);
  });

  it('after three writes that lost, refuses rather than retrying for ever', async () => {
    const { history, store, writes } = scripted([]);
    await expect(cancelRide('rider-1', 'ride-1', { history, store, now: () => new Date(NOW) })).rejects.toBeInstanceOf(TooLateToCancel);
    expect(writes).toHaveLength(3);
  });

  it.each([
    ['gone', undefined],
    ['someone else’s', { ...record, User: 'rider-2' }],
  ])('answers RideNotFound when the ride is %s on the last read', async (_what, last) => {
    let reads = 0;
    const history: RideHistory = { get: async () => (++reads <= 3 ? record : last), listByRider: async () => ({ rides: [] }) };
    const store: CancelStore = { cancel: async () => ({ status: 'changed' }) };
    await expect(cancelRide('rider-1', 'ride-1', { history, store, now: () => new Date(NOW) })).rejects.toBeInstanceOf(RideNotFound);
  });
});
