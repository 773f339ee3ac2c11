import { AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Identities } from '@wildrydes/rides';
import { lambdaCredentials } from './dynamodb-client';

/**
 * The user pool's users, for deleting an account: AdminDeleteUser with the function's own role
 * (allowed that one action on this pool only). Locally the endpoint is cognito-local's.
 */
export function createCognitoIdentities(region: string, userPoolId: string, endpoint: string | undefined, timeoutMs: number): Identities {
  const client = new CognitoIdentityProviderClient({
    region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : { credentials: lambdaCredentials }),
  });
  return {
    async deleteUser(username, signal) {
      try {
        await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }), { abortSignal: signal });
      } catch (error) {
        // Deleted by an earlier try of this request: the job is done.
        if (error instanceof Error && error.name === 'UserNotFoundException') return;
        throw error;
      }
    },
  };
}
