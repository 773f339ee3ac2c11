export { readStackConfig, stackEnv, urls, type StackConfig, type Profile, type Ports } from './config';
export { startStack, type RunningStack } from './stack';
export { readStackFile, webConfigFor, type StackDescription, type WebConfig } from './stack-file';
export { USER_POOL_SETTINGS, RIDES_TABLE_KEY, IDEMPOTENCY_TABLE_KEY, UNICORNS_TABLE_KEY, RIDER_INDEX, seedFleet } from './bootstrap';
