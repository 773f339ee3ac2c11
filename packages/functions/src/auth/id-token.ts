import { JwtVerifier } from 'aws-jwt-verify';
import { FetchError, JwtExpiredError, JwtInvalidAudienceError, JwtInvalidIssuerError, JwtNotBeforeError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { JwksUnavailable, jwksFetcher } from './jwks-fetcher';

export { JwksUnavailable };

/** Why a token was refused: counted by reason (TokensRefused), never with the token. */
export type TokenRefusal =
  | 'missing'
  | 'too-large'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'access-token'
  | 'no-user'
  | 'invalid';

/** Thrown for any token we do not accept; the message is safe to show the caller. */
export class Unauthorized extends Error {
  override name = 'Unauthorized';
  constructor(
    message: string,
    readonly reason: TokenRefusal = 'invalid',
  ) {
    super(message);
  }
}

/** The rider, as stated by a verified Cognito ID token. */
export interface Rider {
  username: string;
  sub: string;
  email?: string;
}

export interface IdTokenVerifier {
  /** Resolves to the rider for a valid ID token of our pool and app client; rejects with Unauthorized otherwise. */
  verify(authorization: string | undefined): Promise<Rider>;
}

interface IdTokenVerifierOptions {
  issuer: string;
  clientId: string;
  fetcher?: Fetcher;
  /** Start fetching the JWKS now (during a Lambda's init) instead of on the first request. */
  prefetch?: boolean;
  /**
   * The pool's signing keys, shipped with the function (read at deploy time): a token signed by one
   * of them is verified with no network at all. A key id they lack (a rotation) is fetched as before.
   */
  jwks?: Jwks;
}

/** Cognito ID tokens are 1–4 kB; anything far larger is refused before any parsing. */
export const MAX_TOKEN_CHARS = 16 * 1024;

/**
 * Verifies Cognito ID tokens: signature against the pool's JWKS (fetched once, then cached),
 * issuer, audience (our app client), `token_use` = `id`, and expiry. serverless-offline does not
 * enforce the API's Cognito authorizer, so the function checks every request itself.
 */
export function createIdTokenVerifier({
  issuer,
  clientId,
  fetcher = jwksFetcher,
  prefetch = false,
  jwks,
}: IdTokenVerifierOptions): IdTokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer,
      audience: clientId,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new Unauthorized('Unauthorized: send the ID token, not the access token', 'access-token');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  if (jwks) verifier.cacheJwks(jwks);
  // A failed prefetch is not an error: the first request fetches again (and answers 503 if it must).
  else if (prefetch) verifier.hydrate().catch(() => {});

  return {
    async verify(authorization) {
      const token = authorization?.replace(/^Bearer\s+/i, '').trim();
      if (!token) throw new Unauthorized('Unauthorized: the Authorization header must carry your ID token', 'missing');
      // Cognito's ID tokens are a few kB; a bigger one is refused before any parsing or crypto.
      if (token.length > MAX_TOKEN_CHARS)
        throw new Unauthorized(`Unauthorized: the token is over ${MAX_TOKEN_CHARS / 1024} kB`, 'too-large');
      let payload: Awaited<ReturnType<typeof verifier.verify>>;
      try {
        payload = await verifier.verify(token);
      } catch (error) {
        if (error instanceof JwksUnavailable || error instanceof FetchError) throw new JwksUnavailable(error.message);
        throw refusal(error);
      }
      const username = payload['cognito:username'];
      if (typeof username !== 'string' || !username || typeof payload.sub !== 'string') {
        throw new Unauthorized('Unauthorized: the token names no user', 'no-user');
      }
      const email = typeof payload.email === 'string' ? payload.email : undefined;
      return { username, sub: payload.sub, ...(email ? { email } : {}) };
    },
  };
}

function refusal(error: unknown): Unauthorized {
  if (error instanceof Unauthorized) return error;
  if (error instanceof JwtExpiredError) return new Unauthorized('Unauthorized: the token has expired; sign in again', 'expired');
  if (error instanceof JwtNotBeforeError) return new Unauthorized('Unauthorized: the token is not valid yet', 'not-yet-valid');
  if (error instanceof JwtInvalidAudienceError)
    return new Unauthorized('Unauthorized: the token was issued for another app client', 'audience');
  if (error instanceof JwtInvalidIssuerError) return new Unauthorized('Unauthorized: the token was issued by another user pool', 'issuer');
  return new Unauthorized('Unauthorized: the token is not valid', 'invalid');
}
