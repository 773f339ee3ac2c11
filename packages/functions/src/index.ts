export { createRequestUnicornHandler } from './request-unicorn/app';
export { createIdTokenVerifier, Unauthorized, JwksUnavailable } from './auth/id-token';
export { readConfig } from './config';
