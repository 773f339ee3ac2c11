import type { FunctionConfig } from '../config';
import { createIdTokenVerifier, type IdTokenVerifier } from './id-token';

/**
 * The ID token verifier every function that checks tokens builds at init, from its configuration:
 * with the keys the deploy shipped, no fetch at all; without them, the fetch starts during the
 * init rather than on the first request.
 */
export function configuredVerifier(config: Pick<FunctionConfig, 'tokenIssuer' | 'userPoolClientId' | 'idTokenJwks'>): IdTokenVerifier {
  return createIdTokenVerifier({
    issuer: config.tokenIssuer,
    clientId: config.userPoolClientId,
    prefetch: true,
    ...(config.idTokenJwks ? { jwks: config.idTokenJwks } : {}),
  });
}
