import { type CancelRideDeps, cancelRide } from '@wildrydes/rides';
import { rideIdOf } from '../get-ride/app';
import { type ApiDeps, createApiHandler, type Handler } from '../http/api-handler';
import { log } from '../logger';
import { record } from '../metrics';

/** `POST /rides/{rideId}/cancel`: the caller cancels their ride before pickup; the unicorn is free again. */
export function createCancelRideHandler(deps: ApiDeps & CancelRideDeps): Handler {
  return createApiHandler('ride cancel', deps, async ({ event, rider, requestId }) => {
    const ride = await cancelRide(rider.username, rideIdOf(event.pathParameters), deps);
    log('info', 'ride cancelled', { requestId, rideId: ride.RideId, unicorn: ride.UnicornName });
    record('RidesCancelled');
    return { status: 200, body: ride };
  });
}
