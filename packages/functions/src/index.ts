export { createIdTokenVerifier, JwksUnavailable, Unauthorized } from './auth/id-token';
export { readConfig } from './config';
export { createRequestUnicornHandler } from './request-unicorn/app';
export { dynamodbCallMaxMs, SDK_MAX_ATTEMPTS } from './store/dynamodb-client';
