import type { PickupLocation, Ride } from '@wildrydes/contract';
import { positionAt } from './dispatch';
import { RideNotFound, TooLateToCancel } from './errors';
import type { RideHistory } from './history';
import { toRide } from './history';
import { type RideRecord, rideStatus, roundLocation } from './ride';

/** The outcome of writing a cancel; `changed` means the ride moved on since it was read: read it again. */
export type CancelOutcome = { status: 'cancelled' } | { status: 'changed' };

export interface CancelStore {
  /**
   * In one transaction: the ride gets its CancelTime (only if it is still the rider's, not
   * cancelled and not yet picked up), the rider's record lets go of it (from `now`), and the unicorn
   * is free at `unicornAt` from `unicornFreeFrom` (only if this ride is still its latest booking: if
   * another ride is queued on it, the unicorn keeps that one). `unicornFreeFrom` is `now`, except for
   * a ride queued behind the unicorn's previous one: that ride still holds the unicorn until it ends.
   */
  cancel(ride: RideRecord, cancelTime: string, now: number, unicornAt: PickupLocation, unicornFreeFrom: number): Promise<CancelOutcome>;
}

export interface CancelRideDeps {
  history: RideHistory;
  store: CancelStore;
  now: () => Date;
}

/**
 * The use case behind `POST /rides/{rideId}/cancel`: before pickup the ride is cancelled and its
 * unicorn is free again where it is now, on its way; cancelling twice answers the same ride;
 * after pickup it is too late.
 */
export async function cancelRide(rider: string, rideId: string, deps: CancelRideDeps): Promise<Ride> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = await deps.history.get(rideId);
    if (!record || record.User !== rider) throw new RideNotFound();
    const now = deps.now();
    const status = rideStatus(record, now.getTime());
    if (status === 'Cancelled') return toRide(record, now.getTime());
    if (status !== 'Assigned') throw new TooLateToCancel();
    const bookedFrom = Date.parse(record.BookedFrom);
    const unicornAt = roundLocation(
      positionAt(record.UnicornStart, record.PickupLocation, bookedFrom, Date.parse(record.PickupTime), now.getTime()),
    );
    const cancelTime = now.toISOString();
    // A ride queued on a busy unicorn has not started: the unicorn is free only when its previous ride ends.
    const unicornFreeFrom = Math.max(now.getTime(), bookedFrom);
    const outcome = await deps.store.cancel(record, cancelTime, now.getTime(), unicornAt, unicornFreeFrom);
    if (outcome.status === 'cancelled') return toRide({ ...record, CancelTime: cancelTime }, now.getTime());
  }
  // Three reads in a row saw a ride that changed before the write: answer what it is now.
  const record = await deps.history.get(rideId);
  if (!record || record.User !== rider) throw new RideNotFound();
  const now = deps.now().getTime();
  if (rideStatus(record, now) !== 'Cancelled') throw new TooLateToCancel();
  return toRide(record, now);
}
