import { apiDeps, config, documentClient } from '../runtime';
import { createDynamoDbRideHistory } from '../store/dynamodb-ride-history';
import { createGetRideHandler } from './app';

export const handler = createGetRideHandler({ ...apiDeps, history: createDynamoDbRideHistory(documentClient, config.ridesTable) });
