import { describe, expect, it } from 'vitest';
import { requestRide, WORKSHOP_FLEET, type RideRecord, type RideStore } from '../src';

class MemoryStore implements RideStore {
  rides: RideRecord[] = [];
  async put(ride: RideRecord) {
    this.rides.push(ride);
  }
}

const pickup = { Latitude: 47.6, Longitude: -122.3 };
const now = new Date('2026-11-22T10:00:00.000Z');

describe('requestRide', () => {
  it('records the workshop item and answers with the workshop response', async () => {
    const store = new MemoryStore();
    const response = await requestRide('rider-1', pickup, {
      fleet: WORKSHOP_FLEET,
      store,
      random: () => 0.5,
      newRideId: () => 'ride-abc',
      now: () => now,
    });
    expect(store.rides).toEqual([
      {
        RideId: 'ride-abc',
        User: 'rider-1',
        Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
        UnicornName: 'Shadowfax',
        RequestTime: '2026-11-22T10:00:00.000Z',
        PickupLocation: pickup,
      },
    ]);
    expect(response).toEqual({
      RideId: 'ride-abc',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '30 seconds',
      Rider: 'rider-1',
    });
  });

  it('answers nothing when the ride cannot be stored', async () => {
    const failing: RideStore = { put: () => Promise.reject(new Error('table is gone')) };
    await expect(
      requestRide('rider-1', pickup, {
        fleet: WORKSHOP_FLEET,
        store: failing,
        random: Math.random,
        newRideId: () => 'x',
        now: () => now,
      }),
    ).rejects.toThrow('table is gone');
  });
});
