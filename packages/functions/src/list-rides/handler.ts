import { readCursorSecret } from '../config';
import { apiDeps } from '../http/api-runtime';
import { config, documentClient } from '../runtime';
import { createCursorCodec } from '../store/cursor';
import { createDynamoDbRideHistory } from '../store/dynamodb-ride-history';
import { createListRidesHandler } from './app';

// The only function that lists, so the only one given the cursor key.
export const handler = createListRidesHandler({
  ...apiDeps,
  history: createDynamoDbRideHistory(documentClient, config.ridesTable, createCursorCodec(readCursorSecret())),
  now: () => new Date(),
});
