import { type PickupLocation, parseRideRequest } from '@wildrydes/contract';
import { type Deadline, distanceKm, isValidIdempotencyKey, type RideRequestResult } from '@wildrydes/rides';
import { type ApiDeps, bodyText, createApiHandler, type Handler } from '../http/api-handler';
import { InvalidRequest } from '../http/error-answers';
import { header } from '../http/response';
import { log } from '../logger';
import { record } from '../metrics';

export interface RequestUnicornDeps extends ApiDeps {
  requestRide: (
    rider: string,
    pickup: PickupLocation,
    deadline: Deadline,
    idempotencyKey?: string,
    dropoff?: PickupLocation,
  ) => Promise<RideRequestResult>;
}

/** `POST /ride`: validate the pickup (and drop-off), book the ride (once per idempotency key), answer in the workshop's shape. */
export function createRequestUnicornHandler(deps: RequestUnicornDeps): Handler {
  return createApiHandler('ride request', deps, async ({ event, rider, requestId, deadline }) => {
    const request = parseRideRequest(bodyText(event));
    if (!request.ok) throw new InvalidRequest(request.code, request.message);
    const idempotencyKey = header(event.headers, 'idempotency-key');
    if (idempotencyKey !== undefined && !isValidIdempotencyKey(idempotencyKey)) {
      throw new InvalidRequest('InvalidRequest', 'Idempotency-Key must be 1-128 letters, digits or -_.: (a UUID is ideal)');
    }
    const { PickupLocation, DropoffLocation } = request.value;
    const { response, replayed, attempts, cellsRead } = await deps.requestRide(
      rider.username,
      PickupLocation,
      deadline,
      idempotencyKey,
      DropoffLocation,
    );
    log('info', replayed ? 'ride replayed' : 'ride booked', {
      requestId,
      rideId: response.RideId,
      unicorn: response.UnicornName,
      attempts,
      cellsRead,
      etaSeconds: response.EtaSeconds,
    });
    if (replayed) {
      record('RidesReplayed');
    } else {
      record('RidesBooked');
      record('BookingAttempts', attempts);
      record('DispatchEtaSeconds', response.EtaSeconds);
      record('DispatchDistanceKm', Math.round(distanceKm(response.UnicornPosition, PickupLocation) * 1000) / 1000);
    }
    return { status: 201, body: response, ...(replayed ? { headers: { 'Idempotent-Replayed': 'true' } } : {}) };
  });
}
