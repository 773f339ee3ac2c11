import { findRide, type RideHistory } from '@wildrydes/rides';
import { type ApiDeps, ClientError, createApiHandler, type Handler } from '../http/api-handler';

const RIDE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `GET /rides/{rideId}`: one of the caller's rides; 404 alike for a missing ride and someone else's. */
export function createGetRideHandler(deps: ApiDeps & { history: RideHistory }): Handler {
  return createApiHandler('ride lookup', deps, async ({ event, rider }) => {
    const rideId = event.pathParameters?.rideId ?? '';
    const ride = RIDE_ID.test(rideId) ? await findRide(rider.username, rideId, deps.history) : undefined;
    if (!ride) throw new ClientError(404, 'No such ride');
    return { status: 200, body: ride };
  });
}
