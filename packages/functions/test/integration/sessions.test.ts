import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRider, getApi, readStack } from '@wildrydes/local-stack/testing';
import { describe, expect, it } from 'vitest';

/**
 * Sessions as the web app keeps them, on cognito-local with the app client's settings from
 * serverless.yml: refresh tokens rotate, so a copied refresh token stops working once the rider's
 * app refreshes, and the old refresh flow is refused.
 */
async function cognito() {
  const { cognito } = await readStack();
  const client = new CognitoIdentityProviderClient({
    region: cognito.region,
    endpoint: cognito.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { client, clientId: cognito.userPoolClientId };
}

describe('refresh token rotation', () => {
  it('gives a new refresh token with each refresh and refuses the one it replaced', async () => {
    const { client, clientId } = await cognito();
    const rider = await createRider();
    const first = rider.tokens.refreshToken;

    const { AuthenticationResult: fresh } = await client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first }),
    );
    expect(fresh?.IdToken).toEqual(expect.any(String));
    expect(fresh?.RefreshToken).toEqual(expect.any(String));
    expect(fresh?.RefreshToken).not.toBe(first);
    // The new ID token is as good as a signed-in one.
    expect((await getApi('/rides', { Authorization: fresh!.IdToken! })).status).toBe(200);

    await expect(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    // With rotation on, the refresh flow that does not rotate is refused, as AWS refuses it.
    await expect(
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: fresh!.RefreshToken! },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});
