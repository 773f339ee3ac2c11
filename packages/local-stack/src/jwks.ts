/**
 * The user pool's signing keys as the functions take them (`ID_TOKEN_JWKS`, serverless.yml's
 * `idTokenJwks`): read from the pool's JWKS URL when a stack starts (cognito-local) or deploys
 * (Cognito), kept to what verification needs, and encoded as base64url JSON so the value survives
 * a command line and an environment variable untouched. packages/functions/src/config.ts decodes it.
 */
const FIELDS = ['kid', 'kty', 'alg', 'use', 'n', 'e'] as const;

export interface PoolJwks {
  keys: Partial<Record<(typeof FIELDS)[number], string>>[];
}

/** The JWKS at `<issuer>/.well-known/jwks.json`, within `timeoutMs`. */
export async function fetchPoolJwks(issuer: string, fetchFn: typeof fetch = fetch, timeoutMs = 5_000): Promise<PoolJwks> {
  const response = await fetchFn(`${issuer}/.well-known/jwks.json`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`the pool's JWKS answered HTTP ${response.status}`);
  const body = (await response.json()) as { keys?: Record<string, unknown>[] };
  if (!Array.isArray(body.keys) || body.keys.length === 0) throw new Error("the pool's JWKS holds no keys");
  return {
    keys: body.keys.map((key) => Object.fromEntries(FIELDS.filter((f) => typeof key[f] === 'string').map((f) => [f, key[f] as string]))),
  };
}

export const encodeJwks = (jwks: PoolJwks): string => Buffer.from(JSON.stringify(jwks)).toString('base64url');
