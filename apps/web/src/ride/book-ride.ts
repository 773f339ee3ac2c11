import type { PickupLocation } from '@wildrydes/contract';
import { SessionExpiredError, type Session } from '../auth/session';
import { requestRide, type RideResult } from './ride-client';

export type BookRide = (pickup: PickupLocation, idempotencyKey: string) => Promise<RideResult>;

/**
 * Books a ride with a fresh ID token. A 401 means the token was refused (expired early, or
 * revoked): refresh once and retry with the same idempotency key. A second 401, or a refresh
 * token Cognito refuses, throws SessionExpiredError so the page can send the rider to sign in.
 */
export function createBookRide(
  session: Pick<Session, 'idToken' | 'refresh'>,
  invokeUrl: string,
  fetchFn?: typeof fetch,
): BookRide {
  return async (pickup, idempotencyKey) => {
    const send = (idToken: string) =>
      requestRide({ invokeUrl, idToken, pickup, idempotencyKey, ...(fetchFn ? { fetch: fetchFn } : {}) });
    const first = await send(await session.idToken());
    if (first.ok || first.kind !== 'http' || first.status !== 401) return first;
    const second = await send(await session.refresh());
    if (!second.ok && second.kind === 'http' && second.status === 401) {
      throw new SessionExpiredError(second.message ?? 'Unauthorized');
    }
    return second;
  };
}
