import { configuredVerifier } from './auth/configured-verifier';
import { readConfig } from './config';
import type { ApiDeps } from './http/api-handler';
import { createDocumentClient } from './store/dynamodb-client';
import { createDynamoDbRideHistory } from './store/dynamodb-ride-history';
import type { RideTables } from './store/dynamodb-ride-store';

/**
 * What every handler builds once per container, at import, and reuses for every invocation:
 * configuration, the DynamoDB client, the token verifier (with its JWKS cache) and the stores' tables.
 */
export const config = readConfig();
export const documentClient = createDocumentClient(config.region, config.dynamodbEndpoint, config.dynamodbTimeoutMs);
export const apiDeps: ApiDeps = {
  verifier: configuredVerifier(config),
  allowedOrigins: config.allowedOrigins,
  answerReserveMs: config.answerReserveMs,
};
export const rideTables: RideTables = {
  rides: config.ridesTable,
  idempotency: config.idempotencyTable,
  unicorns: config.unicornsTable,
  riders: config.ridersTable,
};
export const history = createDynamoDbRideHistory(documentClient, config.ridesTable);
