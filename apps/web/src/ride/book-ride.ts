import type { PickupLocation, RideResponse } from '@wildrydes/contract';
import { type ApiResult, type WildRydesClient, withFreshToken } from '../api/api';
import type { Session } from '../auth/session';

export type BookRide = (pickup: PickupLocation, idempotencyKey: string) => Promise<ApiResult<RideResponse>>;

/**
 * Books a ride through the API client with a fresh ID token: one refresh-and-retry on 401 with
 * the same idempotency key (so the API books it at most once); a dead session throws
 * SessionExpiredError.
 */
export function createBookRide(session: Pick<Session, 'idToken' | 'refresh'>, client: Pick<WildRydesClient, 'requestRide'>): BookRide {
  return (pickup, idempotencyKey) => withFreshToken(session, (idToken) => client.requestRide(idToken, pickup, idempotencyKey));
}
