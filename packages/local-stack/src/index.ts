export {
  CELL_INDEX,
  CONNECTION_RIDER_INDEX,
  CONNECTIONS_TABLE,
  ensureTable,
  IDEMPOTENCY_TABLE,
  IDEMPOTENCY_TABLE_KEY,
  RIDER_INDEX,
  RIDERS_TABLE,
  RIDERS_TABLE_KEY,
  RIDES_TABLE,
  RIDES_TABLE_KEY,
  seedFleet,
  type TableDefinition,
  UNICORNS_TABLE,
  UNICORNS_TABLE_KEY,
  USER_POOL_CLIENT_SETTINGS,
  USER_POOL_SETTINGS,
  WATCHES_TABLE,
} from './bootstrap';
export {
  type Ports,
  type Profile,
  readStackConfig,
  STREAM_CONSUMER,
  type StackConfig,
  stackEnv,
  streamSources,
  urls,
} from './config';
export { encodeJwks, fetchPoolJwks, type PoolJwks } from './jwks';
export { type RunningStack, startStack } from './stack';
export { readStackFile, type StackDescription, type WebConfig, webConfigFor } from './stack-file';
