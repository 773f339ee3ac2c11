import { createHmac, createPublicKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RideResponse } from '@wildrydes/contract';
import {
  API_CALL_TIMEOUT_MS,
  apiInvocationsSince,
  apiLogFile,
  apiLogOffset,
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
import { MAX_TOKEN_CHARS } from '../../src/auth/id-token';

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

/**
 * A valid ID token of a new rider (our pool's key, issuer, app client), padded with a claim to a
 * length in [min, max]: only its size can be held against it.
 */
async function paddedToken(min: number, max: number): Promise<string> {
  const claims = { 'cognito:username': `padded-${randomUUID()}`, sub: randomUUID() };
  const base = (await mintToken({ ...claims, pad: '' })).length;
  // base64url: 3 characters of the payload's JSON become 4 of the token.
  const estimate = Math.floor(((min - base) * 3) / 4);
  for (let pad = Math.max(0, estimate - 4); pad <= estimate + 4; pad++) {
    const token = await mintToken({ ...claims, pad: 'x'.repeat(pad) });
    if (token.length >= min && token.length <= max) return token;
  }
  throw new Error(`could not mint a token of ${min}-${max} characters`);
}

// Two of the 16 token attacks over HTTP live here; the other eleven in request-unicorn.test.ts.
describe('token attacks: every one 401, nothing written', () => {
  const attacks: [string, () => Promise<Record<string, string>>, string?][] = [
    ['HS256 signed with the pool’s public key (key confusion)', async () => ({ Authorization: await keyConfusionToken() })],
    ['a kid with path characters', async () => ({ Authorization: await mintToken({}, { kid: '../../../../etc/passwd' }) })],
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
          signal: AbortSignal.timeout(API_CALL_TIMEOUT_MS),
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

describe('the 16 kB token cap', () => {
  it('refuses a validly signed token over 16 kB for its size alone, saying so in the answer and the log', async () => {
    const over = await paddedToken(MAX_TOKEN_CHARS + 1, MAX_TOKEN_CHARS + 4);
    const under = await paddedToken(MAX_TOKEN_CHARS - 3, MAX_TOKEN_CHARS);
    const before = await countRides();
    const offset = await apiLogOffset();
    const refused = await postRide(pickup, { Authorization: over });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ message: 'Unauthorized: the token is over 16 kB' });
    // The log tells this refusal from a bad signature's ("the token is not valid").
    const { invocations } = await apiInvocationsSince(offset, 1);
    expect(invocations.map((i) => i.lines.map(({ message, reason }) => ({ message, reason })))).toEqual([
      [{ message: 'ride request unauthorized', reason: 'Unauthorized: the token is over 16 kB' }],
    ]);
    expect(await countRides()).toBe(before);
    // The same kind of token at the cap (another rider: one ride each) is accepted and books.
    expect((await postRide(pickup, { Authorization: under })).status).toBe(201);
  });
});

describe('log hygiene', () => {
  it('never writes a token to the API log', async () => {
    // Requests carrying tokens, good and forged: a booking (by a rider of its own: one ride at a
    // time), a bad body, a forgery, a second ride (409). Then everything logged is read, once this
    // test's own four requests are in it.
    const { idToken } = await riderToken('security');
    const offset = await apiLogOffset();
    const booked = await postRide(pickup, { Authorization: idToken });
    expect(booked.status).toBe(201);
    expect((await postRide('{', { Authorization: tokens.idToken })).status).toBe(400);
    expect((await postRide(pickup, { Authorization: `${tokens.idToken}x` })).status).toBe(401);
    expect((await postRide(pickup, { Authorization: idToken })).status).toBe(409);
    const { invocations } = await apiInvocationsSince(offset, 4);
    expect(invocations.map((i) => [i.fn, ...i.lines.map((line) => line.message)])).toEqual([
      ['RequestUnicorn', 'ride booked'],
      ['RequestUnicorn', 'ride request refused'],
      ['RequestUnicorn', 'ride request unauthorized'],
      ['RequestUnicorn', 'ride request refused'],
    ]);
    expect(invocations[0]?.lines[0]?.rideId).toBe((booked.json as RideResponse).RideId);
    const log = await readFile(apiLogFile(), 'utf8');
    for (const token of [idToken, tokens.idToken]) expect(log).not.toContain(token.split('.')[2]!);
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/);
  });
});
