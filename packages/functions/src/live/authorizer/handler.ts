import { createIdTokenVerifier } from '../../auth/id-token';
import { readConfig } from '../../config';
import { createLiveAuthorizer } from './app';

// Only the verifier: the authorizer touches no table.
const config = readConfig();
export const handler = createLiveAuthorizer(
  createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.userPoolClientId, prefetch: true }),
);
