import { documentClient, rideTables } from '../../runtime';
import { createDynamoDbRideStore } from '../../store/dynamodb-ride-store';
import { connections, push } from '../runtime';
import { createWatchHandler } from './app';

export const handler = createWatchHandler({ connections, fleet: createDynamoDbRideStore(documentClient, rideTables), push, now: Date.now });
