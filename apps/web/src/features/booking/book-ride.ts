import type { PickupLocation, Ride, RideResponse } from '@wildrydes/contract';
import type { ApiResult, WildRydesClient } from '../../api/api';
import type { Session } from '../auth/session/session';
import { withFreshToken } from '../auth/session/with-fresh-token';

export type BookRide = (pickup: PickupLocation, idempotencyKey: string, dropoff?: PickupLocation) => Promise<ApiResult<RideResponse>>;
export type CancelRide = (rideId: string) => Promise<ApiResult<Ride>>;

/**
 * Books a ride through the API client with a fresh ID token: one refresh-and-retry on 401 with
 * the same idempotency key (so the API books it at most once); a dead session throws
 * SessionExpiredError.
 */
export function createBookRide(session: Pick<Session, 'idToken' | 'refresh'>, client: Pick<WildRydesClient, 'requestRide'>): BookRide {
  return (pickup, idempotencyKey, dropoff) =>
    withFreshToken(session, (idToken) => client.requestRide(idToken, pickup, idempotencyKey, dropoff));
}

/** Cancels one of the rider's rides, the same way (a cancel is safe to send twice). */
export function createCancelRide(session: Pick<Session, 'idToken' | 'refresh'>, client: Pick<WildRydesClient, 'cancelRide'>): CancelRide {
  return (rideId) => withFreshToken(session, (idToken) => client.cancelRide(idToken, rideId));
}
