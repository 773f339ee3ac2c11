import { config, documentClient } from '../runtime';
import { createDynamoDbLiveConnections } from '../store/dynamodb-live-connections';
import { readLiveConfig } from './config';
import { createPush } from './push';

/** What the live functions build once per container: their tables and the management API client. */
const liveConfig = readLiveConfig();
export const connections = createDynamoDbLiveConnections(documentClient, {
  connections: liveConfig.connectionsTable,
  watches: liveConfig.watchesTable,
});
export const push = createPush(liveConfig.endpoint, config.region);
