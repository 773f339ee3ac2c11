export * from './errors';
export * from './history';
export { openApiDocument } from './openapi';
export * from './parse';
export * from './ride';
