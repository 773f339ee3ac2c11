import { configuredVerifier } from '../auth/configured-verifier';
import { config } from '../runtime';
import type { ApiDeps } from './api-handler';

/**
 * What the REST routes share, built once per container: the token verifier (with the shipped keys,
 * or its JWKS fetch started during the init), the allowed origins and the answer's reserve. Only the
 * HTTP handlers import it, so functions that verify no token (the live connection's routes, the
 * notifier, the census) neither bundle the verifier nor build it on a cold start.
 */
export const apiDeps: ApiDeps = {
  verifier: configuredVerifier(config),
  allowedOrigins: config.allowedOrigins,
  answerReserveMs: config.answerReserveMs,
};
