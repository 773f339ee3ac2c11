import { RideResponse, type RideStatus } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import { assign, createRide, type FleetUnicorn, isActive, type RideRecord, rideStatus, roundCoordinate, toRideResponse } from '../src';

const pickupTime = Date.parse('2026-11-22T10:05:00.000Z');
const dropoffTime = Date.parse('2026-11-22T10:20:00.000Z');
const times = { PickupTime: new Date(pickupTime).toISOString(), DropoffTime: new Date(dropoffTime).toISOString() };

describe('rideStatus', () => {
  it.each<[string, number, RideStatus]>([
    ['long before pickup', pickupTime - 3_600_000, 'Assigned'],
    ['a millisecond before pickup', pickupTime - 1, 'Assigned'],
    ['at pickup', pickupTime, 'PickedUp'],
    ['a millisecond after pickup', pickupTime + 1, 'PickedUp'],
    ['a millisecond before drop-off', dropoffTime - 1, 'PickedUp'],
    ['at drop-off', dropoffTime, 'Completed'],
    ['a millisecond after drop-off', dropoffTime + 1, 'Completed'],
    ['a day later', dropoffTime + 86_400_000, 'Completed'],
  ])('is derived from the times: %s → %s', (_when, now, status) => {
    expect(rideStatus(times, now)).toBe(status);
  });

  it.each([pickupTime - 1, pickupTime, dropoffTime - 1, dropoffTime, dropoffTime + 1])(
    'is Cancelled once cancelled, whatever the time (%i)',
    (now) => {
      expect(rideStatus({ ...times, CancelTime: '2026-11-22T10:01:00.000Z' }, now)).toBe('Cancelled');
    },
  );

  it('goes straight from Assigned to Completed for a ride with no time on board', () => {
    const instant = { PickupTime: times.PickupTime, DropoffTime: times.PickupTime };
    expect(rideStatus(instant, pickupTime - 1)).toBe('Assigned');
    expect(rideStatus(instant, pickupTime)).toBe('Completed');
  });
});

describe('isActive', () => {
  it.each<[RideStatus, boolean]>([
    ['Assigned', true],
    ['PickedUp', true],
    ['Completed', false],
    ['Cancelled', false],
  ])('%s → %s', (status, active) => {
    expect(isActive(status)).toBe(active);
  });
});

const now = Date.parse('2026-11-22T10:00:00.000Z');
const shadowfax: FleetUnicorn = {
  Name: 'Shadowfax',
  Color: 'White',
  Gender: 'Male',
  Position: { Latitude: 47.62, Longitude: -122.3 },
  BusyUntil: 0,
  RideId: 'an-older-ride',
};
const pickup = { Latitude: 47.6, Longitude: -122.3 };
const dropoff = { Latitude: 47.65, Longitude: -122.35 };

describe('createRide', () => {
  it('records who rides which unicorn from where, and the booking’s times', () => {
    const assignment = assign(shadowfax, pickup, dropoff, now);
    const ride = createRide({ rideId: 'ride-1', rider: 'rider-1', pickup, dropoff, requestedAt: new Date(now), assignment });
    expect(ride).toStrictEqual({
      RideId: 'ride-1',
      User: 'rider-1',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      RequestTime: '2026-11-22T10:00:00.000Z',
      PickupLocation: pickup,
      DropoffLocation: dropoff,
      UnicornStart: { Latitude: 47.62, Longitude: -122.3 },
      EtaSeconds: assignment.etaSeconds,
      BookedFrom: '2026-11-22T10:00:00.000Z',
      PickupTime: new Date(assignment.pickupAt).toISOString(),
      DropoffTime: new Date(assignment.dropoffAt).toISOString(),
    });
    // 2.22 km at 120 km/h: 66.7 s; then 6.7 km to the drop-off: 3 min 21 s.
    expect(ride.EtaSeconds).toBe(67);
    expect(Date.parse(ride.PickupTime) - now).toBe(66_717);
    expect(Date.parse(ride.DropoffTime) - Date.parse(ride.PickupTime)).toBe(assignment.dropoffAt - assignment.pickupAt);
  });

  it('ends the ride at the pickup when no drop-off is asked for', () => {
    const assignment = assign(shadowfax, pickup, undefined, now);
    const ride = createRide({ rideId: 'ride-1', rider: 'rider-1', pickup, dropoff: undefined, requestedAt: new Date(now), assignment });
    expect(ride.DropoffLocation).toEqual(pickup);
    expect(Date.parse(ride.DropoffTime) - Date.parse(ride.PickupTime)).toBe(15 * 60_000);
  });

  it('books a queued ride from the end of the unicorn’s current one', () => {
    const busyUntil = now + 600_000;
    const assignment = assign({ ...shadowfax, BusyUntil: busyUntil }, pickup, undefined, now);
    const ride = createRide({ rideId: 'ride-1', rider: 'rider-1', pickup, dropoff: undefined, requestedAt: new Date(now), assignment });
    expect(ride.RequestTime).toBe('2026-11-22T10:00:00.000Z');
    expect(ride.BookedFrom).toBe('2026-11-22T10:10:00.000Z');
    expect(ride.EtaSeconds).toBe(600 + 67);
  });

  it('keeps coordinates to about a centimetre, for the pickup and the drop-off', () => {
    const fine = { Latitude: 47.60621234567, Longitude: -122.33219876543 };
    const assignment = assign(shadowfax, fine, fine, now);
    const ride = createRide({ rideId: 'r', rider: 'u', pickup: fine, dropoff: fine, requestedAt: new Date(now), assignment });
    expect(ride.PickupLocation).toEqual({ Latitude: 47.6062123, Longitude: -122.3321988 });
    expect(ride.DropoffLocation).toEqual({ Latitude: 47.6062123, Longitude: -122.3321988 });
    const noDropoff = createRide({ rideId: 'r', rider: 'u', pickup: fine, dropoff: undefined, requestedAt: new Date(now), assignment });
    expect(noDropoff.DropoffLocation).toEqual({ Latitude: 47.6062123, Longitude: -122.3321988 });
  });
});

describe('roundCoordinate', () => {
  it('keeps coordinates to about a centimetre', () => {
    expect(roundCoordinate(47.60621234567)).toBe(47.6062123);
    expect(roundCoordinate(-122.3321)).toBe(-122.3321);
    expect(roundCoordinate(180)).toBe(180);
  });

  it('turns values DynamoDB cannot store (denormals, -0) into 0', () => {
    expect(Object.is(roundCoordinate(5e-324), 0)).toBe(true);
    expect(Object.is(roundCoordinate(-0), 0)).toBe(true);
    expect(Object.is(roundCoordinate(-1e-9), 0)).toBe(true);
  });
});

describe('toRideResponse', () => {
  const ride: RideRecord = {
    RideId: 'ride-1',
    User: 'rider-1',
    Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
    UnicornName: 'Shadowfax',
    RequestTime: '2026-11-22T10:00:00.000Z',
    PickupLocation: pickup,
    DropoffLocation: dropoff,
    UnicornStart: { Latitude: 47.62, Longitude: -122.3 },
    EtaSeconds: 150,
    BookedFrom: '2026-11-22T10:00:00.000Z',
    ...times,
  };

  it('answers in the workshop’s shape (RideId, Unicorn, UnicornName, Eta, Rider), plus dispatch details and status', () => {
    const response = toRideResponse(ride, now);
    expect(response).toStrictEqual({
      RideId: 'ride-1',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '3 minutes',
      Rider: 'rider-1',
      EtaSeconds: 150,
      UnicornPosition: { Latitude: 47.62, Longitude: -122.3 },
      Status: 'Assigned',
      PickupTime: '2026-11-22T10:05:00.000Z',
      DropoffTime: '2026-11-22T10:20:00.000Z',
      DropoffLocation: dropoff,
    });
    expect(RideResponse.safeParse(response).success).toBe(true);
  });

  it('gives the status at the moment of the answer', () => {
    expect(toRideResponse(ride, pickupTime).Status).toBe('PickedUp');
    expect(toRideResponse(ride, dropoffTime).Status).toBe('Completed');
    expect(toRideResponse({ ...ride, CancelTime: '2026-11-22T10:01:00.000Z' }, now).Status).toBe('Cancelled');
  });
});
