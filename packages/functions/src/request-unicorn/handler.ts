import { newRideId, requestRide, WORKSHOP_FLEET, type RequestRideDeps } from '@wildrydes/rides';
import { createIdTokenVerifier } from '../auth/id-token';
import { readConfig } from '../config';
import { createDocumentClient } from '../store/dynamodb-client';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

// Created once per container and reused by every invocation it serves (JWKS cache included).
const config = readConfig();
const rides: RequestRideDeps = {
  fleet: WORKSHOP_FLEET,
  store: createDynamoDbRideStore(createDocumentClient(config.region, config.dynamodbEndpoint, config.dynamodbTimeoutMs), {
    rides: config.ridesTable,
    idempotency: config.idempotencyTable,
  }),
  random: Math.random,
  newRideId: () => newRideId(),
  now: () => new Date(),
};

export const handler = createRequestUnicornHandler({
  verifier: createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.userPoolClientId }),
  requestRide: (rider, pickup, idempotencyKey) => requestRide(rider, pickup, rides, idempotencyKey),
  allowedOrigins: config.allowedOrigins,
});
