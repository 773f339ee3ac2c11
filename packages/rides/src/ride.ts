import type { PickupLocation, RideResponse, Unicorn } from '@wildrydes/contract';
import { type Assignment, formatEta } from './dispatch';
import { unicornOf } from './fleet';

/** A ride as stored: the workshop's item, attribute for attribute, plus its booking. */
export interface RideRecord {
  RideId: string;
  /** The rider's `cognito:username`, taken from the verified ID token only. */
  User: string;
  Unicorn: Unicorn;
  UnicornName: string;
  /** ISO 8601, UTC. */
  RequestTime: string;
  PickupLocation: PickupLocation;
  /** Where the unicorn sets off from (its home). */
  UnicornStart: PickupLocation;
  EtaSeconds: number;
  /** ISO 8601: the unicorn is booked for this ride from BookedFrom until BookedUntil. */
  BookedFrom: string;
  BookedUntil: string;
}

export interface NewRide {
  rideId: string;
  rider: string;
  pickup: PickupLocation;
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

export function createRide({ rideId, rider, pickup, requestedAt, assignment }: NewRide): RideRecord {
  const { unicorn } = assignment;
  return {
    RideId: rideId,
    User: rider,
    Unicorn: unicornOf(unicorn),
    UnicornName: unicorn.Name,
    RequestTime: requestedAt.toISOString(),
    PickupLocation: { Latitude: roundCoordinate(pickup.Latitude), Longitude: roundCoordinate(pickup.Longitude) },
    UnicornStart: { Latitude: unicorn.Home.Latitude, Longitude: unicorn.Home.Longitude },
    EtaSeconds: assignment.etaSeconds,
    BookedFrom: new Date(assignment.startsAt).toISOString(),
    BookedUntil: new Date(assignment.busyUntil).toISOString(),
  };
}

/** What the rider is told: the workshop's response shape, plus machine-readable ETA and start. */
export function toRideResponse(ride: RideRecord): RideResponse {
  return {
    RideId: ride.RideId,
    Unicorn: ride.Unicorn,
    UnicornName: ride.UnicornName,
    Eta: formatEta(ride.EtaSeconds),
    Rider: ride.User,
    EtaSeconds: ride.EtaSeconds,
    UnicornPosition: ride.UnicornStart,
  };
}
