export { asyncApiDocument, LIVE_MESSAGES } from './asyncapi';
export * from './errors';
export * from './history';
export * from './live';
export { openApiDocument } from './openapi';
export * from './parse';
export * from './ride';
