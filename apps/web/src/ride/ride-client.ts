import type { ErrorResponse, PickupLocation, RideResponse } from '@wildrydes/contract';

/**
 * The typed client for `POST {invokeUrl}/ride`. Only types come from the contract package:
 * its zod schemas stay out of the browser bundle, so the response is checked by hand here.
 */
export const RIDE_TIMEOUT_MS = 15_000;

export type RideFailure =
  | { kind: 'http'; status: number; message?: string; reference?: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string }
  | { kind: 'badResponse' };

export type RideResult = { ok: true; ride: RideResponse } | ({ ok: false } & RideFailure);

export interface RideRequestInput {
  invokeUrl: string;
  idToken: string;
  pickup: PickupLocation;
  /** The same key for a retry of the same ride, so the API books it at most once. */
  idempotencyKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function isRideResponse(value: unknown): value is RideResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const unicorn = v['Unicorn'] as Record<string, unknown> | null | undefined;
  return (
    typeof v['RideId'] === 'string' &&
    typeof unicorn === 'object' &&
    unicorn !== null &&
    typeof unicorn['Name'] === 'string' &&
    typeof unicorn['Color'] === 'string' &&
    (unicorn['Gender'] === 'Male' || unicorn['Gender'] === 'Female')
  );
}

function errorFields(value: unknown): Pick<ErrorResponse, 'message' | 'Reference'> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['message'] !== 'string' || v['message'] === '') return undefined;
  return {
    message: v['message'],
    ...(typeof v['Reference'] === 'string' ? { Reference: v['Reference'] } : {}),
  };
}

export async function requestRide(input: RideRequestInput): Promise<RideResult> {
  const fetchFn = input.fetch ?? fetch.bind(globalThis);
  const timeout = AbortSignal.timeout(input.timeoutMs ?? RIDE_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetchFn(`${input.invokeUrl}/ride`, {
      method: 'POST',
      headers: {
        // The workshop's API Gateway authorizer takes the raw ID token, without "Bearer".
        Authorization: input.idToken,
        'Content-Type': 'application/json',
        'Idempotency-Key': input.idempotencyKey,
      },
      body: JSON.stringify({ PickupLocation: { Latitude: input.pickup.Latitude, Longitude: input.pickup.Longitude } }),
      signal: timeout,
    });
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
  if (response.ok) {
    return isRideResponse(body) ? { ok: true, ride: body } : { ok: false, kind: 'badResponse' };
  }
  const fields = errorFields(body);
  return {
    ok: false,
    kind: 'http',
    status: response.status,
    ...(fields ? { message: fields.message } : {}),
    ...(fields?.Reference ? { reference: fields.Reference } : {}),
  };
}

/** A v4 UUID; crypto.randomUUID only exists in secure contexts, so fall back to random bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Where the unicorn sets off from, when the API says (`UnicornPosition`, newer APIs only): the
 * flight then comes from that side of the map. Read defensively: older APIs do not send it.
 */
export function unicornOrigin(ride: RideResponse): PickupLocation | undefined {
  const position: unknown = (ride as RideResponse & { UnicornPosition?: unknown }).UnicornPosition;
  if (typeof position !== 'object' || position === null) return undefined;
  const { Latitude, Longitude } = position as Record<string, unknown>;
  if (typeof Latitude !== 'number' || typeof Longitude !== 'number') return undefined;
  if (Math.abs(Latitude) > 90 || Math.abs(Longitude) > 180) return undefined;
  return { Latitude, Longitude };
}
