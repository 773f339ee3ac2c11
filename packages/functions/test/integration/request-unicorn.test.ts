import { RideResponse } from '@wildrydes/contract';
import {
  countRides,
  createRider,
  demoRider,
  getRide,
  mintToken,
  otherUserPool,
  postRide,
  readStack,
  riderOf,
  signIn,
  type Tokens,
  webOrigin,
} from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectEveryKeyEndsWithItsRide, sendKeyedLoad, settle, storedRideIds } from './support/keyed-load';

const pickup = { Latitude: 47.6062, Longitude: -122.3321 };
let tokens: Tokens;
let username: string;

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  tokens = await signIn(demoRider.email, demoRider.password);
  username = claimsOf(tokens.idToken)['cognito:username'] as string;
});

describe('POST /ride on the local stack', () => {
  it('books a ride for the signed-in rider and stores the workshop item', async () => {
    const before = Date.now();
    const response = await postRide({ PickupLocation: pickup }, { Authorization: tokens.idToken });
    expect(response.status).toBe(201);
    const ride = RideResponse.parse(response.json);
    expect(ride.Rider).toBe(username);
    expect(ride.Eta).toMatch(/^\d+ (seconds?|minutes?|hours?)/);
    expect(ride.EtaSeconds).toBeGreaterThan(0);
    expect(ride.UnicornName).toBe(ride.Unicorn.Name);
    expect(ride.Unicorn.Name).toEqual(expect.any(String));
    expect(ride.RideId).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const item = await getRide(ride.RideId);
    expect(item).toEqual({
      RideId: ride.RideId,
      User: username,
      Unicorn: ride.Unicorn,
      UnicornName: ride.Unicorn.Name,
      RequestTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      PickupLocation: pickup,
      UnicornStart: ride.UnicornPosition,
      EtaSeconds: ride.EtaSeconds,
      BookedFrom: expect.any(String),
      BookedUntil: expect.any(String),
    });
    const requested = Date.parse(item!.RequestTime as string);
    expect(requested).toBeGreaterThanOrEqual(before - 1000);
    expect(requested).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('answers the exact request the workshop ride.js sends, with what its completeRequest reads', async () => {
    // ride.js: $.ajax({ method: 'POST', headers: { Authorization: authToken }, contentType: 'application/json',
    //   data: JSON.stringify({ PickupLocation: { Latitude, Longitude } }) }) — raw token, no "Bearer".
    const { api } = await readStack();
    const response = await fetch(`${api.url}/ride`, {
      method: 'POST',
      headers: { Authorization: tokens.idToken, 'Content-Type': 'application/json; charset=UTF-8', Origin: webOrigin() },
      body: JSON.stringify({ PickupLocation: { Latitude: 47.61, Longitude: -122.33 } }),
      signal: AbortSignal.timeout(15_000),
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as RideResponse;
    // completeRequest: unicorn = result.Unicorn; pronoun = unicorn.Gender === 'Male' ? 'his' : 'her';
    const pronoun = result.Unicorn.Gender === 'Male' ? 'his' : 'her';
    expect(`${result.Unicorn.Name}, your ${result.Unicorn.Color} unicorn, is on ${pronoun} way.`).toMatch(
      /^[A-Z][a-z]+, your [A-Z][a-z]+ unicorn, is on (his|her) way\.$/,
    );
  });

  it('gives the rider identity only from the verified token, never from the body', async () => {
    const response = await postRide(
      { PickupLocation: pickup, Rider: 'someone-else', User: 'someone-else' },
      { Authorization: tokens.idToken },
    );
    expect(response.status).toBe(201);
    const ride = response.json as RideResponse;
    expect(ride.Rider).toBe(username);
    expect((await getRide(ride.RideId))?.User).toBe(username);
  });

  describe('refuses every token it cannot verify with 401, a JSON message, and no write', () => {
    const forged: [string, () => Promise<string | undefined>][] = [
      ['no Authorization header', async () => undefined],
      ['an empty header', async () => ''],
      ['a malformed token', async () => 'not.a.jwt'],
      [
        'a token with a tampered payload',
        async () => {
          const [head, payload, sig] = tokens.idToken.split('.');
          const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), 'cognito:username': 'admin' };
          return `${head}.${b64(claims)}.${sig}`;
        },
      ],
      [
        'a token with a tampered signature',
        async () => {
          const [head, payload, sig] = tokens.idToken.split('.');
          const flipped = sig!.slice(0, 10) + (sig![10] === 'A' ? 'B' : 'A') + sig!.slice(11);
          return `${head}.${payload}.${flipped}`;
        },
      ],
      ['an unsigned token (alg: none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${tokens.idToken.split('.')[1]}.`],
      ['an expired token', () => mintToken({ iat: 1_700_000_000, exp: 1_700_003_600 })],
      ['an access token', async () => tokens.accessToken],
      ['a token for another app client', async () => mintToken({ aud: 'another-app-client' })],
      ['a token from another user pool', async () => (await createRider(await otherUserPool())).tokens.idToken],
      ['a token signed with an unknown key id', () => mintToken({}, { kid: 'not-our-key' })],
    ];

    it.each(forged)('%s', async (_name, makeToken) => {
      const token = await makeToken();
      const before = await countRides();
      const response = await postRide({ PickupLocation: pickup }, token === undefined ? {} : { Authorization: token });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ message: expect.stringMatching(/^Unauthorized/) });
      expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
      expect(await countRides()).toBe(before);
    });
  });

  describe('refuses bad bodies with a 4xx JSON message naming the problem, and no write', () => {
    const bad: [string, string, number, RegExp][] = [
      ['no body', '', 400, /missing/],
      ['invalid JSON', '{"PickupLocation":', 400, /not valid JSON/],
      ['null', 'null', 400, /JSON object/],
      ['an array', '[{"PickupLocation":{"Latitude":1,"Longitude":2}}]', 400, /JSON object/],
      // JSON that is not an object: API Gateway passes the text on as it came, so the function parses a string,
      // a number or a boolean, never the ride request a string may hold.
      [
        'a JSON string holding a ride request',
        JSON.stringify(JSON.stringify({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } })),
        400,
        /JSON object/,
      ],
      ['an empty JSON string', '""', 400, /JSON object/],
      ['the number 0', '0', 400, /JSON object/],
      ['false', 'false', 400, /JSON object/],
      ['no PickupLocation', '{"Pickup":{"Latitude":1,"Longitude":2}}', 400, /PickupLocation/],
      ['a string latitude', '{"PickupLocation":{"Latitude":"47.6","Longitude":-122.3}}', 400, /PickupLocation\.Latitude must be a number/],
      ['a latitude of 91', '{"PickupLocation":{"Latitude":91,"Longitude":0}}', 400, /Latitude must be between -90 and 90/],
      ['a longitude of -180.5', '{"PickupLocation":{"Latitude":0,"Longitude":-180.5}}', 400, /Longitude must be between -180 and 180/],
      ['a 20 kB body', JSON.stringify({ PickupLocation: pickup, note: 'x'.repeat(20_000) }), 413, /too large/],
    ];

    it.each(bad)('%s', async (_name, body, status, message) => {
      const before = await countRides();
      const response = await postRide(body, { Authorization: tokens.idToken });
      expect(response.status).toBe(status);
      expect(response.json).toEqual({ message: expect.stringMatching(message) });
      expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
      expect(await countRides()).toBe(before);
    });
  });

  it('answers the browser preflight with CORS headers that allow the token and JSON', async () => {
    const { api } = await readStack();
    const response = await fetch(`${api.url}/ride`, {
      method: 'OPTIONS',
      headers: {
        Origin: webOrigin(),
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
      signal: AbortSignal.timeout(5000),
    });
    expect(response.ok).toBe(true);
    expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/content-type/);
  });

  it('books 100 concurrent requests as 100 distinct rides, each stored once (a 503 is allowed when its retry with the same key books)', async () => {
    // A rider of its own, so the rides counted are this test's alone.
    const own = (await createRider()).tokens;
    const name = riderOf(own.idToken);
    const requests = await sendKeyedLoad(own.idToken, 100, 100, (i) => ({ Latitude: 47 + i / 1000, Longitude: -122 + (i % 10) * 20 }));
    const settled = await settle(name, own.idToken, requests, { maxRetries: 5, concurrency: 10 });
    await expectEveryKeyEndsWithItsRide(name, settled);
    expect(await storedRideIds(name)).toHaveLength(100);
  }, 120_000);
});
