import { Ride } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import { findRide, listRides, type RideHistory, RideNotFound, type RideRecord, toRide } from '../src';

const ride = (id: string, user: string, requestTime: string, more: Partial<RideRecord> = {}): RideRecord => {
  const requested = Date.parse(requestTime);
  return {
    RideId: id,
    User: user,
    Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
    UnicornName: 'Shadowfax',
    RequestTime: requestTime,
    PickupLocation: { Latitude: 1, Longitude: 2 },
    DropoffLocation: { Latitude: 1.1, Longitude: 2 },
    UnicornStart: { Latitude: 1, Longitude: 2.01 },
    EtaSeconds: 60,
    BookedFrom: requestTime,
    PickupTime: new Date(requested + 60_000).toISOString(),
    DropoffTime: new Date(requested + 16 * 60_000).toISOString(),
    ...more,
  };
};

const t0 = Date.parse('2026-01-02T00:00:00.000Z');
const records = [
  ride('b', 'bob', '2026-01-02T00:00:00.000Z'),
  ride('a2', 'ann', '2026-01-02T00:00:00.000Z'),
  ride('a1', 'ann', '2026-01-01T00:00:00.000Z', { CancelTime: '2026-01-01T00:00:30.000Z' }),
];
const history: RideHistory = {
  async listByRider(rider, page) {
    const mine = records.filter((r) => r.User === rider);
    return { rides: mine.slice(0, page.limit), ...(mine.length > page.limit ? { nextCursor: 'next' } : {}) };
  },
  async get(rideId) {
    return records.find((r) => r.RideId === rideId);
  },
};

describe('toRide', () => {
  const record = records[0]!;

  it('answers a ride in the API shape, the rider named as Rider, with its status at the moment asked', () => {
    const answer = toRide(record, t0);
    expect(answer).toStrictEqual({
      RideId: 'b',
      Rider: 'bob',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      RequestTime: '2026-01-02T00:00:00.000Z',
      PickupLocation: { Latitude: 1, Longitude: 2 },
      DropoffLocation: { Latitude: 1.1, Longitude: 2 },
      Status: 'Assigned',
      PickupTime: '2026-01-02T00:01:00.000Z',
      DropoffTime: '2026-01-02T00:16:00.000Z',
    });
    expect(Ride.safeParse(answer).success).toBe(true);
  });

  it.each([
    [t0 + 59_999, 'Assigned'],
    [t0 + 60_000, 'PickedUp'],
    [t0 + 16 * 60_000 - 1, 'PickedUp'],
    [t0 + 16 * 60_000, 'Completed'],
  ])('at %i is %s', (now, status) => {
    expect(toRide(record, now).Status).toBe(status);
  });

  it('shows a cancelled ride’s CancelTime, and only a cancelled ride’s', () => {
    const cancelled = toRide(records[2]!, t0);
    expect(cancelled).toMatchObject({ Status: 'Cancelled', CancelTime: '2026-01-01T00:00:30.000Z' });
    expect('CancelTime' in toRide(record, t0)).toBe(false);
  });
});

describe('listRides', () => {
  it('lists a rider’s rides, each with its status now, and no one else’s', async () => {
    const page = await listRides('ann', { limit: 10 }, history, t0);
    expect(page.Rides.map((r) => [r.RideId, r.Rider, r.Status])).toEqual([
      ['a2', 'ann', 'Assigned'],
      ['a1', 'ann', 'Cancelled'],
    ]);
    expect(page).not.toHaveProperty('NextCursor');
    const later = await listRides('ann', { limit: 10 }, history, t0 + 60 * 60_000);
    expect(later.Rides.map((r) => r.Status)).toEqual(['Completed', 'Cancelled']);
  });

  it('passes the next cursor on only when there is a next page', async () => {
    expect((await listRides('ann', { limit: 1 }, history, t0)).NextCursor).toBe('next');
    expect((await listRides('ann', { limit: 2 }, history, t0)).NextCursor).toBeUndefined();
  });
});

describe('findRide', () => {
  it('finds a rider’s own ride, with its status now', async () => {
    expect(await findRide('bob', 'b', history, t0 + 120_000)).toMatchObject({ RideId: 'b', Rider: 'bob', Status: 'PickedUp' });
  });

  it('does not tell a stranger’s ride from a missing one: RideNotFound for both', async () => {
    const stranger = await findRide('ann', 'b', history, t0).catch((e: unknown) => e);
    const missing = await findRide('ann', 'nope', history, t0).catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(RideNotFound);
    expect(missing).toBeInstanceOf(RideNotFound);
    expect(stranger).toMatchObject({ code: 'RideNotFound', message: 'No such ride' });
    expect((stranger as Error).message).toBe((missing as Error).message);
  });
});
