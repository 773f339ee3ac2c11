import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** The pool the verifier tests trust, and the key id of its signing key. */
export const TEST_ISSUER = 'http://localhost:9229/local_pool';
export const TEST_CLIENT_ID = 'client-123';
export const TEST_KID = 'test-key';

/** The pool's signing key (its public half as the JWKS serves it), and a stranger's key. */
export async function signingKeys(): Promise<{ key: CryptoKey; otherKey: CryptoKey; jwk: JWK }> {
  const { privateKey: otherKey } = await generateKeyPair('RS256');
  const pair = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: TEST_KID, alg: 'RS256', use: 'sig' };
  return { key: pair.privateKey, otherKey, jwk };
}

export interface TokenOptions {
  claims?: Record<string, unknown>;
  signWith: CryptoKey;
  kid?: string;
  expiresIn?: string | number;
}

/** An ID token of rider-1 as Cognito issues it; `claims` may replace any claim, `iss` and `aud` included. */
export function signIdToken({ claims = {}, signWith, kid = TEST_KID, expiresIn = '1h' }: TokenOptions): Promise<string> {
  return new SignJWT({ 'cognito:username': 'rider-1', email: 'rider@example.com', token_use: 'id', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('sub-1')
    .setIssuer(typeof claims.iss === 'string' ? claims.iss : TEST_ISSUER)
    .setAudience(typeof claims.aud === 'string' ? claims.aud : TEST_CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(signWith);
}
