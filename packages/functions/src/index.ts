export { createIdTokenVerifier, JwksUnavailable, Unauthorized } from './auth/id-token';
export { readConfig } from './config';
export { createRequestUnicornHandler } from './request-unicorn/app';
