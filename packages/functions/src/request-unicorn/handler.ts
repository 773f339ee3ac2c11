import { newRideId, type RequestRideDeps, requestRide } from '@wildrydes/rides';
import { apiDeps, config, documentClient } from '../runtime';
import { dynamodbCallMaxMs } from '../store/dynamodb-client';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

const rides: Omit<RequestRideDeps, 'deadline'> = {
  store: createDynamoDbRideStore(documentClient, {
    rides: config.ridesTable,
    idempotency: config.idempotencyTable,
    unicorns: config.unicornsTable,
  }),
  newRideId: () => newRideId(),
  now: () => new Date(),
  random: Math.random,
  storeCallMaxMs: dynamodbCallMaxMs(config.dynamodbTimeoutMs),
};

export const handler = createRequestUnicornHandler({
  ...apiDeps,
  requestRide: (rider, pickup, deadline, idempotencyKey) => requestRide(rider, pickup, { ...rides, deadline }, idempotencyKey),
});
