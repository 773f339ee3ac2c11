/** Headers of our answers a browser script may read across origins (when to retry; whether it was a replay). */
const EXPOSED_HEADERS = 'Retry-After, Idempotent-Replayed';

/** CORS headers for a response to a request from `origin`, given the allowed origins. */
export function corsHeaders(allowedOrigins: readonly string[], origin: string | undefined): Record<string, string> {
  const expose = { 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
  if (allowedOrigins.includes('*')) return { 'Access-Control-Allow-Origin': '*', ...expose };
  // Echo the caller's origin only when it is allowed; otherwise name the first allowed one,
  // which the browser will refuse for any other origin.
  const allowed = origin && allowedOrigins.includes(origin) ? origin : (allowedOrigins[0] ?? 'null');
  return { 'Access-Control-Allow-Origin': allowed, Vary: 'Origin', ...expose };
}
