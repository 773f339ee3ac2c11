export * from './ride';
export * from './errors';
export * from './parse';
export * from './history';
export { openApiDocument } from './openapi';
