import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { CryptoKey, JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIdTokenVerifier, JwksUnavailable } from '../../../../src/auth/id-token';
import { createLiveAuthorizer, NOBODY } from '../../../../src/live/authorizer/app';
import { emittedMetrics } from '../../support/emitted-metrics';
import { signIdToken, signingKeys, TEST_CLIENT_ID, TEST_ISSUER } from '../../support/id-tokens';

const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abcdef/dev/$connect';
let key: CryptoKey;
let otherKey: CryptoKey;
let jwk: JWK;

beforeAll(async () => {
  ({ key, otherKey, jwk } = await signingKeys());
});

const authorizer = (fetch = async () => new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer) =>
  createLiveAuthorizer(createIdTokenVerifier({ issuer: TEST_ISSUER, clientId: TEST_CLIENT_ID, fetcher: { fetch } }));

const token = (claims: Record<string, unknown> = {}, signWith = key, expiresIn: string | number = '1h') =>
  signIdToken({ claims, signWith, expiresIn });

const connect = (query: Record<string, string> | null): APIGatewayRequestAuthorizerEvent =>
  ({
    type: 'REQUEST',
    methodArn,
    queryStringParameters: query,
    requestContext: { requestId: 'r1' },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

describe('the live API’s $connect authorizer', () => {
  it('allows a valid ID token from ?token= on this route only, naming the rider', async () => {
    const result = await authorizer()(connect({ token: await token() }));
    expect(result.principalId).toBe('rider-1');
    expect(result.context).toEqual({ rider: 'rider-1' });
    expect(result.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }]);
  });

  it('denies (API Gateway answers 403) every token the REST routes refuse, naming nobody', async () => {
    const good = await token();
    const [header, payload, signature] = good.split('.');
    const flipped = `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    const refused: (Record<string, string> | null)[] = [
      null,
      {},
      { token: '' },
      { token: 'garbage' },
      { token: flipped },
      { token: await token({}, otherKey) },
      { token: await token({ token_use: 'access' }) },
      { token: await token({}, key, Math.floor(Date.now() / 1000) - 60) },
      { token: await token({ aud: 'another-client' }) },
      { token: await token({ iss: 'http://localhost:9229/another_pool' }) },
      { token: 'x'.repeat(20_000) },
    ];
    for (const query of refused) {
      const result = await authorizer()(connect(query));
      expect(result, JSON.stringify(query).slice(0, 80)).toEqual({
        principalId: NOBODY,
        policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: methodArn }] },
      });
    }
  });

  it('fails (not 401) when the signing keys cannot be fetched: the client retries, not signs out', async () => {
    // The real fetcher (auth/jwks-fetcher.ts) reports an unreachable key server as JwksUnavailable.
    const down = authorizer(async () => {
      throw new JwksUnavailable('connect ECONNREFUSED');
    });
    await expect(down(connect({ token: await token() }))).rejects.toBeInstanceOf(JwksUnavailable);
  });

  it('counts a refused connection by the reason its token was refused', async () => {
    const expired = await token({}, key, Math.floor(Date.now() / 1000) - 60);
    expect(await emittedMetrics(() => authorizer()(connect({ token: expired })))).toEqual({
      TokensRefused: [1],
      'TokensRefused{Reason=expired}': [1],
    });
    expect(await emittedMetrics(() => authorizer()(connect(null)))).toEqual({ TokensRefused: [1], 'TokensRefused{Reason=missing}': [1] });
  });
});
