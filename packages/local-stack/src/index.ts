export { ensureTable, seedFleet, USER_POOL_CLIENT_SETTINGS, USER_POOL_SETTINGS } from './bootstrap';
export {
  type Ports,
  type Profile,
  readStackConfig,
  SERVICE_NAME,
  STREAM_CONSUMER,
  type StackConfig,
  stackEnv,
  streamSources,
  urls,
} from './config';
export { encodeJwks, fetchPoolJwks, type PoolJwks } from './jwks';
export { offlineEnvironment } from './services/api';
export { type RunningStack, startStack } from './stack';
export { readStackFile, type StackDescription, type WebConfig, webConfigFor } from './stack-file';
