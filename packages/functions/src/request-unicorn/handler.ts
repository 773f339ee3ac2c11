import { newRideId, requestRide, WORKSHOP_FLEET } from '@wildrydes/rides';
import { createIdTokenVerifier } from '../auth/id-token';
import { readConfig } from '../config';
import { createDocumentClient } from '../store/dynamodb-client';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createRequestUnicornHandler } from './app';

// Created once per container and reused by every invocation it serves (JWKS cache included).
const config = readConfig();
const store = createDynamoDbRideStore(createDocumentClient(config.region, config.dynamodbEndpoint), config.ridesTable);

export const handler = createRequestUnicornHandler({
  verifier: createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.userPoolClientId }),
  requestRide: (rider, pickup) =>
    requestRide(rider, pickup, {
      fleet: WORKSHOP_FLEET,
      store,
      random: Math.random,
      newRideId: () => newRideId(),
      now: () => new Date(),
    }),
  allowedOrigins: config.allowedOrigins,
});
