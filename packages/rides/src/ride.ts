import type { PickupLocation, RideResponse, Unicorn } from '@wildrydes/contract';

/** The workshop's promise to every rider. */
export const WORKSHOP_ETA = '30 seconds';

/** A ride as stored: the workshop's item, attribute for attribute. */
export interface RideRecord {
  RideId: string;
  /** The rider's `cognito:username`, taken from the verified ID token only. */
  User: string;
  Unicorn: Unicorn;
  UnicornName: string;
  /** ISO 8601, UTC. */
  RequestTime: string;
  PickupLocation: PickupLocation;
}

export interface NewRide {
  rideId: string;
  rider: string;
  unicorn: Unicorn;
  pickup: PickupLocation;
  requestedAt: Date;
}

/**
 * Coordinates are kept to 1e-7° (about 1 cm). Beyond being meaningless, finer values such as
 * 5e-324 are outside the range DynamoDB can store.
 */
export function roundCoordinate(degrees: number): number {
  return Math.round(degrees * 1e7) / 1e7 || 0; // `|| 0` folds -0 into 0
}

export function createRide({ rideId, rider, unicorn, pickup, requestedAt }: NewRide): RideRecord {
  return {
    RideId: rideId,
    User: rider,
    Unicorn: unicorn,
    UnicornName: unicorn.Name,
    RequestTime: requestedAt.toISOString(),
    PickupLocation: { Latitude: roundCoordinate(pickup.Latitude), Longitude: roundCoordinate(pickup.Longitude) },
  };
}

/** What the rider is told: the workshop's response shape. */
export function toRideResponse(ride: RideRecord): RideResponse {
  return {
    RideId: ride.RideId,
    Unicorn: ride.Unicorn,
    UnicornName: ride.UnicornName,
    Eta: WORKSHOP_ETA,
    Rider: ride.User,
  };
}
