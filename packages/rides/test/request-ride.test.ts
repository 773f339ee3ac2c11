import type { PickupLocation } from '@wildrydes/contract';
import geohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import {
  ActiveRide,
  attemptBudgetMs,
  DeadlineExceeded,
  DispatchContended,
  distanceKm,
  type FleetUnicorn,
  flightMs,
  generateFleet,
  IdempotencyKeyReused,
  indexKeys,
  NoUnicornNearby,
  type RequestRideDeps,
  type RideStore,
  requestFingerprint,
  requestRide,
  searchLevels,
  toFleetUnicorn,
} from '../src';
import { MemoryStore } from './memory-store';

const at = (Latitude: number, Longitude: number): PickupLocation => ({ Latitude, Longitude });
const unicorn = (Name: string, Position: PickupLocation, BusyUntil = 0): FleetUnicorn => ({
  Name,
  Color: Name === 'Shadowfax' ? 'White' : 'Golden',
  Gender: 'Male',
  Position,
  BusyUntil,
});
const now = new Date('2026-11-22T10:00:00.000Z');
const NOW = now.getTime();
const MINUTE = 60_000;
const pickup = at(47.6, -122.3);
/**
 * About 330 m and 670 m north of the pickup, both within the 0.80 km the first block (precision 6)
 * covers from it (the pickup is 0.19 km north of its cell's south edge: the block reaches 0.80 km
 * south, its nearest edge, 0.84 km east and 1.03 km north). And one in London.
 */
const near = at(47.603, -122.3);
const farther = at(47.606, -122.3);
const london = at(51.5, -0.16);

let ids = 0;
/** A deadline on a clock the test moves by hand: `left` ms to go, and a signal the test can abort. */
function handDeadline(left: number) {
  const controller = new AbortController();
  const deadline = { left, remainingMs: () => deadline.left, signal: controller.signal, abort: () => controller.abort() };
  return deadline;
}
const CALL_MS = 100;
const deps = (store: RideStore, more: Partial<RequestRideDeps> = {}): RequestRideDeps => ({
  store,
  newRideId: () => `ride-${++ids}`,
  now: () => now,
  random: () => 0,
  maxWaitMinutes: 30,
  deadline: handDeadline(60_000),
  storeCallMaxMs: CALL_MS,
  ...more,
});
const cellsOf = (p: PickupLocation) => searchLevels(p).map((level) => level.cells);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
/** The store's state, to show a refusal wrote nothing. */
const snapshot = (store: MemoryStore) =>
  structuredClone({ unicorns: [...store.unicorns], rides: [...store.rides], riders: [...store.riders], claims: [...store.claims] });

describe('requestRide books', () => {
  it('the nearest free unicorn, answering in the workshop’s shape with dispatch details', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near), unicorn('Epona', london)]);
    const result = await requestRide('rider-1', pickup, deps(store));
    const flight = flightMs(distanceKm(near, pickup));
    expect(result).toMatchObject({ replayed: false, attempts: 1, cellsRead: 9 });
    expect(result.response).toStrictEqual({
      RideId: expect.stringMatching(/^ride-\d+$/),
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '11 seconds',
      Rider: 'rider-1',
      EtaSeconds: Math.ceil(flight / 1000),
      UnicornPosition: near,
      Status: 'Assigned',
      PickupTime: new Date(NOW + flight).toISOString(),
      DropoffTime: new Date(NOW + flight + 15 * MINUTE).toISOString(),
      DropoffLocation: pickup,
    });
    expect([...store.rides.values()]).toEqual([
      expect.objectContaining({
        RideId: result.response.RideId,
        User: 'rider-1',
        UnicornName: 'Shadowfax',
        RequestTime: '2026-11-22T10:00:00.000Z',
        PickupLocation: pickup,
        DropoffLocation: pickup,
        UnicornStart: near,
        BookedFrom: '2026-11-22T10:00:00.000Z',
      }),
    ]);
    // Without an Idempotency-Key there is no claim to read (or write).
    expect(store.calls.readClaim).toBe(0);
    expect(store.claims.size).toBe(0);
    expect(store.calls.book).toHaveLength(1);
    expect(store.calls.book[0]).toEqual({
      unicornName: 'Shadowfax',
      seenBusyUntil: 0,
      busyUntil: Date.parse(result.response.DropoffTime),
      freeAt: pickup,
      rider: 'rider-1',
      now: NOW,
    });
  });

  it('moves the unicorn to the pickup, busy until the ride ends, its index keys with it; the rider holds the ride until then', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    const { response } = await requestRide('rider-1', pickup, deps(store));
    const dropoffTime = Date.parse(response.DropoffTime);
    expect(store.unicorn('Shadowfax')).toStrictEqual({
      Name: 'Shadowfax',
      Color: 'White',
      Gender: 'Male',
      Position: pickup,
      BusyUntil: dropoffTime,
      RideId: response.RideId,
      ...indexKeys(pickup),
    });
    expect(store.unicorn('Bucephalus')).toMatchObject({ Position: farther, BusyUntil: 0 });
    expect(store.riders.get('rider-1')).toEqual({ ActiveRideId: response.RideId, ActiveUntil: dropoffTime });
  });

  it('with a drop-off: the ride lasts the flight there, and the unicorn is found at the drop-off afterwards', async () => {
    const dropoff = at(47.7, -122.4); // 13.5 km
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const { response } = await requestRide('rider-1', pickup, deps(store), undefined, dropoff);
    expect(response.DropoffLocation).toEqual(dropoff);
    expect(Date.parse(response.DropoffTime) - Date.parse(response.PickupTime)).toBe(flightMs(distanceKm(pickup, dropoff)));
    expect(store.unicorn('Shadowfax')).toMatchObject({
      Position: dropoff,
      BusyUntil: Date.parse(response.DropoffTime),
      ...indexKeys(dropoff),
    });
    expect(store.calls.book[0]).toMatchObject({ freeAt: dropoff, busyUntil: Date.parse(response.DropoffTime) });
    // The index moved with it: found around the drop-off, no longer where it was.
    expect((await store.findUnicorns(cellsOf(dropoff)[0]!)).map((u) => u.Name)).toEqual(['Shadowfax']);
    expect(await store.findUnicorns([indexKeys(near).Geohash])).toEqual([]);
  });

  it('queues on the unicorn that frees up soonest when all nearby are busy, from the end of its ride', async () => {
    const soon = NOW + 2 * MINUTE;
    const store = new MemoryStore([unicorn('Bucephalus', pickup, NOW + 60 * MINUTE), unicorn('Shadowfax', near, soon)]);
    const { response } = await requestRide('rider-1', pickup, deps(store));
    expect(response.UnicornName).toBe('Shadowfax');
    expect(response.EtaSeconds).toBe(120 + 11);
    expect(store.rides.get(response.RideId)!.BookedFrom).toBe(new Date(soon).toISOString());
    expect(store.calls.book[0]!.seenBusyUntil).toBe(soon);
  });

  it('never books overlapping times on one unicorn, and stops when nothing can come within the reach', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', pickup), unicorn('Shadowfax', pickup)]);
    const d = deps(store);
    const booked: string[] = [];
    for (let i = 0; i < 6; i++) booked.push((await requestRide(`rider-${i}`, pickup, d)).response.RideId);
    // Two unicorns, 15-minute rides, 30 minutes of reach: rides at 0, 15 and 30 minutes on each.
    await expect(requestRide('rider-6', pickup, d)).rejects.toBeInstanceOf(NoUnicornNearby);
    expect(store.rides.size).toBe(6);
    for (const name of ['Bucephalus', 'Shadowfax']) {
      const rides = [...store.rides.values()].filter((r) => r.UnicornName === name);
      expect(rides.map((r) => r.PickupTime)).toEqual(['2026-11-22T10:00:00.000Z', '2026-11-22T10:15:00.000Z', '2026-11-22T10:30:00.000Z']);
      for (let i = 1; i < rides.length; i++)
        expect(Date.parse(rides[i]!.BookedFrom)).toBeGreaterThanOrEqual(Date.parse(rides[i - 1]!.DropoffTime));
    }
  });

  it('a unicorn just across the antimeridian, in the first block', async () => {
    const store = new MemoryStore([unicorn('across', at(10, -179.998)), unicorn('this-side', at(10, 179.97))]);
    const result = await requestRide('rider-1', at(10, 179.999), deps(store));
    expect(result.response.UnicornName).toBe('across');
    expect(result.cellsRead).toBe(9);
    expect(store.unicorn('across').Position).toEqual(at(10, 179.999));
  });

  it('near a pole, where the blocks are slivers', async () => {
    // 550 m poleward, in the cell north of the pickup's at precision 6 (and in the pickup's own cell
    // at 5, 4 and 3); but the blocks there cover metres, so all four are read.
    const store = new MemoryStore([unicorn('polar', at(89.995, 10))]);
    const result = await requestRide('rider-1', at(89.99, 10), deps(store));
    expect(result.response.UnicornName).toBe('polar');
    // 9 cells at precision 6 (the pickup's cell is the second row from the pole: its block just
    // reaches the pole, nothing folds), then 6 a level at 5, 4 and 3 (the pickup's row touches the pole).
    expect(result.cellsRead).toBe(9 + 3 * 6);
  });
});

describe('requestRide refuses', () => {
  it('a pickup no unicorn can reach in time (the middle of the Pacific): NoUnicornNearby, nothing written', async () => {
    const store = new MemoryStore(generateFleet(1000).map(toFleetUnicorn));
    const before = snapshot(store);
    const error = await failure(requestRide('rider-1', at(0, -150), deps(store)));
    expect(error).toBeInstanceOf(NoUnicornNearby);
    expect((error as NoUnicornNearby).code).toBe('NoUnicornNearby');
    expect((error as Error).message).toMatch(/within 30 minutes/);
    expect(store.calls.book).toEqual([]);
    expect(snapshot(store)).toEqual(before);
  });

  it('a rider with an active ride: ActiveRide naming it, before reading the fleet, nothing written', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    store.riders.set('rider-1', { ActiveRideId: 'ride-on-its-way', ActiveUntil: NOW + 1 });
    const before = snapshot(store);
    const error = await failure(requestRide('rider-1', pickup, deps(store)));
    expect(error).toBeInstanceOf(ActiveRide);
    expect(error).toMatchObject({ code: 'ActiveRide', rideId: 'ride-on-its-way', details: { RideId: 'ride-on-its-way' } });
    expect(store.calls.findUnicorns).toEqual([]);
    expect(store.calls.book).toEqual([]);
    expect(snapshot(store)).toEqual(before);
  });

  it('no rider whose last ride has ended (its end is now)', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    store.riders.set('rider-1', { ActiveRideId: 'ride-over', ActiveUntil: NOW });
    const { response } = await requestRide('rider-1', pickup, deps(store));
    expect(store.riders.get('rider-1')!.ActiveRideId).toBe(response.RideId);
  });

  it('a second ride until the first is over, then books again', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    const first = await requestRide('rider-1', pickup, deps(store));
    await expect(requestRide('rider-1', pickup, deps(store))).rejects.toMatchObject({ rideId: first.response.RideId });
    const later = new Date(Date.parse(first.response.DropoffTime));
    const second = await requestRide('rider-1', pickup, deps(store, { now: () => later }));
    expect(second.response.RideId).not.toBe(first.response.RideId);
    expect(store.rides.size).toBe(2);
  });

  it('a rider whose racing request won between the read and the write (the transaction’s riderBusy): ActiveRide, no other unicorn tried', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    store.beforeBook = () => store.riders.set('rider-1', { ActiveRideId: 'ride-racing', ActiveUntil: NOW + 20 * MINUTE });
    const before = snapshot(store);
    const error = await failure(requestRide('rider-1', pickup, deps(store)));
    expect(error).toBeInstanceOf(ActiveRide);
    expect((error as ActiveRide).rideId).toBe('ride-racing');
    expect(store.calls.book).toHaveLength(1);
    expect(store.rides.size).toBe(0);
    expect(snapshot(store).unicorns).toEqual(before.unicorns);
  });
});

describe('requestRide with an Idempotency-Key', () => {
  it('replays a retry: the same ride, nothing written, no fleet read, even though the rider now has an active ride', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    const first = await requestRide('rider-1', pickup, deps(store), 'key-1');
    expect(store.riders.get('rider-1')!.ActiveUntil).toBeGreaterThan(NOW);
    const reads = store.calls.findUnicorns.length;
    const before = snapshot(store);
    const retry = await requestRide('rider-1', pickup, deps(store), 'key-1');
    expect(retry).toEqual({ response: first.response, replayed: true, attempts: 0, cellsRead: 0 });
    expect(store.calls.findUnicorns).toHaveLength(reads);
    expect(store.calls.book).toHaveLength(1);
    expect(snapshot(store)).toEqual(before);
  });

  it('keeps the answer and the request’s fingerprint in the claim, written with the ride', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const { response } = await requestRide('rider-1', pickup, deps(store), 'key-1');
    expect(store.claims.get('rider-1#key-1')).toEqual({ fingerprint: requestFingerprint(pickup), response });
    expect(store.claims.size).toBe(1);
  });

  it('refuses the key for another pickup (IdempotencyKeyReused), writing nothing', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    await requestRide('rider-1', pickup, deps(store), 'key-1');
    const before = snapshot(store);
    const error = await failure(requestRide('rider-1', at(47.61, -122.3), deps(store), 'key-1'));
    expect(error).toBeInstanceOf(IdempotencyKeyReused);
    expect(error).toMatchObject({
      code: 'IdempotencyKeyReused',
      message: expect.stringMatching(/already used for a different ride request/),
    });
    expect(store.calls.readClaim).toBe(2);
    expect(snapshot(store)).toEqual(before);
  });

  it('refuses the key for the same pickup with a drop-off added: another request', async () => {
    const dropoff = at(47.7, -122.4);
    expect(requestFingerprint(pickup, dropoff)).not.toBe(requestFingerprint(pickup));
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    await requestRide('rider-1', pickup, deps(store), 'key-1');
    await expect(requestRide('rider-1', pickup, deps(store), 'key-1', dropoff)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    // And the other way round.
    await requestRide('rider-2', pickup, deps(store), 'key-2', dropoff);
    await expect(requestRide('rider-2', pickup, deps(store), 'key-2')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(store.rides.size).toBe(2);
  });

  it('keeps each rider’s keys apart', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near)]);
    const a = await requestRide('rider-a', pickup, deps(store), 'same-key');
    const b = await requestRide('rider-b', pickup, deps(store), 'same-key');
    expect(b.replayed).toBe(false);
    expect(b.response.RideId).not.toBe(a.response.RideId);
    expect([...store.claims.keys()]).toEqual(['rider-a#same-key', 'rider-b#same-key']);
  });

  it('answers with the ride of a racing copy of the request that claimed the key first', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const theirs = { ...(await requestRide('rider-0', pickup, deps(new MemoryStore([unicorn('Shadowfax', near)])))).response };
    store.beforeBook = () => store.claims.set('rider-1#key-1', { fingerprint: requestFingerprint(pickup), response: theirs });
    const result = await requestRide('rider-1', pickup, deps(store), 'key-1');
    expect(result).toEqual({ response: theirs, replayed: true, attempts: 1, cellsRead: 9 });
    expect(store.rides.size).toBe(0);
  });

  it('refuses when a racing request with another body claimed the key first', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const theirs = (await requestRide('rider-0', pickup, deps(new MemoryStore([unicorn('Shadowfax', near)])))).response;
    store.beforeBook = () => store.claims.set('rider-1#key-1', { fingerprint: requestFingerprint(farther), response: theirs });
    await expect(requestRide('rider-1', pickup, deps(store), 'key-1')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(store.rides.size).toBe(0);
  });
});

describe('requestRide after losing a race', () => {
  it('reads the block again and books the next best unicorn', async () => {
    const store = new MemoryStore([unicorn('Bucephalus', farther), unicorn('Shadowfax', near), unicorn('Epona', london)]);
    store.beforeBook = (booking) => {
      // Another request books the nearest first, for the next 20 minutes.
      if (booking.unicornName === 'Shadowfax') store.put({ ...store.unicorn('Shadowfax'), BusyUntil: NOW + 20 * MINUTE, RideId: 'theirs' });
    };
    const result = await requestRide('rider-1', pickup, deps(store));
    expect(result).toMatchObject({ attempts: 2, cellsRead: 18 });
    expect(result.response.UnicornName).toBe('Bucephalus');
    expect(store.calls.book.map((b) => b.unicornName)).toEqual(['Shadowfax', 'Bucephalus']);
    expect(store.calls.findUnicorns).toEqual([cellsOf(pickup)[0], cellsOf(pickup)[0]]);
    expect(store.unicorn('Shadowfax').RideId).toBe('theirs');
    expect(store.rides.size).toBe(1);
  });

  it('reads again only the block that held the candidates, not the whole search', async () => {
    // Two unicorns about 30 km away: the first attempt widens to the fourth level (precision 3; the
    // precision-4 block covers only 23.6 km from the pickup).
    const store = new MemoryStore([unicorn('a', at(47.87, -122.3)), unicorn('b', at(47.875, -122.3))]);
    store.beforeBook = (booking) => {
      if (booking.unicornName === 'a') store.put({ ...store.unicorn('a'), BusyUntil: NOW + 60 * MINUTE });
    };
    const result = await requestRide('rider-1', pickup, deps(store));
    expect(result.response.UnicornName).toBe('b');
    const [l0, l1, l2, l3] = cellsOf(pickup);
    expect(store.calls.findUnicorns).toEqual([l0, l1, l2, l3, l3]);
    expect(result.cellsRead).toBe(45);
  });

  it('answers NoUnicornNearby when the race took the only unicorn in reach', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near), unicorn('Epona', london)]);
    store.beforeBook = () => store.put({ ...store.unicorn('Shadowfax'), BusyUntil: NOW + 60 * MINUTE });
    await expect(requestRide('rider-1', pickup, deps(store))).rejects.toBeInstanceOf(NoUnicornNearby);
    expect(store.calls.book).toHaveLength(1);
    expect(store.rides.size).toBe(0);
  });

  it('spreads over the best few at random (never beyond a ride later than the best), and gives up with DispatchContended', async () => {
    // Ten free unicorns 1 to 10 km north (all within a ride of the best), one here but busy for 20 minutes
    // (in reach, but more than a ride after the best), one in London.
    const fleet = [
      ...Array.from({ length: 10 }, (_, i) => unicorn(`u${i + 1}`, at(47.6 + 0.009 * (i + 1), -122.3))),
      unicorn('busy-here', pickup, NOW + 20 * MINUTE),
      unicorn('Epona', london),
    ];
    const store = new MemoryStore(fleet);
    const tried: string[] = [];
    // Every transaction is cancelled (say, by conflicts): nothing changes, so every attempt ranks the same.
    const alwaysTaken: RideStore = {
      findUnicorns: (cells) => store.findUnicorns(cells),
      activeRideOf: (rider, at) => store.activeRideOf(rider, at),
      readClaim: (key) => store.readClaim(key),
      book: async (_ride, booking) => {
        tried.push(booking.unicornName);
        return { status: 'unicornTaken' };
      },
    };
    let draw = 0;
    const random = () => (draw++ % 8) / 8;
    const before = snapshot(store);
    const error = await failure(requestRide('rider-1', pickup, deps(alwaysTaken, { random })));
    expect(error).toBeInstanceOf(DispatchContended);
    expect((error as DispatchContended).code).toBe('DispatchContended');
    expect((error as Error).message).toMatch(/booked by other requests/);
    expect(tried).toHaveLength(30);
    // The first attempt takes the best; then each draw picks among the best eight, in dispatch order.
    expect(tried[0]).toBe('u1');
    expect(tried.slice(1, 9)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']);
    expect(new Set(tried)).toEqual(new Set(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']));
    expect(draw).toBe(29);
    expect(snapshot(store)).toEqual(before);
  });

  it('draws among fewer when fewer arrive within a ride of the best', async () => {
    const store = new MemoryStore([
      unicorn('Shadowfax', near),
      unicorn('Bucephalus', farther),
      unicorn('busy-here', pickup, NOW + 20 * MINUTE),
    ]);
    const tried: string[] = [];
    const inner = store.book.bind(store);
    store.book = async (ride, booking, claim) => {
      tried.push(booking.unicornName);
      return tried.length < 3 ? { status: 'unicornTaken' } : inner(ride, booking, claim);
    };
    const result = await requestRide('rider-1', pickup, deps(store, { random: () => 0.99 }));
    expect(tried).toEqual(['Shadowfax', 'Bucephalus', 'Bucephalus']);
    expect(result).toMatchObject({ attempts: 3, response: { UnicornName: 'Bucephalus' } });
  });
});

describe('requestRide searches the cell index outwards', () => {
  it('stops at the first block when a candidate there is close enough', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near), unicorn('Epona', london)]);
    const result = await requestRide('rider-1', pickup, deps(store));
    expect(result.cellsRead).toBe(9);
    expect(store.calls.findUnicorns).toEqual([cellsOf(pickup)[0]]);
  });

  it('widens when the nearest unicorn is farther away (30 km): reads all four blocks', async () => {
    const thirtyKm = at(47.87, -122.3);
    expect(distanceKm(pickup, thirtyKm)).toBeCloseTo(30, 0);
    const store = new MemoryStore([unicorn('distant', thirtyKm), unicorn('Epona', london)]);
    const result = await requestRide('rider-1', pickup, deps(store));
    expect(result.response.UnicornName).toBe('distant');
    expect(result.cellsRead).toBe(36);
    expect(store.calls.findUnicorns).toEqual(cellsOf(pickup));
  });

  it('widens past a candidate in the first block when one just outside it may be nearer', async () => {
    // From the centre of its cell (precision 6: 0.0055° high, 0.011° wide), the block reaches 1.5
    // cells each way: 1.23 km east, but only 0.92 km north (at 47.6° a precision-6 cell is wider than high).
    const [south, west, north, east] = geohash.decode_bbox(geohash.encode(pickup.Latitude, pickup.Longitude, 6));
    const centre = at((south + north) / 2, (west + east) / 2);
    const [first] = searchLevels(centre);
    const inside = at(centre.Latitude, east + (east - west) - 0.0002);
    const outside = at(north + (north - south) + 0.0002, centre.Longitude);
    const store = new MemoryStore([unicorn('inside', inside), unicorn('outside', outside)]);
    expect((await store.findUnicorns(first!.cells)).map((u) => u.Name)).toEqual(['inside']);
    expect(distanceKm(centre, inside)).toBeGreaterThan(first!.coveredKm);
    expect(distanceKm(centre, outside)).toBeLessThan(distanceKm(centre, inside));
    const result = await requestRide('rider-1', centre, deps(store));
    expect(result.response.UnicornName).toBe('outside');
    expect(result.cellsRead).toBe(18);
  });

  it('widens past a busy unicorn close by to a free one that arrives sooner', async () => {
    const store = new MemoryStore([unicorn('busy-here', pickup, NOW + 20 * MINUTE), unicorn('free-10-km', at(47.69, -122.3))]);
    const result = await requestRide('rider-1', pickup, deps(store));
    expect(result.response.UnicornName).toBe('free-10-km');
    // The blocks at precision 6 (0.80 km) and 5 (3.3 km) hold only the busy one; the precision-4 one
    // (23.6 km) holds the free one, 10 km away.
    expect(result.cellsRead).toBe(27);
  });

  it('stops widening once a block’s edge is beyond the reach', async () => {
    // Reach 5 minutes (10 km); the third block (precision 4) covers 23.6 km: nothing beyond it could come in time.
    const store = new MemoryStore([unicorn('fifty-km', at(48.05, -122.3))]);
    await expect(requestRide('rider-1', pickup, deps(store, { maxWaitMinutes: 5 }))).rejects.toThrow(/within 5 minutes/);
    expect(store.calls.findUnicorns).toEqual(cellsOf(pickup).slice(0, 3));
    // With 30 minutes (60 km) it reads the fourth block and books the unicorn 50 km away.
    const wider = await requestRide('rider-1', pickup, deps(store));
    expect(wider.response.UnicornName).toBe('fifty-km');
  });

  it('stops at a block when the best arrives no later than anything beyond it could (the boundary included)', async () => {
    const [first] = searchLevels(pickup);
    const store = new MemoryStore([unicorn('busy-here', pickup, NOW + flightMs(first!.coveredKm))]);
    expect((await requestRide('rider-1', pickup, deps(store))).cellsRead).toBe(9);
    const later = new MemoryStore([unicorn('busy-here', pickup, NOW + flightMs(first!.coveredKm) + 1)]);
    expect((await requestRide('rider-1', pickup, deps(later))).cellsRead).toBe(18);
  });

  it('stops widening at the block whose edge is exactly the reach', async () => {
    const [, second] = searchLevels(pickup);
    const store = new MemoryStore([]);
    await expect(
      requestRide('rider-1', pickup, deps(store, { maxWaitMinutes: flightMs(second!.coveredKm) / MINUTE })),
    ).rejects.toBeInstanceOf(NoUnicornNearby);
    expect(store.calls.findUnicorns).toHaveLength(2);
  });

  it('after losing a race in the last block (a long reach, every candidate busy), reads that block again', async () => {
    // Reach 2 hours; both unicorns 30 km away and busy for an hour: nothing in any block is close
    // enough to stop early, so the search ends at the last block for want of another.
    const store = new MemoryStore([
      unicorn('a', at(47.87, -122.3), NOW + 60 * MINUTE),
      unicorn('b', at(47.875, -122.3), NOW + 60 * MINUTE),
    ]);
    store.beforeBook = (booking) => {
      if (booking.unicornName === 'a') store.put({ ...store.unicorn('a'), BusyUntil: NOW + 200 * MINUTE });
    };
    const result = await requestRide('rider-1', pickup, deps(store, { maxWaitMinutes: 120 }));
    expect(result.response.UnicornName).toBe('b');
    const [l0, l1, l2, l3] = cellsOf(pickup);
    expect(store.calls.findUnicorns).toEqual([l0, l1, l2, l3, l3]);
  });

  it('reads all four blocks, once, before saying no unicorn is near', async () => {
    const store = new MemoryStore([]);
    await expect(requestRide('rider-1', pickup, deps(store))).rejects.toBeInstanceOf(NoUnicornNearby);
    expect(store.calls.findUnicorns).toEqual(cellsOf(pickup));
  });
});

describe('requestRide and a racing copy of itself', () => {
  it('replays, not 409, when the copy booked between reading the claim and reading the rider', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near), unicorn('Bucephalus', farther)]);
    const first = await requestRide('rider-1', pickup, deps(store), 'key-1');
    // This copy saw no claim (read before the first committed) but sees the rider's active ride.
    let claimReads = 0;
    const late: RideStore = {
      findUnicorns: store.findUnicorns.bind(store),
      activeRideOf: store.activeRideOf.bind(store),
      book: store.book.bind(store),
      readClaim: async (key) => (++claimReads === 1 ? undefined : store.readClaim(key)),
    };
    const copy = await requestRide('rider-1', pickup, deps(late), 'key-1');
    expect(copy).toMatchObject({ replayed: true, response: first.response });
    expect(claimReads).toBe(2);
  });
});

describe('requestRide against its deadline', () => {
  /** Each store call takes `callMs` off the hand clock, and records the signal it was given. */
  function timedStore(store: MemoryStore, deadline: ReturnType<typeof handDeadline>, callMs: number) {
    const signals: (AbortSignal | undefined)[] = [];
    const tick = (signal?: AbortSignal) => {
      signals.push(signal);
      deadline.left -= callMs;
    };
    const timed: RideStore = {
      findUnicorns: async (cells, signal) => {
        tick(signal);
        return store.findUnicorns(cells);
      },
      activeRideOf: async (rider, at, signal) => {
        tick(signal);
        return store.activeRideOf(rider, at);
      },
      readClaim: async (key, signal) => {
        tick(signal);
        return store.readClaim(key);
      },
      book: async (ride, booking, claim, signal) => {
        tick(signal);
        return store.book(ride, booking, claim);
      },
    };
    return { timed, signals };
  }

  it('starts no fleet read without time for it and a booking: DeadlineExceeded, nothing written', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const deadline = handDeadline(attemptBudgetMs(CALL_MS) - 1);
    const { timed } = timedStore(store, deadline, 0);
    const error = await requestRide('rider-1', pickup, deps(timed, { deadline }), 'key-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect(store.calls.findUnicorns).toHaveLength(0);
    expect(store.calls.book).toHaveLength(0);
  });

  it('starts no booking when the read used the time: DeadlineExceeded, nothing written', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const deadline = handDeadline(attemptBudgetMs(CALL_MS) + CALL_MS);
    // The rider read and the fleet read each take a call and a bit: less than a call is left to book.
    const { timed } = timedStore(store, deadline, CALL_MS + 1);
    await expect(requestRide('rider-1', pickup, deps(timed, { deadline }))).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(store.calls.book).toHaveLength(0);
    expect(store.unicorn('Shadowfax').BusyUntil).toBe(0);
  });

  it('books when exactly the reads and one booking fit, handing every store call the deadline’s signal', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const deadline = handDeadline(CALL_MS + attemptBudgetMs(CALL_MS));
    const { timed, signals } = timedStore(store, deadline, CALL_MS);
    const { response } = await requestRide('rider-1', pickup, deps(timed, { deadline }));
    expect(response.UnicornName).toBe('Shadowfax');
    expect(signals.length).toBeGreaterThanOrEqual(3);
    expect(signals.every((s) => s === deadline.signal)).toBe(true);
  });

  it('reports a store call the deadline cut off as DeadlineExceeded, not as the store’s own error', async () => {
    const store = new MemoryStore([unicorn('Shadowfax', near)]);
    const deadline = handDeadline(60_000);
    const cut: RideStore = {
      ...store,
      findUnicorns: store.findUnicorns.bind(store),
      activeRideOf: store.activeRideOf.bind(store),
      readClaim: store.readClaim.bind(store),
      book: async () => {
        deadline.abort();
        throw new Error('socket hang up');
      },
    };
    const error = await requestRide('rider-1', pickup, deps(cut, { deadline })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect((error as Error).message).toMatch(/booking \(it may have been written\)/);
  });
});
