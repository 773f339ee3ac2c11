import type { AccountDeletion, PageQuery, PickupLocation, Ride, RidePage, RideResponse } from '@wildrydes/contract';
import { errorFields, isAccountDeletion, isRide, isRidePage, isRideResponse } from './guards';

export const DEFAULT_TIMEOUT_MS = 15_000;

/** The API said no: its status, and what its body and headers say about it. */
export interface HttpFailure {
  kind: 'http';
  status: number;
  message?: string;
  reference?: string;
  /** On a 409 from `POST /ride` (one ride at a time) or `DELETE /me`: the rider's ride that is still active. */
  rideId?: string;
  /**
   * Seconds to wait before asking again, from `Retry-After` (a 503 says it). A browser only sees
   * the header when the API lists it in Access-Control-Expose-Headers.
   */
  retryAfterSeconds?: number;
}

/** Why a call did not return what was asked: the API said no, it took too long, the network failed, or the answer was malformed. */
export type ApiFailure = HttpFailure | { kind: 'timeout' } | { kind: 'network'; detail: string } | { kind: 'badResponse' };

export type ApiResult<T> = { ok: true; value: T } | ({ ok: false } & ApiFailure);

/** `POST /ride` refused because the rider already has a ride on its way (fair use); `rideId` names it. */
export type ActiveRideConflict = HttpFailure & { status: 409; rideId: string };
/** A 503: nothing was done (no unicorn can reach the pickup in time, or a dependency is briefly down); ask again later. */
export type Unavailable = HttpFailure & { status: 503 };

export const isActiveRideConflict = (failure: ApiFailure): failure is ActiveRideConflict =>
  failure.kind === 'http' && failure.status === 409 && typeof failure.rideId === 'string';
export const isUnavailable = (failure: ApiFailure): failure is Unavailable => failure.kind === 'http' && failure.status === 503;

export interface ClientOptions {
  /** The API's base URL: the stack's `ApiUrl` output, or the local stack's api.url. */
  invokeUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface WildRydesClient {
  /**
   * `POST /ride`, with an optional drop-off point (the ride ends at the pickup without one). Reuse
   * `idempotencyKey` when retrying the same ride: the API books it at most once. Refusals to
   * expect: 409 with `rideId` (the rider's active ride, see isActiveRideConflict) and 503 (see
   * isUnavailable: nothing was booked).
   */
  requestRide(idToken: string, pickup: PickupLocation, idempotencyKey?: string, dropoff?: PickupLocation): Promise<ApiResult<RideResponse>>;
  /** `GET /rides`: a page of the rider's rides, newest first. */
  listRides(idToken: string, page?: Partial<PageQuery>): Promise<ApiResult<RidePage>>;
  /** `GET /rides/{rideId}`. */
  getRide(idToken: string, rideId: string): Promise<ApiResult<Ride>>;
  /**
   * `POST /rides/{rideId}/cancel`: the ride, now `Cancelled` (cancelling twice answers the same).
   * 409 once the unicorn has picked the rider up; 404 for a ride that is not the rider's.
   */
  cancelRide(idToken: string, rideId: string): Promise<ApiResult<Ride>>;
  /**
   * `DELETE /me`: the rider's account, rides and sign-in are deleted. 409 with `rideId` (see
   * isActiveRideConflict) while a ride is on its way. Asking again after a failure finishes the job.
   */
  deleteAccount(idToken: string): Promise<ApiResult<AccountDeletion>>;
}

/** `Retry-After` in seconds: a number of seconds, or an HTTP date. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const location = ({ Latitude, Longitude }: PickupLocation): PickupLocation => ({ Latitude, Longitude });

/** A client for the WildRydes API. It never throws: every outcome is an ApiResult. */
export function createClient({
  invokeUrl,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  fetch: fetchFn = fetch.bind(globalThis),
}: ClientOptions): WildRydesClient {
  const base = invokeUrl.replace(/\/+$/, '');

  async function call<T>(path: string, init: RequestInit, accept: (body: unknown) => body is T): Promise<ApiResult<T>> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, { ...init, signal: timeout });
    } catch (error) {
      if (timeout.aborted) return { ok: false, kind: 'timeout' };
      return { ok: false, kind: 'network', detail: error instanceof Error ? error.message : String(error) };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (response.ok) return accept(body) ? { ok: true, value: body } : { ok: false, kind: 'badResponse' };
    const fields = errorFields(body);
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
    return {
      ok: false,
      kind: 'http',
      status: response.status,
      ...(fields ? { message: fields.message } : {}),
      ...(fields?.Reference ? { reference: fields.Reference } : {}),
      ...(fields?.RideId ? { rideId: fields.RideId } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    };
  }

  // The API takes the raw ID token, without "Bearer", as the workshop's ride.js sends it.
  const auth = (idToken: string) => ({ Authorization: idToken });
  const ridePath = (rideId: string) => `/rides/${encodeURIComponent(rideId)}`;

  return {
    requestRide: (idToken, pickup, idempotencyKey, dropoff) =>
      call(
        '/ride',
        {
          method: 'POST',
          headers: {
            ...auth(idToken),
            'Content-Type': 'application/json',
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          // Only the coordinates: whatever else a caller's object carries stays out of the request.
          body: JSON.stringify({ PickupLocation: location(pickup), ...(dropoff ? { DropoffLocation: location(dropoff) } : {}) }),
        },
        isRideResponse,
      ),
    listRides: (idToken, page = {}) => {
      const query = new URLSearchParams();
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      if (page.cursor !== undefined) query.set('cursor', page.cursor);
      const search = query.size ? `?${query}` : '';
      return call(`/rides${search}`, { headers: auth(idToken) }, isRidePage);
    },
    getRide: (idToken, rideId) => call(ridePath(rideId), { headers: auth(idToken) }, isRide),
    // The route takes no body, so none is sent (and no Content-Type).
    cancelRide: (idToken, rideId) => call(`${ridePath(rideId)}/cancel`, { method: 'POST', headers: auth(idToken) }, isRide),
    deleteAccount: (idToken) => call('/me', { method: 'DELETE', headers: auth(idToken) }, isAccountDeletion),
  };
}
