import { readConfig } from '../config';
import { createDocumentClient } from '../store/dynamodb-client';
import { createDynamoDbFleetCensus } from '../store/dynamodb-fleet-census';
import { createFleetCensusHandler } from './app';

// Not runtime.ts: this function verifies no tokens, so it fetches no signing keys.
const config = readConfig();

export const handler = createFleetCensusHandler({
  census: createDynamoDbFleetCensus(
    createDocumentClient(config.region, config.dynamodbEndpoint, config.dynamodbTimeoutMs),
    config.unicornsTable,
  ),
  now: () => Date.now(),
});
