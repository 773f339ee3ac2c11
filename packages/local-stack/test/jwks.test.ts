import { describe, expect, it } from 'vitest';
import { encodeJwks, fetchPoolJwks } from '../src/jwks';

const answer = (status: number, body: unknown): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
const publicKey = { kid: 'k1', kty: 'RSA', alg: 'RS256', use: 'sig', n: 'modulus', e: 'AQAB' };

describe('the pool’s signing keys', () => {
  it('keep only what verifying a token needs, whatever else the JWKS holds', async () => {
    const jwks = await fetchPoolJwks('http://localhost:9229/pool', answer(200, { keys: [{ ...publicKey, d: 'private', x5c: ['cert'] }] }));
    expect(jwks).toEqual({ keys: [publicKey] });
  });

  it('are refused when the pool answers an error or holds no keys', async () => {
    await expect(fetchPoolJwks('http://localhost:9229/pool', answer(404, {}))).rejects.toThrow(/HTTP 404/);
    await expect(fetchPoolJwks('http://localhost:9229/pool', answer(200, { keys: [] }))).rejects.toThrow(/no keys/);
  });

  it('are read from the issuer’s well-known URL', async () => {
    let asked = '';
    const fetchFn = (async (url: string) => {
      asked = url;
      return new Response(JSON.stringify({ keys: [publicKey] }));
    }) as unknown as typeof fetch;
    await fetchPoolJwks('http://localhost:9229/pool', fetchFn);
    expect(asked).toBe('http://localhost:9229/pool/.well-known/jwks.json');
  });

  it('travel as base64url JSON, unchanged', () => {
    const encoded = encodeJwks({ keys: [publicKey] });
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))).toEqual({ keys: [publicKey] });
  });
});
