import type { PickupLocation, RideResponse, Unicorn } from '@wildrydes/contract';
import { pickUnicorn, type Random } from './fleet';
import { createRide, toRideResponse, type RideRecord } from './ride';

/** Where rides are kept. Implementations must never overwrite an existing ride. */
export interface RideStore {
  put(ride: RideRecord): Promise<void>;
}

export interface RequestRideDeps {
  fleet: readonly Unicorn[];
  store: RideStore;
  random: Random;
  newRideId: () => string;
  now: () => Date;
}

/** The use case behind `POST /ride`: pick a unicorn, record the ride, tell the rider. */
export async function requestRide(
  rider: string,
  pickup: PickupLocation,
  deps: RequestRideDeps,
): Promise<RideResponse> {
  const ride = createRide({
    rideId: deps.newRideId(),
    rider,
    unicorn: pickUnicorn(deps.fleet, deps.random),
    pickup,
    requestedAt: deps.now(),
  });
  await deps.store.put(ride);
  return toRideResponse(ride);
}
