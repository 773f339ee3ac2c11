import type { PickupLocation, RideResponse } from '@wildrydes/contract';

/**
 * A client may send `Idempotency-Key` so that retrying a ride request (say, after a network
 * error) books at most one ride. Keys are scoped to the rider: two riders never share one.
 */
export interface IdempotencyClaim {
  /** `<rider>#<key>`: the rider's own namespace. */
  scopedKey: string;
  /** What was asked, so a reused key with another request is refused, not answered with a stale ride. */
  fingerprint: string;
  response: RideResponse;
}

/** What an earlier request with the same key left behind. */
export interface IdempotencyRecord {
  fingerprint: string;
  response: RideResponse;
}

/** Keys: 1–128 characters, letters, digits and `-_.:` (UUIDs, ULIDs and the like). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export const isValidIdempotencyKey = (key: string) => IDEMPOTENCY_KEY_PATTERN.test(key);

export const scopeIdempotencyKey = (rider: string, key: string) => `${rider}#${key}`;

/** The request's identity: the pickup (and drop-off, if any), exactly as parsed. */
export const requestFingerprint = (pickup: PickupLocation, dropoff?: PickupLocation) =>
  `${pickup.Latitude},${pickup.Longitude}${dropoff ? `>${dropoff.Latitude},${dropoff.Longitude}` : ''}`;
