import { RideResponse } from '@wildrydes/contract';
import {
  API_CALL_TIMEOUT_MS,
  cancelRide,
  countRides,
  createRider,
  demoRider,
  getRide,
  mintToken,
  otherUserPool,
  pickupsAcross,
  postRide,
  readStack,
  riderTokens,
  sharedCities,
  signIn,
  type Tokens,
  webOrigin,
} from '@wildrydes/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEveryKeyEndsWithItsRide, retrySummary, sendKeyedLoad, settle, storedRideIds } from './support/keyed-load';

const pickup = { Latitude: 47.6062, Longitude: -122.3321 };
let tokens: Tokens;
let username: string;
/** The demo rider's ride: cancelled at the end (one ride at a time; others sign in as the demo rider too). */
let demoRide: string | undefined;

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  tokens = await signIn(demoRider.email, demoRider.password);
  username = claimsOf(tokens.idToken)['cognito:username'] as string;
});

afterAll(async () => {
  // Best effort: once the unicorn has picked the demo rider up, the ride simply runs its course.
  if (demoRide) await cancelRide(demoRide, tokens.idToken).catch(() => undefined);
});

/** A new rider, registered and signed in through cognito-local like a real one. */
const freshRider = async () => {
  const created = await createRider();
  return { tokens: created.tokens, username: claimsOf(created.tokens.idToken)['cognito:username'] as string };
};

describe('POST /ride on the local stack', () => {
  it('books a ride for the signed-in rider and stores the workshop item, with its status and times', async () => {
    const before = Date.now();
    const response = await postRide({ PickupLocation: pickup }, { Authorization: tokens.idToken });
    expect(response.status).toBe(201);
    const ride = RideResponse.parse(response.json);
    demoRide = ride.RideId;
    expect(ride.Rider).toBe(username);
    expect(ride.Eta).toMatch(/^\d+ (seconds?|minutes?|hours?)/);
    expect(ride.EtaSeconds).toBeGreaterThan(0);
    expect(ride.UnicornName).toBe(ride.Unicorn.Name);
    expect(ride.Unicorn.Name).toEqual(expect.any(String));
    expect(ride.RideId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    // No drop-off asked for: the ride ends where it began, after the workshop's 15 minutes.
    expect(ride.Status).toBe('Assigned');
    expect(ride.DropoffLocation).toEqual(pickup);
    expect(Date.parse(ride.DropoffTime) - Date.parse(ride.PickupTime)).toBe(15 * 60 * 1000);

    const item = await getRide(ride.RideId);
    expect(item).toEqual({
      RideId: ride.RideId,
      User: username,
      Unicorn: ride.Unicorn,
      UnicornName: ride.Unicorn.Name,
      RequestTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      PickupLocation: pickup,
      DropoffLocation: pickup,
      UnicornStart: ride.UnicornPosition,
      EtaSeconds: ride.EtaSeconds,
      BookedFrom: expect.any(String),
      PickupTime: ride.PickupTime,
      DropoffTime: ride.DropoffTime,
    });
    const requested = Date.parse(item!.RequestTime as string);
    expect(requested).toBeGreaterThanOrEqual(before - 1000);
    expect(requested).toBeLessThanOrEqual(Date.now() + 1000);
    // A free unicorn sets off at once; the ETA is its flight to the pickup, in whole seconds.
    expect(item!.BookedFrom).toBe(item!.RequestTime);
    expect(ride.EtaSeconds).toBe(Math.max(1, Math.ceil((Date.parse(ride.PickupTime) - requested) / 1000)));
  });

  it('answers the exact request the workshop ride.js sends (no DropoffLocation), with what its completeRequest reads', async () => {
    const rider = await freshRider();
    // ride.js: $.ajax({ method: 'POST', headers: { Authorization: authToken }, contentType: 'application/json',
    //   data: JSON.stringify({ PickupLocation: { Latitude, Longitude } }) }) — raw token, no "Bearer".
    const { api } = await readStack();
    const response = await fetch(`${api.url}/ride`, {
      method: 'POST',
      headers: { Authorization: rider.tokens.idToken, 'Content-Type': 'application/json; charset=UTF-8', Origin: webOrigin() },
      body: JSON.stringify({ PickupLocation: { Latitude: 47.61, Longitude: -122.33 } }),
      signal: AbortSignal.timeout(API_CALL_TIMEOUT_MS),
    });
    expect(response.status).toBe(201);
    const result = RideResponse.parse(await response.json());
    expect(result.DropoffLocation).toEqual({ Latitude: 47.61, Longitude: -122.33 });
    // completeRequest: unicorn = result.Unicorn; pronoun = unicorn.Gender === 'Male' ? 'his' : 'her';
    const pronoun = result.Unicorn.Gender === 'Male' ? 'his' : 'her';
    // Names of the big fleet's herds are "<City> <number>", such as "Seattle 000058".
    expect(`${result.Unicorn.Name}, your ${result.Unicorn.Color} unicorn, is on ${pronoun} way.`).toMatch(
      /^\p{Lu}[\p{L}\d ]+, your [A-Z][a-z]+ unicorn, is on (his|her) way\.$/u,
    );
  });

  it('gives the rider identity only from the verified token, never from the body', async () => {
    const rider = await freshRider();
    const response = await postRide(
      { PickupLocation: pickup, Rider: 'someone-else', User: 'someone-else' },
      { Authorization: rider.tokens.idToken },
    );
    expect(response.status).toBe(201);
    const ride = response.json as RideResponse;
    expect(ride.Rider).toBe(rider.username);
    expect((await getRide(ride.RideId))?.User).toBe(rider.username);
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
    const dropoffs = (rows: [string, string, RegExp][]): [string, string, number, RegExp][] =>
      rows.map(([name, dropoff, message]) => [
        name,
        `{"PickupLocation":${JSON.stringify(pickup)},"DropoffLocation":${dropoff}}`,
        400,
        message,
      ]);
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
      // The optional drop-off follows the pickup's rules, and the message names its field.
      ...dropoffs([
        ['a string drop-off latitude', '{"Latitude":"47.6","Longitude":-122.3}', /^DropoffLocation\.Latitude must be a number$/],
        ['a drop-off latitude of -90.5', '{"Latitude":-90.5,"Longitude":-122.3}', /^DropoffLocation\.Latitude must be between -90 and 90$/],
        [
          'a drop-off longitude of 180.5',
          '{"Latitude":47.6,"Longitude":180.5}',
          /^DropoffLocation\.Longitude must be between -180 and 180$/,
        ],
        ['a drop-off without a longitude', '{"Latitude":47.6}', /^DropoffLocation\.Longitude must be a number$/],
        ['a drop-off that is a string', '"Pike Place Market"', /^DropoffLocation must be an object with Latitude and Longitude$/],
        ['a drop-off that is an array', '[47.6,-122.3]', /^DropoffLocation must be an object with Latitude and Longitude$/],
        ['a null drop-off', 'null', /^DropoffLocation must be an object with Latitude and Longitude$/],
      ]),
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

  it('books 100 concurrent requests of 100 riders as 100 distinct rides, each stored once, for its rider (a 503 is allowed when its retry with the same key books)', async () => {
    // One ride per rider at a time: a hundred riders, in the cities the fleet serves, all at once.
    // Each is a 201, or a 503 with Retry-After (DynamoDB Local on a busy machine, or a request out
    // of time after losing races) whose retry with the same key books it, or replays the ride the
    // 503 had booked after all.
    const riders = await riderTokens(100, 'concurrent');
    const before = await countRides();
    const requests = await sendKeyedLoad(riders, 100, pickupsAcross(sharedCities(), 100));
    const settled = await settle(requests, { maxRetries: 5, concurrency: 10 });
    const { retried, hadBooked } = retrySummary(settled);
    console.log(
      `request-unicorn: 100 concurrent requests of 100 riders, ${retried} retried with their key after a 5xx (${hadBooked} had booked)`,
    );
    await expectEveryKeyEndsWithItsRide(settled);
    expect(await storedRideIds(riders)).toHaveLength(100);
    expect(await countRides()).toBe(before + 100);
    const rideIds = [...settled.finalRide.values()] as string[];
    const stored = await Promise.all(rideIds.map((rideId) => getRide(rideId)));
    expect(stored.map((item) => item?.User)).toEqual(riders.map((r) => r.username));
  }, 120_000);
});
