import type { PickupLocation, RideResponse, RideStatus, Unicorn } from '@wildrydes/contract';
import { type Assignment, formatEta } from './dispatch';
import { unicornOf } from './fleet';

/** A ride as stored: the workshop's item, attribute for attribute, plus its booking and its times. */
export interface RideRecord {
  RideId: string;
  /** The rider's `cognito:username`, taken from the verified ID token only. */
  User: string;
  Unicorn: Unicorn;
  UnicornName: string;
  /** ISO 8601, UTC. */
  RequestTime: string;
  PickupLocation: PickupLocation;
  /** Where the ride ends: the drop-off asked for, else the pickup point. */
  DropoffLocation: PickupLocation;
  /** Where the unicorn sets off from (where it was free). */
  UnicornStart: PickupLocation;
  EtaSeconds: number;
  /** ISO 8601: the unicorn sets off (BookedFrom), reaches the pickup, and is free again at the drop-off. */
  BookedFrom: string;
  PickupTime: string;
  DropoffTime: string;
  /** ISO 8601; written only by a cancel. */
  CancelTime?: string;
}

interface NewRide {
  rideId: string;
  rider: string;
  pickup: PickupLocation;
  dropoff: PickupLocation | undefined;
  requestedAt: Date;
  assignment: Assignment;
}

/**
 * Coordinates are kept to 1e-7° (about 1 cm). Beyond being meaningless, finer values such as
 * 5e-324 are outside the range DynamoDB can store.
 */
export function roundCoordinate(degrees: number): number {
  return Math.round(degrees * 1e7) / 1e7 || 0; // `|| 0` folds -0 into 0
}

export const roundLocation = (location: PickupLocation): PickupLocation => ({
  Latitude: roundCoordinate(location.Latitude),
  Longitude: roundCoordinate(location.Longitude),
});

export function createRide({ rideId, rider, pickup, dropoff, requestedAt, assignment }: NewRide): RideRecord {
  const { unicorn } = assignment;
  return {
    RideId: rideId,
    User: rider,
    Unicorn: unicornOf(unicorn),
    UnicornName: unicorn.Name,
    RequestTime: requestedAt.toISOString(),
    PickupLocation: roundLocation(pickup),
    DropoffLocation: roundLocation(dropoff ?? pickup),
    UnicornStart: { Latitude: unicorn.Position.Latitude, Longitude: unicorn.Position.Longitude },
    EtaSeconds: assignment.etaSeconds,
    BookedFrom: new Date(assignment.startsAt).toISOString(),
    PickupTime: new Date(assignment.pickupAt).toISOString(),
    DropoffTime: new Date(assignment.dropoffAt).toISOString(),
  };
}

/**
 * A ride's status at `now`: the one function every read uses. Time alone moves a ride from
 * Assigned to PickedUp to Completed; only a cancel (before pickup) is written.
 */
export function rideStatus(ride: Pick<RideRecord, 'PickupTime' | 'DropoffTime' | 'CancelTime'>, now: number): RideStatus {
  if (ride.CancelTime !== undefined) return 'Cancelled';
  if (now < Date.parse(ride.PickupTime)) return 'Assigned';
  if (now < Date.parse(ride.DropoffTime)) return 'PickedUp';
  return 'Completed';
}

/** Assigned or PickedUp: the rider has this ride now, and may not book another. */
export const isActive = (status: RideStatus) => status === 'Assigned' || status === 'PickedUp';

/** What the rider is told: the workshop's response shape, plus machine-readable ETA, start, status and times. */
export function toRideResponse(ride: RideRecord, now: number): RideResponse {
  return {
    RideId: ride.RideId,
    Unicorn: ride.Unicorn,
    UnicornName: ride.UnicornName,
    Eta: formatEta(ride.EtaSeconds),
    Rider: ride.User,
    EtaSeconds: ride.EtaSeconds,
    UnicornPosition: ride.UnicornStart,
    Status: rideStatus(ride, now),
    PickupTime: ride.PickupTime,
    DropoffTime: ride.DropoffTime,
    DropoffLocation: ride.DropoffLocation,
  };
}
