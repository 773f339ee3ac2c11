import { configuredVerifier } from '../../auth/configured-verifier';
import { readConfig } from '../../config';
import { createLiveAuthorizer } from './app';

// Only the verifier: the authorizer touches no table.
const config = readConfig();
export const handler = createLiveAuthorizer(configuredVerifier(config));
