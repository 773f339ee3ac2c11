export * from './account';
export { asyncApiDocument, LIVE_MESSAGES } from './asyncapi';
export * from './errors';
export * from './history';
export * from './live';
export * from './live-limits';
export { openApiDocument } from './openapi';
export * from './parse';
export * from './ride';
