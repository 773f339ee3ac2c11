import { describe, expect, it } from 'vitest';
import { findRide, listRides, type RideHistory, type RideRecord } from '../src';

const ride = (id: string, user: string, time: string): RideRecord => ({
  RideId: id,
  User: user,
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  UnicornName: 'Shadowfax',
  RequestTime: time,
  PickupLocation: { Latitude: 1, Longitude: 2 },
  UnicornStart: { Latitude: 1, Longitude: 2 },
  EtaSeconds: 30,
  BookedFrom: time,
  BookedUntil: time,
});

const records = [ride('a', 'ann', '2026-01-01T00:00:00.000Z'), ride('b', 'bob', '2026-01-02T00:00:00.000Z')];
const history: RideHistory = {
  async listByRider(rider, page) {
    const mine = records.filter((r) => r.User === rider);
    return { rides: mine.slice(0, page.limit), ...(mine.length > page.limit ? { nextCursor: 'next' } : {}) };
  },
  async get(rideId) {
    return records.find((r) => r.RideId === rideId);
  },
};

describe('ride history', () => {
  it('lists a rider’s rides in the API shape, with the rider named as Rider', async () => {
    expect(await listRides('ann', { limit: 10 }, history)).toEqual({
      Rides: [
        {
          RideId: 'a',
          Rider: 'ann',
          Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
          UnicornName: 'Shadowfax',
          RequestTime: '2026-01-01T00:00:00.000Z',
          PickupLocation: { Latitude: 1, Longitude: 2 },
        },
      ],
    });
  });

  it('passes the next cursor on only when there is a next page', async () => {
    expect((await listRides('ann', { limit: 0 }, history)).NextCursor).toBe('next');
    expect((await listRides('ann', { limit: 5 }, history)).NextCursor).toBeUndefined();
  });

  it('finds a rider’s own ride', async () => {
    expect((await findRide('bob', 'b', history))?.RideId).toBe('b');
  });

  it('does not tell a stranger’s ride from a missing one', async () => {
    expect(await findRide('ann', 'b', history)).toBeUndefined();
    expect(await findRide('ann', 'nope', history)).toBeUndefined();
  });
});
