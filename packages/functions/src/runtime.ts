import { readConfig } from './config';
import { createDocumentClient } from './store/dynamodb-client';
import { createDynamoDbRideHistory } from './store/dynamodb-ride-history';
import type { RideTables } from './store/dynamodb-ride-store';

/**
 * What every handler builds once per container, at import, and reuses for every invocation:
 * configuration, the DynamoDB client and the stores' tables. The REST routes' token verifier is in
 * http/api-runtime.ts, so functions that verify no token do not build it.
 */
export const config = readConfig();
export const documentClient = createDocumentClient(config.region, config.dynamodbEndpoint, config.dynamodbTimeoutMs);
export const rideTables: RideTables = {
  rides: config.ridesTable,
  idempotency: config.idempotencyTable,
  unicorns: config.unicornsTable,
  riders: config.ridersTable,
};
export const history = createDynamoDbRideHistory(documentClient, config.ridesTable);
