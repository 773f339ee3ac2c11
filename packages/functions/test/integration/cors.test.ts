import { API_CALL_TIMEOUT_MS, createRider, readStack, riderToken, type Tokens, webOrigin } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * CORS as a browser sees it: the local stack must answer as API Gateway does, naming only the web
 * app's origin and never allowing credentials. serverless-offline used to echo any Origin with
 * `access-control-allow-credentials: true`, on preflights and on the function's own answers alike.
 */
let tokens: Tokens;
let api: string;

beforeAll(async () => {
  tokens = (await createRider()).tokens;
  api = (await readStack()).api.url;
});

/** Origins a page elsewhere could send, each near the allowed one in its own way. */
function strangers(): [string, string][] {
  const allowed = new URL(webOrigin());
  return [
    ['a foreign origin', 'https://evil.example'],
    ['the null origin (sandboxed frames, file: pages)', 'null'],
    ['the allowed origin as a subdomain prefix', `${webOrigin()}.evil.example`],
    ['a host that ends like the allowed one', `${allowed.protocol}//evil-${allowed.host}`],
    ['the allowed host on another scheme', `https://${allowed.host}`],
    ['the allowed host on another port', `${allowed.protocol}//${allowed.hostname}:${Number(allowed.port) + 1}`],
  ];
}

async function call(method: string, path: string, headers: Record<string, string>, body?: string) {
  const response = await fetch(`${api}${path}`, { method, headers, body, signal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) });
  await response.arrayBuffer();
  return response;
}

const preflight = (origin: string) =>
  call('OPTIONS', '/ride', {
    Origin: origin,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'authorization,content-type',
  });

/** A token of a rider who has never booked: one active ride per rider, and each test here books one. */
const newRider = async () => (await riderToken('cors')).idToken;

const book = (origin: string, authorization?: string) =>
  call(
    'POST',
    '/ride',
    { Origin: origin, 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
    JSON.stringify({ PickupLocation: { Latitude: -33.8688, Longitude: 151.2093 } }),
  );

/** No CORS grant to `origin`: the allowed origin may be named (as API Gateway's preflight always does), never `origin` or `*`. */
function expectNoGrant(response: Response, origin: string) {
  const allowOrigin = response.headers.get('access-control-allow-origin');
  expect(allowOrigin === null || allowOrigin === webOrigin(), `access-control-allow-origin: ${allowOrigin}`).toBe(true);
  expect(allowOrigin).not.toBe(origin);
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
}

describe.each(strangers())('CORS for %s (%s)', (_name, origin) => {
  it('grants nothing on a preflight', async () => {
    expectNoGrant(await preflight(origin), origin);
  });

  it('grants nothing on a 201 (the ride is booked: CORS guards reading, not sending)', async () => {
    const response = await book(origin, await newRider());
    expect(response.status).toBe(201);
    expectNoGrant(response, origin);
  });

  it('grants nothing on a 401', async () => {
    const response = await book(origin);
    expect(response.status).toBe(401);
    expectNoGrant(response, origin);
  });

  it('grants nothing on a 200 from GET /rides', async () => {
    const response = await call('GET', '/rides?limit=1', { Origin: origin, Authorization: tokens.idToken });
    expect(response.status).toBe(200);
    expectNoGrant(response, origin);
  });
});

describe('CORS for the web app’s own origin', () => {
  const expectGrant = (response: Response) => {
    expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  };

  it('allows it on a preflight, with the token and JSON headers, without credentials', async () => {
    const response = await preflight(webOrigin());
    expect(response.ok).toBe(true);
    expectGrant(response);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
  });

  it('allows it on a 201 and a 401, without credentials', async () => {
    const booked = await book(webOrigin(), await newRider());
    expect(booked.status).toBe(201);
    expectGrant(booked);
    const refused = await book(webOrigin());
    expect(refused.status).toBe(401);
    expectGrant(refused);
  });
});

describe('every answer of the API', () => {
  it('says never to store it and never to sniff its type: bookings, refusals and the document alike', async () => {
    const rider = await riderToken('headers');
    const headers = { Origin: webOrigin(), 'Content-Type': 'application/json' };
    const pickup = JSON.stringify({ PickupLocation: { Latitude: 47.61, Longitude: -122.33 } });
    const answers = [
      await call('POST', '/ride', { ...headers, Authorization: rider.idToken }, pickup),
      await call('POST', '/ride', { ...headers, Authorization: rider.idToken }, '{'),
      await call('POST', '/ride', { ...headers, Authorization: 'forged' }, pickup),
      await call('GET', '/rides', { ...headers, Authorization: tokens.idToken }),
      await call('GET', '/rides/nope', { ...headers, Authorization: tokens.idToken }),
      await call('GET', '/openapi.json', {}),
    ];
    expect(answers.map((a) => a.status)).toEqual([201, 400, 401, 200, 404, 200]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control'), String(answer.status)).toBe('no-store');
      expect(answer.headers.get('x-content-type-options'), String(answer.status)).toBe('nosniff');
    }
  });
});
