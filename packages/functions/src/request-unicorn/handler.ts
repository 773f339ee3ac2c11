import { newRideId, type RequestRideDeps, requestRide } from '@wildrydes/rides';
import { apiDeps } from '../http/api-runtime';
import { config, documentClient, rideTables } from '../runtime';
import { dynamodbCallMaxMs } from '../store/dynamodb-client';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

const rides: Omit<RequestRideDeps, 'deadline'> = {
  store: createDynamoDbRideStore(documentClient, rideTables),
  newRideId: () => newRideId(),
  now: () => new Date(),
  random: Math.random,
  maxWaitMinutes: config.maxWaitMinutes,
  storeCallMaxMs: dynamodbCallMaxMs(config.dynamodbTimeoutMs),
};

export const handler = createRequestUnicornHandler({
  ...apiDeps,
  requestRide: (rider, pickup, deadline, idempotencyKey, dropoff) =>
    requestRide(rider, pickup, { ...rides, deadline }, idempotencyKey, dropoff),
});
