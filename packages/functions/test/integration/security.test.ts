import { createHmac, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  apiLogFile,
  countRides,
  demoRider,
  mintToken,
  postRide,
  readStack,
  riderToken,
  signIn,
  type Tokens,
  webOrigin,
} from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const pickup = { PickupLocation: { Latitude: 51.5072, Longitude: -0.1276 } };
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
let tokens: Tokens;
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

beforeAll(async () => {
  tokens = await signIn(demoRider.email, demoRider.password);
});

/** HS256 signed with the pool's *public* key as the HMAC secret: the classic algorithm-confusion forgery. */
async function keyConfusionToken(): Promise<string> {
  const { cognito } = await readStack();
  const jwks = (await (await fetch(`${cognito.endpoint}/${cognito.userPoolId}/.well-known/jwks.json`)).json()) as { keys: object[] };
  const pem = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const head = b64({ alg: 'HS256', typ: 'JWT', kid: 'CognitoLocal' });
  const body = b64({ ...claimsOf(tokens.idToken), 'cognito:username': 'admin' });
  const signature = createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

describe('token attacks: every one 401, nothing written', () => {
  const attacks: [string, () => Promise<Record<string, string>>, string?][] = [
    ['alg: none', async () => ({ Authorization: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(tokens.idToken))}.` })],
    ['HS256 signed with the pool’s public key (key confusion)', async () => ({ Authorization: await keyConfusionToken() })],
    ['an unknown kid', async () => ({ Authorization: await mintToken({}, { kid: 'rotated-away' }) })],
    ['a kid with path characters', async () => ({ Authorization: await mintToken({}, { kid: '../../../../etc/passwd' }) })],
    ['a 100 kB token', async () => ({ Authorization: `${tokens.idToken.split('.')[0]}.${'A'.repeat(100 * 1024)}.x` })],
    ['a token only in the query string', async () => ({}), 'query'],
    ['a token only in a cookie', async () => ({ Cookie: `id_token=${tokens.idToken}; Authorization=${tokens.idToken}` })],
  ];

  it.each(attacks)('%s', async (_name, makeHeaders, where) => {
    const before = await countRides();
    let status: number;
    let json: unknown;
    if (where === 'query') {
      const { api } = await readStack();
      const response = await fetch(
        `${api.url}/ride?Authorization=${encodeURIComponent(tokens.idToken)}&id_token=${encodeURIComponent(tokens.idToken)}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: webOrigin() },
          body: JSON.stringify(pickup),
          signal: AbortSignal.timeout(15_000),
        },
      );
      status = response.status;
      json = await response.json();
    } else {
      ({ status, json } = await postRide(pickup, await makeHeaders()));
    }
    expect(status).toBe(401);
    expect(json).toEqual({ message: expect.stringMatching(/^Unauthorized/) });
    expect(await countRides()).toBe(before);
  });
});

describe('log hygiene', () => {
  it('never writes a token to the API log', async () => {
    // Make sure this run logged requests carrying tokens, good and forged, then read everything logged:
    // a booking (by a rider of its own: one ride at a time), a refusal, a forgery, a second ride (409).
    const { idToken } = await riderToken('security');
    expect((await postRide(pickup, { Authorization: idToken })).status).toBe(201);
    await postRide('{', { Authorization: tokens.idToken });
    await postRide(pickup, { Authorization: `${tokens.idToken}x` });
    expect((await postRide(pickup, { Authorization: idToken })).status).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    const log = await readFile(apiLogFile(), 'utf8');
    expect(log).toMatch(/"message":"ride booked"/);
    for (const token of [idToken, tokens.idToken]) expect(log).not.toContain(token.split('.')[2]!);
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/);
  });
});
