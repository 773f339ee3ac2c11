import type { PageQuery, Ride, RidePage } from '@wildrydes/contract';
import type { RideRecord } from './ride';

/** Thrown for a cursor that is not one this rider was given. */
export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
}

/** Reading rides back. Implementations list by rider without scanning, newest first. */
export interface RideHistory {
  listByRider(rider: string, page: PageQuery): Promise<{ rides: RideRecord[]; nextCursor?: string }>;
  get(rideId: string): Promise<RideRecord | undefined>;
}

export function toRide(record: RideRecord): Ride {
  return {
    RideId: record.RideId,
    Rider: record.User,
    Unicorn: record.Unicorn,
    UnicornName: record.UnicornName,
    RequestTime: record.RequestTime,
    PickupLocation: record.PickupLocation,
  };
}

/** The rider's rides, newest first, one page at a time. */
export async function listRides(rider: string, page: PageQuery, history: RideHistory): Promise<RidePage> {
  const { rides, nextCursor } = await history.listByRider(rider, page);
  return { Rides: rides.map(toRide), ...(nextCursor ? { NextCursor: nextCursor } : {}) };
}

/** One of the rider's rides; undefined for a ride that does not exist or is someone else's (indistinguishable). */
export async function findRide(rider: string, rideId: string, history: RideHistory): Promise<Ride | undefined> {
  const record = await history.get(rideId);
  return record && record.User === rider ? toRide(record) : undefined;
}
