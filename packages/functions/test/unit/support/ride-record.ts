import type { RideRecord } from '@wildrydes/rides';

/** A ride of rider-1 as stored: booked at 06:59, picked up at 07:01, dropped off at 07:16 (2026-12-03, UTC). */
export const record: RideRecord = {
  RideId: 'ride-1',
  User: 'rider-1',
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  UnicornName: 'Shadowfax',
  RequestTime: '2026-12-03T06:59:00.000Z',
  PickupLocation: { Latitude: 47.6, Longitude: -122.3 },
  DropoffLocation: { Latitude: 47.6, Longitude: -122.3 },
  UnicornStart: { Latitude: 47.62, Longitude: -122.3 },
  EtaSeconds: 120,
  BookedFrom: '2026-12-03T06:59:00.000Z',
  PickupTime: '2026-12-03T07:01:00.000Z',
  DropoffTime: '2026-12-03T07:16:00.000Z',
};
