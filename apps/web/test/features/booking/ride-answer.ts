import type { RideResponse } from '@wildrydes/contract';

/** A `201` answer of `POST /ride` as the API sends it: the booking tests' shared ride. */
export const rideBody = {
  RideId: 'ride-1',
  Unicorn: { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
  UnicornName: 'Bucephalus',
  Eta: '30 seconds',
  Rider: 'rider@example.com',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 47.61, Longitude: -122.31 },
  Status: 'Assigned',
  PickupTime: '2026-11-21T10:00:30.000Z',
  DropoffTime: '2026-11-21T10:15:30.000Z',
  DropoffLocation: { Latitude: 47.6, Longitude: -122.3 },
} satisfies RideResponse;
