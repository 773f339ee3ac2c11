import { describe, expect, it } from 'vitest';
import { shippedKeysParam } from '../../src/deploy/shipped-keys';

const key = { kid: 'k1', kty: 'RSA', alg: 'RS256', use: 'sig', n: 'abc', e: 'AQAB' };
const jwksFetch = (status = 200, body: unknown = { keys: [{ ...key, x5c: ['drop me'] }] }) => {
  const urls: string[] = [];
  const fetchFn = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { fetchFn, urls };
};

describe('shipping the pool’s signing keys with a deploy', () => {
  it('reads them from the deployed pool’s JWKS URL, keeps what verification needs, and encodes them', async () => {
    const { fetchFn, urls } = jwksFetch();
    const said: string[] = [];
    const param = await shippedKeysParam({
      outputs: async () => ({ UserPoolId: 'eu-west-1_AbC123', Region: 'eu-west-1' }),
      fetch: fetchFn,
      say: (l) => void said.push(l),
    });
    expect(urls).toEqual(['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json']);
    expect(JSON.parse(Buffer.from(param!, 'base64url').toString('utf8'))).toEqual({ keys: [key] });
    expect(param).toMatch(/^[\w-]+$/);
    expect(said).toEqual(['signing keys: 1 key(s) of eu-west-1_AbC123 shipped with the functions']);
  });

  it('ships nothing on a first deploy (no stack yet), saying the functions fetch them', async () => {
    const said: string[] = [];
    const param = await shippedKeysParam({
      outputs: async () => {
        throw Object.assign(new Error('Stack with id wildrydes-dev does not exist'), { name: 'ValidationError' });
      },
      say: (l) => void said.push(l),
    });
    expect(param).toBeUndefined();
    expect(said[0]).toMatch(/no deployed user pool yet/);
  });

  it('stays quiet without credentials: the deploy’s credentials check says so, after the template check', async () => {
    const said: string[] = [];
    const param = await shippedKeysParam({
      outputs: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      },
      say: (l) => void said.push(l),
    });
    expect(param).toBeUndefined();
    expect(said).toEqual([]);
  });

  it('ships nothing when the keys cannot be read, and says why', async () => {
    const said: string[] = [];
    const param = await shippedKeysParam({
      outputs: async () => ({ UserPoolId: 'us-east-1_X', Region: 'us-east-1' }),
      fetch: jwksFetch(503).fetchFn,
      say: (l) => void said.push(l),
    });
    expect(param).toBeUndefined();
    expect(said[0]).toMatch(/could not read us-east-1_X's \(the pool's JWKS answered HTTP 503\)/);
  });
});
