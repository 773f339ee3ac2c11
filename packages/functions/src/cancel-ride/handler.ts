import { apiDeps } from '../http/api-runtime';
import { documentClient, history, rideTables } from '../runtime';
import { createDynamoDbRideStore } from '../store/dynamodb-ride-store';
import { createCancelRideHandler } from './app';

export const handler = createCancelRideHandler({
  ...apiDeps,
  history,
  store: createDynamoDbRideStore(documentClient, rideTables),
  now: () => new Date(),
});
