import type { PickupLocation, RideResponse, Unicorn } from '@wildrydes/contract';
import { pickUnicorn, type Random } from './fleet';
import {
  IdempotencyKeyReused,
  requestFingerprint,
  scopeIdempotencyKey,
  type IdempotencyClaim,
  type IdempotencyRecord,
} from './idempotency';
import { createRide, toRideResponse, type RideRecord } from './ride';

/** Where rides are kept. Implementations must never overwrite an existing ride. */
export interface RideStore {
  put(ride: RideRecord): Promise<void>;
  /**
   * Writes the ride and the claim on its idempotency key together, or neither. If the key was
   * already claimed, writes nothing and returns what the earlier request left.
   */
  putOnce(ride: RideRecord, claim: IdempotencyClaim): Promise<{ created: true } | { created: false; existing: IdempotencyRecord }>;
}

export interface RequestRideDeps {
  fleet: readonly Unicorn[];
  store: RideStore;
  random: Random;
  newRideId: () => string;
  now: () => Date;
}

export interface RideRequestResult {
  response: RideResponse;
  /** True when this answers a retry: the ride was booked by an earlier request with the same key. */
  replayed: boolean;
}

/** The use case behind `POST /ride`: pick a unicorn, record the ride (once per idempotency key), tell the rider. */
export async function requestRide(
  rider: string,
  pickup: PickupLocation,
  deps: RequestRideDeps,
  idempotencyKey?: string,
): Promise<RideRequestResult> {
  const ride = createRide({
    rideId: deps.newRideId(),
    rider,
    unicorn: pickUnicorn(deps.fleet, deps.random),
    pickup,
    requestedAt: deps.now(),
  });
  const response = toRideResponse(ride);
  if (idempotencyKey === undefined) {
    await deps.store.put(ride);
    return { response, replayed: false };
  }
  const fingerprint = requestFingerprint(pickup);
  const outcome = await deps.store.putOnce(ride, { scopedKey: scopeIdempotencyKey(rider, idempotencyKey), fingerprint, response });
  if (outcome.created) return { response, replayed: false };
  if (outcome.existing.fingerprint !== fingerprint) {
    throw new IdempotencyKeyReused('This Idempotency-Key was already used for a different ride request; send a new key for a new ride');
  }
  return { response: outcome.existing.response, replayed: true };
}
