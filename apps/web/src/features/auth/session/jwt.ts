/** Reads (does not verify) a JWT's payload: the API verifies tokens; the app only needs exp and email. */
interface IdTokenClaims {
  exp?: number;
  email?: string;
  'cognito:username'?: string;
  [claim: string]: unknown;
}

function base64UrlDecode(segment: string): string {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function decodeJwt(token: string): IdTokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(payload));
    return typeof claims === 'object' && claims !== null ? (claims as IdTokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** Expiry in epoch milliseconds, or undefined when the token carries none. */
export function expiresAt(token: string): number | undefined {
  const exp = decodeJwt(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}
