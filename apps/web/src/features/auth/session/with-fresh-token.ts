import type { ApiResult } from '../../../api/api';
import { type Session, SessionExpiredError } from './session';

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
