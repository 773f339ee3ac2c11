import type { RideStatus } from '@wildrydes/contract';

/** What a ride's status follows; both the booking answer and a history ride carry it. */
export interface RideTimes {
  /** The status as the API answered (as of its answer). */
  Status?: RideStatus;
  /** ISO 8601: when the unicorn reaches the pickup, and when the ride ends. */
  PickupTime: string;
  DropoffTime: string;
  /** ISO 8601; only on a cancelled ride. */
  CancelTime?: string;
}

const ORDER: Record<RideStatus, number> = { Assigned: 0, PickedUp: 1, Completed: 2, Cancelled: 3 };

/**
 * The ride's status at `now` (epoch ms), by the API's own rule (rideStatus in packages/rides, which
 * the browser bundle must not import): Assigned until PickupTime, PickedUp until DropoffTime, then
 * Completed; a cancel is final. The status the API answered is a floor, so a browser clock that
 * runs behind the server's never moves a ride back (nor offers to cancel a ride already picked up).
 */
export function rideStatusAt(ride: RideTimes, now: number): RideStatus {
  if (ride.CancelTime !== undefined || ride.Status === 'Cancelled') return 'Cancelled';
  const byTime: RideStatus = now < Date.parse(ride.PickupTime) ? 'Assigned' : now < Date.parse(ride.DropoffTime) ? 'PickedUp' : 'Completed';
  return ride.Status !== undefined && ORDER[ride.Status] > ORDER[byTime] ? ride.Status : byTime;
}

/** When (epoch ms) the ride's status next changes by time alone, after `now`; undefined once it no longer will. */
export function nextStatusChange(ride: RideTimes, now: number): number | undefined {
  const status = rideStatusAt(ride, now);
  const at = status === 'Assigned' ? Date.parse(ride.PickupTime) : status === 'PickedUp' ? Date.parse(ride.DropoffTime) : Number.NaN;
  return Number.isFinite(at) ? Math.max(at, now) : undefined;
}

/** Assigned or PickedUp: the rider has this ride now and may not book another (fair use). */
export const isActive = (status: RideStatus): boolean => status === 'Assigned' || status === 'PickedUp';

/** Only before pickup can a ride be cancelled. */
export const isCancellable = (status: RideStatus): boolean => status === 'Assigned';
