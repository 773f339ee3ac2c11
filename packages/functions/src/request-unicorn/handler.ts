import { newRideId, type RequestRideDeps, requestRide } from '@wildrydes/rides';
import { apiDeps, config, documentClient, rideTables } from '../runtime';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

const rides: RequestRideDeps = {
  store: createDynamoDbRideStore(documentClient, rideTables),
  newRideId: () => newRideId(),
  now: () => new Date(),
  random: Math.random,
  maxWaitMinutes: config.maxWaitMinutes,
};

export const handler = createRequestUnicornHandler({
  ...apiDeps,
  requestRide: (rider, pickup, idempotencyKey, dropoff) => requestRide(rider, pickup, rides, idempotencyKey, dropoff),
});
