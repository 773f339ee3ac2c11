import type { PageQuery, Ride, RidePage } from '@wildrydes/contract';
import { RideNotFound } from './errors';
import { type RideRecord, rideStatus } from './ride';

/** Reading rides back. Implementations list by rider without scanning, newest first. */
export interface RideHistory {
  listByRider(rider: string, page: PageQuery): Promise<{ rides: RideRecord[]; nextCursor?: string }>;
  get(rideId: string): Promise<RideRecord | undefined>;
}

/** A ride as its rider sees it at `now`: its status derived from its times (or its cancel). */
export function toRide(record: RideRecord, now: number): Ride {
  return {
    RideId: record.RideId,
    Rider: record.User,
    Unicorn: record.Unicorn,
    UnicornName: record.UnicornName,
    RequestTime: record.RequestTime,
    PickupLocation: record.PickupLocation,
    DropoffLocation: record.DropoffLocation,
    Status: rideStatus(record, now),
    PickupTime: record.PickupTime,
    DropoffTime: record.DropoffTime,
    ...(record.CancelTime ? { CancelTime: record.CancelTime } : {}),
  };
}

/** The rider's rides, newest first, one page at a time. */
export async function listRides(rider: string, page: PageQuery, history: RideHistory, now: number): Promise<RidePage> {
  const { rides, nextCursor } = await history.listByRider(rider, page);
  return { Rides: rides.map((ride) => toRide(ride, now)), ...(nextCursor ? { NextCursor: nextCursor } : {}) };
}

/** One of the rider's rides; RideNotFound alike for a ride that does not exist and someone else's. */
export async function findRide(rider: string, rideId: string, history: RideHistory, now: number): Promise<Ride> {
  const record = await history.get(rideId);
  if (!record || record.User !== rider) throw new RideNotFound();
  return toRide(record, now);
}
