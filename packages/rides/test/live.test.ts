import { MAX_WATCH_CELLS, RideMessage, UnicornMessage, WATCH_PRECISION } from '@wildrydes/contract';
import geohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import type { FleetUnicorn } from '../src/dispatch';
import { freeUnicornsIn, inArea, ridePush, unicornPush, watchCellOf, watchCells } from '../src/live';
import type { RideRecord } from '../src/ride';

const seattle = { South: 47.59, West: -122.36, North: 47.63, East: -122.31 };

describe('watchCells', () => {
  it('covers a city view with a few cells of the watch precision, each corner in one of them', () => {
    const cells = watchCells(seattle) ?? [];
    expect(cells.length).toBeGreaterThanOrEqual(1);
    expect(cells.length).toBeLessThanOrEqual(4);
    for (const cell of cells) expect(cell).toHaveLength(WATCH_PRECISION);
    for (const [Latitude, Longitude] of [
      [seattle.South, seattle.West],
      [seattle.North, seattle.East],
      [seattle.South, seattle.East],
      [seattle.North, seattle.West],
    ] as const) {
      expect(cells).toContain(watchCellOf({ Latitude, Longitude }));
    }
  });

  it('refuses an area that needs more than MAX_WATCH_CELLS cells, and accepts one that needs exactly that many', () => {
    expect(watchCells({ South: -60, West: -170, North: 70, East: 170 })).toBeUndefined();
    // 4 x 4 cells of precision 4, from a cell's south-west corner.
    const [south, west, north, east] = geohash.decode_bbox(geohash.encode(47.61, -122.33, WATCH_PRECISION));
    const [h, w] = [north - south, east - west];
    const square = { South: south + h / 10, West: west + w / 10, North: south + 3.5 * h, East: west + 3.5 * w };
    expect(watchCells(square)).toHaveLength(MAX_WATCH_CELLS);
    expect(watchCells({ ...square, East: west + 4.5 * w })).toBeUndefined();
  });

  it('covers an area across the antimeridian on both sides, and a point with one cell', () => {
    const cells = watchCells({ South: -17.8, West: 179.9, North: -17.7, East: -179.9 }) ?? [];
    expect(cells).toContain(watchCellOf({ Latitude: -17.75, Longitude: 179.95 }));
    expect(cells).toContain(watchCellOf({ Latitude: -17.75, Longitude: -179.95 }));
    expect(watchCells({ South: 1, West: 2, North: 1, East: 2 })).toEqual([watchCellOf({ Latitude: 1, Longitude: 2 })]);
  });
});

describe('inArea', () => {
  it('holds the edges, not beyond, and wraps across the antimeridian', () => {
    expect(inArea({ Latitude: 47.59, Longitude: -122.36 }, seattle)).toBe(true);
    expect(inArea({ Latitude: 47.58, Longitude: -122.33 }, seattle)).toBe(false);
    expect(inArea({ Latitude: 47.6, Longitude: -122.3 }, seattle)).toBe(false);
    const across = { South: -18, West: 179, North: -17, East: -179 };
    expect(inArea({ Latitude: -17.5, Longitude: 179.5 }, across)).toBe(true);
    expect(inArea({ Latitude: -17.5, Longitude: -179.5 }, across)).toBe(true);
    expect(inArea({ Latitude: -17.5, Longitude: 0 }, across)).toBe(false);
  });
});

const now = Date.parse('2026-12-03T12:00:00Z');
const unicorn = (Name: string, Latitude: number, Longitude: number, BusyUntil = 0): FleetUnicorn => ({
  Name,
  Color: 'Golden',
  Gender: 'Male',
  Position: { Latitude, Longitude },
  BusyUntil,
});

describe('freeUnicornsIn', () => {
  const fleet = [
    unicorn('Edge', 47.625, -122.315),
    unicorn('Centre', 47.61, -122.335),
    unicorn('Busy', 47.61, -122.334, now + 1),
    unicorn('FreeNow', 47.6, -122.34, now),
    unicorn('Outside', 47.7, -122.335),
  ];
  it('lists the free ones inside, nearest the centre first, at most `limit`', () => {
    expect(freeUnicornsIn(seattle, fleet, now, 10).map((u) => u.Name)).toEqual(['Centre', 'FreeNow', 'Edge']);
    expect(freeUnicornsIn(seattle, fleet, now, 1).map((u) => u.Name)).toEqual(['Centre']);
    expect(freeUnicornsIn(seattle, fleet, now, 1)[0]).toEqual({
      Name: 'Centre',
      Position: { Latitude: 47.61, Longitude: -122.335 },
      FreeFrom: new Date(0).toISOString(),
    });
  });
});

const ride: RideRecord = {
  RideId: 'ride-1',
  User: 'rider-1',
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  UnicornName: 'Shadowfax',
  RequestTime: '2026-12-03T11:59:00.000Z',
  PickupLocation: { Latitude: 47.61, Longitude: -122.33 },
  DropoffLocation: { Latitude: 47.62, Longitude: -122.35 },
  UnicornStart: { Latitude: 47.6, Longitude: -122.32 },
  EtaSeconds: 120,
  BookedFrom: '2026-12-03T11:59:00.000Z',
  PickupTime: '2026-12-03T12:01:00.000Z',
  DropoffTime: '2026-12-03T12:10:00.000Z',
};

describe('ridePush', () => {
  it('tells the ride’s own rider of a booking, with the unicorn’s path to the pickup', () => {
    const push = ridePush(undefined, ride, now);
    expect(push?.rider).toBe('rider-1');
    expect(RideMessage.parse(push?.message)).toMatchObject({ Change: 'booked', RideId: 'ride-1', Status: 'Assigned' });
    expect(push?.message.Path).toEqual({
      From: ride.UnicornStart,
      To: ride.PickupLocation,
      Departs: ride.BookedFrom,
      Arrives: ride.PickupTime,
    });
  });

  it('tells a cancel apart from any other change, and says nothing of a deleted ride', () => {
    const cancelled = { ...ride, CancelTime: '2026-12-03T12:00:00.000Z' };
    expect(ridePush(ride, cancelled, now)?.message).toMatchObject({ Change: 'cancelled', Status: 'Cancelled' });
    expect(ridePush(cancelled, { ...cancelled, EtaSeconds: 1 }, now)?.message.Change).toBe('changed');
    expect(ridePush(ride, { ...ride, EtaSeconds: 1 }, now)?.message.Change).toBe('changed');
    expect(ridePush(ride, undefined, now)).toBeUndefined();
  });

  it('derives Status at the moment of the push', () => {
    expect(ridePush(undefined, ride, Date.parse(ride.PickupTime))?.message.Status).toBe('PickedUp');
    expect(ridePush(undefined, ride, Date.parse(ride.DropoffTime))?.message.Status).toBe('Completed');
  });
});

describe('unicornPush', () => {
  const free = unicorn('Shadowfax', 47.6, -122.32);
  const seoul = { Latitude: 37.56, Longitude: 126.98 };

  it('tells the watchers of its cell of a new unicorn', () => {
    const push = unicornPush(undefined, free);
    expect(push?.cells).toEqual([watchCellOf(free.Position)]);
    expect(UnicornMessage.parse(push?.message).Unicorn).toEqual({
      Name: 'Shadowfax',
      Position: free.Position,
      FreeFrom: new Date(0).toISOString(),
    });
  });

  it('tells the watchers of both cells when it moves, and of one when it is booked where it stands', () => {
    const booked = { ...free, Position: seoul, BusyUntil: now + 60_000 };
    const push = unicornPush(free, booked);
    expect(push?.cells).toEqual([watchCellOf(free.Position), watchCellOf(seoul)]);
    expect(push?.message.Unicorn.FreeFrom).toBe(new Date(now + 60_000).toISOString());
    expect(unicornPush(free, { ...free, BusyUntil: now + 1 })?.cells).toEqual([watchCellOf(free.Position)]);
  });

  it('says nothing when nothing a watcher sees changed, or the unicorn was removed', () => {
    expect(unicornPush(free, { ...free, RideId: 'ride-2' } as FleetUnicorn)).toBeUndefined();
    expect(unicornPush(free, undefined)).toBeUndefined();
  });
});
