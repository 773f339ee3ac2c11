import { createIdTokenVerifier } from './auth/id-token';
import { readConfig } from './config';
import type { ApiDeps } from './http/api-handler';
import { createDocumentClient } from './store/dynamodb-client';

/**
 * What every handler builds once per container, at import, and reuses for every invocation:
 * configuration, the DynamoDB client and the token verifier (with its JWKS cache).
 */
export const config = readConfig();
export const documentClient = createDocumentClient(config.region, config.dynamodbEndpoint, config.dynamodbTimeoutMs);
export const apiDeps: ApiDeps = {
  verifier: createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.userPoolClientId, prefetch: true }),
  allowedOrigins: config.allowedOrigins,
  answerReserveMs: config.answerReserveMs,
};
