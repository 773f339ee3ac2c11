/**
 * The user pool's signing keys for `--param=idTokenJwks`, so the deployed functions verify tokens
 * with no network round trip on a cold start. Read from the pool the stack already has; on a first
 * deploy there is none yet, and the functions fetch the keys at their first request until the next
 * deploy ships them.
 */
import { encodeJwks, fetchPoolJwks } from '@wildrydes/local-stack';

interface ShippedKeysDeps {
  /** The deployed stack's outputs; rejects when there is no stack (or no credentials to ask). */
  outputs: () => Promise<Record<string, string>>;
  fetch?: typeof fetch;
  say: (line: string) => void;
}

/** The `idTokenJwks` param's value, or undefined (then the functions fetch the keys themselves). */
export async function shippedKeysParam({ outputs, fetch: fetchFn = fetch, say }: ShippedKeysDeps): Promise<string | undefined> {
  let pool: { region?: string; id?: string };
  try {
    const o = await outputs();
    pool = { region: o.Region, id: o.UserPoolId };
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) {
      say('signing keys: no deployed user pool yet, so the functions fetch them at their first request (the next deploy ships them)');
    } else if (!/credential|token|expired|ENOTFOUND|EAI_AGAIN/i.test(`${e.name} ${e.message}`)) {
      say(`signing keys: could not read the stack (${e.name ?? 'Error'}): the functions fetch them at their first request`);
    }
    // Without usable credentials, the deploy's own credentials check says so, once, after the template check.
    return undefined;
  }
  if (!pool.id || !pool.region) {
    say('signing keys: the stack names no UserPoolId and Region: the functions fetch them at their first request');
    return undefined;
  }
  try {
    const jwks = await fetchPoolJwks(`https://cognito-idp.${pool.region}.amazonaws.com/${pool.id}`, fetchFn);
    say(`signing keys: ${jwks.keys.length} key(s) of ${pool.id} shipped with the functions`);
    return encodeJwks(jwks);
  } catch (error) {
    say(`signing keys: could not read ${pool.id}'s (${(error as Error).message}): the functions fetch them at their first request`);
    return undefined;
  }
}
