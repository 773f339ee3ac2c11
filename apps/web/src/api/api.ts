import { type ApiResult, createClient, type WildRydesClient } from '@wildrydes/client';
import { type Session, SessionExpiredError } from '../features/auth/session/session';

export type { ApiFailure, ApiResult, RideTimes, WildRydesClient } from '@wildrydes/client';
// The status rule's one home on the web side (the client package: the API's own module is too big to ship).
export { isActive, isActiveRideConflict, isCancellable, isUnavailable, nextStatusChange, rideStatusAt } from '@wildrydes/client';

/** How long the app waits for any API answer before offering a retry. */
export const API_TIMEOUT_MS = 15_000;

/** The API client the pages use (@wildrydes/client): it never throws, every outcome is an ApiResult. */
export function apiClient(invokeUrl: string, fetchFn?: typeof fetch): WildRydesClient {
  return createClient({ invokeUrl, timeoutMs: API_TIMEOUT_MS, ...(fetchFn ? { fetch: fetchFn } : {}) });
}

/**
 * Calls the API with a fresh ID token. A 401 means the token was refused (expired early, or
 * revoked): refresh once and call again with the same arguments (for a ride, the same
 * idempotency key). A second 401, or a refresh token Cognito refuses, throws SessionExpiredError
 * so the page can send the rider to sign in and back.
 */
export async function withFreshToken<T>(
  session: Pick<Session, 'idToken' | 'refresh'>,
  call: (idToken: string) => Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  const first = await call(await session.idToken());
  if (first.ok || first.kind !== 'http' || first.status !== 401) return first;
  const second = await call(await session.refresh());
  if (!second.ok && second.kind === 'http' && second.status === 401) {
    throw new SessionExpiredError(second.message ?? 'Unauthorized');
  }
  return second;
}
