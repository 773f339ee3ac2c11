import { findRide, type RideHistory, RideNotFound } from '@wildrydes/rides';
import { type ApiDeps, createApiHandler, type Handler } from '../http/api-handler';

const RIDE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The `{rideId}` of the path, or RideNotFound for one no ride can have (404 alike). */
export function rideIdOf(pathParameters: Record<string, string | undefined> | null): string {
  const rideId = pathParameters?.rideId ?? '';
  if (!RIDE_ID.test(rideId)) throw new RideNotFound();
  return rideId;
}

/** `GET /rides/{rideId}`: one of the caller's rides with its status now; 404 alike for a missing ride and someone else's. */
export function createGetRideHandler(deps: ApiDeps & { history: RideHistory; now: () => Date }): Handler {
  return createApiHandler('ride lookup', deps, async ({ event, rider }) => {
    const ride = await findRide(rider.username, rideIdOf(event.pathParameters), deps.history, deps.now().getTime());
    return { status: 200, body: ride };
  });
}
