import type { PageQuery, PickupLocation, Ride, RidePage, RideResponse } from '@wildrydes/contract';
import { errorFields, isRide, isRidePage, isRideResponse } from './guards';

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Why a call did not return what was asked: the API said no, it took too long, the network failed, or the answer was malformed. */
export type ApiFailure =
  | { kind: 'http'; status: number; message?: string; reference?: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string }
  | { kind: 'badResponse' };

export type ApiResult<T> = { ok: true; value: T } | ({ ok: false } & ApiFailure);

export interface ClientOptions {
  /** The API's base URL: the stack's `ApiUrl` output, or the local stack's api.url. */
  invokeUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface WildRydesClient {
  /** `POST /ride`. Reuse `idempotencyKey` when retrying the same ride: the API books it at most once. */
  requestRide(idToken: string, pickup: PickupLocation, idempotencyKey?: string): Promise<ApiResult<RideResponse>>;
  /** `GET /rides`: a page of the rider's rides, newest first. */
  listRides(idToken: string, page?: Partial<PageQuery>): Promise<ApiResult<RidePage>>;
  /** `GET /rides/{rideId}`. */
  getRide(idToken: string, rideId: string): Promise<ApiResult<Ride>>;
}

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
    return {
      ok: false,
      kind: 'http',
      status: response.status,
      ...(fields ? { message: fields.message } : {}),
      ...(fields?.Reference ? { reference: fields.Reference } : {}),
    };
  }

  // The API takes the raw ID token, without "Bearer", as the workshop's ride.js sends it.
  const auth = (idToken: string) => ({ Authorization: idToken });

  return {
    requestRide: (idToken, pickup, idempotencyKey) =>
      call(
        '/ride',
        {
          method: 'POST',
          headers: {
            ...auth(idToken),
            'Content-Type': 'application/json',
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body: JSON.stringify({ PickupLocation: { Latitude: pickup.Latitude, Longitude: pickup.Longitude } }),
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
    getRide: (idToken, rideId) => call(`/rides/${encodeURIComponent(rideId)}`, { headers: auth(idToken) }, isRide),
  };
}
