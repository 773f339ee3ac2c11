import { newRideId, type RequestRideDeps, requestRide } from '@wildrydes/rides';
import { apiDeps, config, documentClient } from '../runtime';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

const rides: RequestRideDeps = {
  store: createDynamoDbRideStore(documentClient, {
    rides: config.ridesTable,
    idempotency: config.idempotencyTable,
    unicorns: config.unicornsTable,
  }),
  newRideId: () => newRideId(),
  now: () => new Date(),
  random: Math.random,
};

export const handler = createRequestUnicornHandler({
  ...apiDeps,
  requestRide: (rider, pickup, idempotencyKey) => requestRide(rider, pickup, rides, idempotencyKey),
});
