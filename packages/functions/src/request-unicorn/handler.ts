import { newRideId, requestRide, WORKSHOP_FLEET, type RequestRideDeps } from '@wildrydes/rides';
import { apiDeps, config, documentClient } from '../runtime';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

const rides: RequestRideDeps = {
  fleet: WORKSHOP_FLEET,
  store: createDynamoDbRideStore(documentClient, { rides: config.ridesTable, idempotency: config.idempotencyTable }),
  random: Math.random,
  newRideId: () => newRideId(),
  now: () => new Date(),
};

export const handler = createRequestUnicornHandler({
  ...apiDeps,
  requestRide: (rider, pickup, idempotencyKey) => requestRide(rider, pickup, rides, idempotencyKey),
});
