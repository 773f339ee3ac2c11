import { type CryptoKey, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIdTokenVerifier, JwksUnavailable, MAX_TOKEN_CHARS, type TokenRefusal, Unauthorized } from '../../../src/auth/id-token';
import { signIdToken, signingKeys, TEST_CLIENT_ID, TEST_ISSUER, type TokenOptions } from '../support/id-tokens';

const issuer = TEST_ISSUER;
const clientId = TEST_CLIENT_ID;
let key: CryptoKey;
let otherKey: CryptoKey;
let jwk: JWK;

beforeAll(async () => {
  ({ key, otherKey, jwk } = await signingKeys());
});

function verifierWithFetchCount() {
  const calls: string[] = [];
  const verifier = createIdTokenVerifier({
    issuer,
    clientId,
    fetcher: {
      fetch: async (uri) => {
        calls.push(uri);
        return new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer;
      },
    },
  });
  return { verifier, calls };
}

function idToken({ claims = {}, signWith = key, kid, expiresIn }: Partial<TokenOptions> = {}) {
  return signIdToken({ claims, signWith, ...(kid ? { kid } : {}), ...(expiresIn !== undefined ? { expiresIn } : {}) });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** jose always sets `sub` from setSubject: sign again without it. */
async function stripSub(token: string): Promise<string> {
  const [, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
  delete claims.sub;
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(key);
}

/**
 * A validly signed token of exactly `length` characters: a padding claim in the payload and a
 * padding field in the header (base64url never gives a segment of 4n+1 characters, so one alone
 * cannot reach every length).
 */
async function tokenOfLength(length: number): Promise<string> {
  const sign = (headerPad: number, pad: number) =>
    new SignJWT({ 'cognito:username': 'rider-1', token_use: 'id', pad: 'x'.repeat(pad) })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key', x: 'y'.repeat(headerPad) })
      .setSubject('sub-1')
      .setIssuer(issuer)
      .setAudience(clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  const base = (await sign(0, 0)).length;
  const approx = Math.floor(((length - base) * 3) / 4);
  for (let headerPad = 0; headerPad < 4; headerPad++) {
    for (let pad = Math.max(0, approx - 6); pad < approx + 6; pad++) {
      const token = await sign(headerPad, pad);
      if (token.length === length) return token;
    }
  }
  throw new Error(`could not make a token of ${length} characters`);
}

describe('createIdTokenVerifier', () => {
  it('returns the rider named by a valid ID token, raw or with "Bearer"', async () => {
    const { verifier } = verifierWithFetchCount();
    const token = await idToken();
    const rider = { username: 'rider-1', sub: 'sub-1', email: 'rider@example.com' };
    await expect(verifier.verify(token)).resolves.toEqual(rider);
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(rider);
  });

  it('accepts a well-formed token at the 16 kB cap and refuses one a character over it, before any key fetch', async () => {
    const { verifier, calls } = verifierWithFetchCount();
    const over = await tokenOfLength(MAX_TOKEN_CHARS + 1);
    const error = await verifier.verify(over).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unauthorized);
    expect((error as Error).message).toBe('Unauthorized: the token is over 16 kB');
    expect(calls).toHaveLength(0);
    // Only the size differs: the same kind of token at the cap is accepted.
    await expect(verifier.verify(await tokenOfLength(MAX_TOKEN_CHARS))).resolves.toMatchObject({ username: 'rider-1' });
  });

  it('takes "Bearer" with any spacing and case, and leaves out a non-string email', async () => {
    const { verifier } = verifierWithFetchCount();
    const token = await idToken({ claims: { email: 7 } });
    await expect(verifier.verify(`bearer   ${token}`)).resolves.toEqual({ username: 'rider-1', sub: 'sub-1' });
  });

  it('fetches the JWKS once and serves later requests from the cache', async () => {
    const { verifier, calls } = verifierWithFetchCount();
    for (let i = 0; i < 5; i++) await verifier.verify(await idToken());
    expect(calls).toEqual([`${issuer}/.well-known/jwks.json`]);
  });

  const refused: [string, () => Promise<string | undefined>, RegExp, TokenRefusal][] = [
    ['no header', async () => undefined, /Authorization header/, 'missing'],
    ['an empty header', async () => '   ', /Authorization header/, 'missing'],
    ['garbage', async () => 'not-a-jwt', /not valid/, 'invalid'],
    ['an expired token', () => idToken({ expiresIn: Math.floor(Date.now() / 1000) - 10 }), /expired/, 'expired'],
    ['an access token', () => idToken({ claims: { token_use: 'access' } }), /ID token, not the access token/, 'access-token'],
    ['a token for another app client', () => idToken({ claims: { aud: 'other-client' } }), /another app client/, 'audience'],
    [
      'a token from another user pool',
      () => idToken({ claims: { iss: 'http://localhost:9229/local_other' } }),
      /another user pool/,
      'issuer',
    ],
    ['a token signed by another key', () => idToken({ signWith: otherKey }), /not valid/, 'invalid'],
    ['a token with no username', () => idToken({ claims: { 'cognito:username': undefined } }), /names no user/, 'no-user'],
    [
      'a token whose payload was tampered with',
      async () => {
        const [head, , signature] = (await idToken()).split('.');
        return `${head}.${b64({ 'cognito:username': 'admin', token_use: 'id', iss: issuer, aud: clientId, sub: 's', exp: 9999999999 })}.${signature}`;
      },
      /not valid/,
      'invalid',
    ],
    [
      'an unsigned token (alg: none)',
      async () =>
        `${b64({ alg: 'none', kid: 'test-key' })}.${b64({ 'cognito:username': 'admin', token_use: 'id', iss: issuer, aud: clientId, sub: 's', exp: 9999999999 })}.`,
      /not valid/,
      'invalid',
    ],
    ['a 100 kB token', async () => 'a'.repeat(100 * 1024), /over 16 kB/, 'too-large'],
    ['a token with no subject', () => idToken({ claims: { sub: undefined } }).then(stripSub), /names no user/, 'no-user'],
    ['a token whose username is not a string', () => idToken({ claims: { 'cognito:username': 42 } }), /names no user/, 'no-user'],
    ['a token whose username is empty', () => idToken({ claims: { 'cognito:username': '' } }), /names no user/, 'no-user'],
    [
      'a token that is not valid yet',
      () => idToken({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }),
      /not valid yet/,
      'not-yet-valid',
    ],
    ['a token behind another scheme than Bearer', async () => `Basic ${await idToken()}`, /not valid/, 'invalid'],
  ];

  it.each(refused)('refuses %s with Unauthorized, a message and a reason code', async (_name, makeToken, message, code) => {
    const { verifier } = verifierWithFetchCount();
    const error = await verifier.verify(await makeToken()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unauthorized);
    expect((error as Error).message).toMatch(message);
    expect((error as Unauthorized).reason).toBe(code);
  });

  it('can fetch the JWKS ahead of the first request, and then not again', async () => {
    const calls: string[] = [];
    const fetcher = {
      fetch: async (uri: string) => {
        calls.push(uri);
        return new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer;
      },
    };
    const verifier = createIdTokenVerifier({ issuer, clientId, fetcher, prefetch: true });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(1);
    await verifier.verify(await idToken());
    expect(calls).toHaveLength(1);
  });

  it('survives a failed prefetch: the first request fetches again', async () => {
    let attempts = 0;
    const fetcher = {
      fetch: async () => {
        if (++attempts === 1) throw new JwksUnavailable('down at init');
        return new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer;
      },
    };
    const verifier = createIdTokenVerifier({ issuer, clientId, fetcher, prefetch: true });
    await new Promise((r) => setTimeout(r, 10));
    await expect(verifier.verify(await idToken())).resolves.toMatchObject({ username: 'rider-1' });
    expect(attempts).toBe(2);
  });

  it('reports an unreachable key server as unavailable, not as a bad token', async () => {
    const verifier = createIdTokenVerifier({
      issuer,
      clientId,
      fetcher: { fetch: () => Promise.reject(new JwksUnavailable('connect ECONNREFUSED')) },
    });
    await expect(verifier.verify(await idToken())).rejects.toBeInstanceOf(JwksUnavailable);
  });

  describe('with the keys shipped with the function', () => {
    const withShippedKeys = (keys: JWK[]) => {
      const calls: string[] = [];
      const verifier = createIdTokenVerifier({
        issuer,
        clientId,
        prefetch: true,
        jwks: { keys: keys as unknown as Record<string, string>[] } as never,
        fetcher: {
          fetch: async (uri) => {
            calls.push(uri);
            return new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer;
          },
        },
      });
      return { verifier, calls };
    };

    it('verifies a token with no fetch at all, not even the prefetch', async () => {
      const { verifier, calls } = withShippedKeys([jwk]);
      await expect(verifier.verify(await idToken())).resolves.toMatchObject({ username: 'rider-1' });
      expect(calls).toEqual([]);
    });

    it('fetches the keys for a key id it was not shipped (a rotation), and then knows it', async () => {
      const { verifier, calls } = withShippedKeys([{ ...jwk, kid: 'retired-key' }]);
      await expect(verifier.verify(await idToken())).resolves.toMatchObject({ username: 'rider-1' });
      await expect(verifier.verify(await idToken())).resolves.toMatchObject({ username: 'rider-1' });
      expect(calls).toEqual([`${issuer}/.well-known/jwks.json`]);
    });

    it('still refuses a token signed by another key', async () => {
      const { verifier } = withShippedKeys([jwk]);
      await expect(verifier.verify(await idToken({ signWith: otherKey }))).rejects.toBeInstanceOf(Unauthorized);
    });
  });
});
