import type { PickupLocation, RideResponse } from '@wildrydes/contract';

import {
  ActiveRide,
  requestRide as bookRide,
  type Deadline,
  DeadlineExceeded,
  DispatchContended,
  type FleetUnicorn,
  fleetItem,
  IdempotencyKeyReused,
  NoUnicornNearby,
  type RideRequestResult,
  type RideStore,
} from '@wildrydes/rides';

import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { type IdTokenVerifier, JwksUnavailable, Unauthorized } from '../../../src/auth/id-token';
import { createRequestUnicornHandler } from '../../../src/request-unicorn/app';
import { emitted, emittedMetrics } from '../support/emitted-metrics';

const ride: RideResponse = {
  RideId: 'r1',
  Unicorn: { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
  UnicornName: 'Rocinante',
  Eta: '30 seconds',
  Rider: 'rider-1',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 47.65, Longitude: -122.35 },
  Status: 'Assigned',
  PickupTime: '2026-12-03T07:00:30.000Z',
  DropoffTime: '2026-12-03T07:15:30.000Z',
  DropoffLocation: { Latitude: 47.6, Longitude: -122.3 },
};

const goodVerifier: IdTokenVerifier = {
  verify: async (authorization) => {
    if (authorization !== 'good-token') throw new Unauthorized('Unauthorized: the token is not valid');
    return { username: 'rider-1', sub: 'sub-1' };
  },
};

type RequestRide = (
  rider: string,
  pickup: PickupLocation,
  deadline: Deadline,
  key?: string,
  dropoff?: PickupLocation,
) => Promise<RideRequestResult>;

/** Kept back from the remaining time to answer, as serverless.yml's answerReserveMs. */
const RESERVE_MS = 1000;

function setup(
  requestRide: RequestRide = async () => ({ response: ride, replayed: false, attempts: 1, cellsRead: 9 }),
  verifier = goodVerifier,
) {
  const calls: unknown[][] = [];
  const handler = createRequestUnicornHandler({
    verifier,
    allowedOrigins: ['http://localhost:5173'],
    answerReserveMs: RESERVE_MS,
    requestRide: (rider, pickup, deadline, key, dropoff) => {
      const call: unknown[] = [rider, pickup];
      if (key !== undefined || dropoff !== undefined) call.push(key);
      if (dropoff !== undefined) call.push(dropoff);
      calls.push(call);
      return requestRide(rider, pickup, deadline, key, dropoff);
    },
  });
  return { handler, calls };
}

function event(body: string | null, headers: Record<string, string> = { Authorization: 'good-token' }): APIGatewayProxyEvent {
  return { body, headers: { Origin: 'http://localhost:5173', ...headers }, isBase64Encoded: false } as unknown as APIGatewayProxyEvent;
}

const context = { awsRequestId: 'req-42', getRemainingTimeInMillis: () => 10_000 };
const validBody = JSON.stringify({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } });

describe('RequestUnicorn handler', () => {
  it('books a ride for the verified rider and answers 201 in the workshop shape', async () => {
    const { handler, calls } = setup();
    const response = await handler(event(validBody), context);
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual(ride);
    expect(calls).toEqual([['rider-1', { Latitude: 47.6, Longitude: -122.3 }]]);
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'http://localhost:5173', 'Content-Type': 'application/json' });
  });

  it('passes a valid Idempotency-Key on and marks a replayed answer', async () => {
    const { handler, calls } = setup(async () => ({ response: ride, replayed: true, attempts: 1, cellsRead: 0 }));
    const response = await handler(event(validBody, { Authorization: 'good-token', 'Idempotency-Key': 'abc-123' }), context);
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['Idempotent-Replayed']).toBe('true');
    expect(calls[0]?.[2]).toBe('abc-123');
  });

  it('refuses a malformed Idempotency-Key with 400 and books nothing', async () => {
    const { handler, calls } = setup();
    const response = await handler(event(validBody, { Authorization: 'good-token', 'Idempotency-Key': 'has spaces' }), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/Idempotency-Key/);
    expect(calls).toHaveLength(0);
  });

  it('answers a key reused for another request with 422', async () => {
    const { handler } = setup(() => Promise.reject(new IdempotencyKeyReused('already used for a different ride request')));
    const response = await handler(event(validBody, { Authorization: 'good-token', 'Idempotency-Key': 'k' }), context);
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.body)).toEqual({ message: 'already used for a different ride request' });
  });

  it('passes an optional DropoffLocation on; the workshop body without it books as before', async () => {
    const { handler, calls } = setup();
    const body = JSON.stringify({
      PickupLocation: { Latitude: 47.6, Longitude: -122.3 },
      DropoffLocation: { Latitude: 47.65, Longitude: -122.31 },
    });
    expect((await handler(event(body), context)).statusCode).toBe(201);
    expect(calls).toEqual([['rider-1', { Latitude: 47.6, Longitude: -122.3 }, undefined, { Latitude: 47.65, Longitude: -122.31 }]]);
  });

  it('refuses an invalid DropoffLocation with 400 naming the field, and books nothing', async () => {
    const { handler, calls } = setup();
    const body = JSON.stringify({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 }, DropoffLocation: { Latitude: 95, Longitude: 0 } });
    const response = await handler(event(body), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/^DropoffLocation\.Latitude must be between -90 and 90/);
    expect(calls).toHaveLength(0);
  });

  it('answers a rider with an active ride 409, naming that ride', async () => {
    const { handler } = setup(() => Promise.reject(new ActiveRide('ride-7')));
    const response = await handler(event(validBody), context);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: expect.stringMatching(/one ride at a time/), RideId: 'ride-7' });
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:5173');
  });

  it('answers a pickup no unicorn can reach 503 with Retry-After and a message that says so', async () => {
    const { handler } = setup(() => Promise.reject(new NoUnicornNearby(30)));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await handler(event(validBody), context);
    log.mockRestore();
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('60');
    const message = 'No unicorn is free near this pickup within 30 minutes; try again in a little while';
    // A 5xx keeps the workshop's Error and Reference, here with the refusal's own message.
    expect(JSON.parse(response.body)).toEqual({ message, Error: message, Reference: 'req-42' });
  });

  it('refuses a request without a body with 400, saying what to send', async () => {
    const { handler, calls } = setup();
    const response = await handler(event(null), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: expect.stringMatching(/^Request body is missing/) });
    expect(calls).toHaveLength(0);
  });

  it('reads the Authorization header whatever its case', async () => {
    const { handler } = setup();
    const response = await handler(event(validBody, { authorization: 'good-token' }), context);
    expect(response.statusCode).toBe(201);
  });

  it('decodes a base64-encoded body', async () => {
    const { handler } = setup();
    const e = { ...event(Buffer.from(validBody).toString('base64')), isBase64Encoded: true };
    expect((await handler(e, context)).statusCode).toBe(201);
  });

  it('refuses JSON nested 8,000 levels deep (the most that fits in 16 kB) with 400, without blowing the stack', async () => {
    const { handler, calls } = setup();
    const response = await handler(event('['.repeat(8_000) + ']'.repeat(8_000)), context);
    expect(response.statusCode).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['a JSON string holding a ride request', JSON.stringify(validBody)],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['an empty JSON string', '""'],
  ])('refuses %s, parsed from the text as sent, with 400: only a JSON object is a ride request', async (_name, body) => {
    const { handler, calls } = setup();
    const response = await handler(event(body), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: expect.stringMatching(/JSON object/) });
    expect(calls).toHaveLength(0);
  });

  it('never re-serialises a body that is not text (API Gateway always passes text): 500, nothing booked', async () => {
    const { handler, calls } = setup();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const body of [42, { PickupLocation: { Latitude: 47.6, Longitude: -122.3 } }]) {
      const response = await handler({ ...event(null), body: body as unknown as string }, context);
      expect(response.statusCode).toBe(500);
    }
    expect(calls).toHaveLength(0);
    log.mockRestore();
  });

  it('answers 401 with a JSON message and books nothing for a bad token, before looking at the body', async () => {
    const { handler, calls } = setup();
    const response = await handler(event('not json', { Authorization: 'forged' }), context);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ message: 'Unauthorized: the token is not valid' });
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:5173');
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['invalid JSON', '{', 400],
    ['an out-of-range latitude', '{"PickupLocation":{"Latitude":91,"Longitude":0}}', 400],
    ['an oversized body', JSON.stringify({ pad: 'x'.repeat(20_000) }), 413],
  ])('answers %s with a 4xx JSON message and books nothing', async (_name, body, status) => {
    const { handler, calls } = setup();
    const response = await handler(event(body), context);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body).message).toEqual(expect.any(String));
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:5173');
    expect(calls).toHaveLength(0);
  });

  it('answers a database outage with 503, Retry-After, the request id and no internals', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { name: 'Error', code: 'ECONNREFUSED' });
    const { handler } = setup(() => Promise.reject(outage));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await handler(event(validBody), context);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': '1', 'Access-Control-Allow-Origin': 'http://localhost:5173' });
    const body = JSON.parse(response.body);
    expect(body).toEqual({ message: expect.any(String), Error: expect.any(String), Reference: 'req-42' });
    expect(response.body).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    expect(JSON.parse(log.mock.calls[0]![0] as string)).toMatchObject({ level: 'ERROR', requestId: 'req-42' });
    log.mockRestore();
  });

  it('hands the domain the time the function has left, less what it keeps to answer', async () => {
    let seen: number | undefined;
    const { handler } = setup(async (_rider, _pickup, deadline) => {
      seen = deadline.remainingMs();
      return { response: ride, replayed: false, attempts: 1, cellsRead: 9 };
    });
    await handler(event(validBody), { awsRequestId: 'req-42', getRemainingTimeInMillis: () => 7_000 });
    expect(seen).toBe(7_000 - RESERVE_MS);
  });

  it('answers running out of time with 503, Retry-After and the usual JSON body', async () => {
    const { handler } = setup(() => Promise.reject(new DeadlineExceeded('120 ms left after 3 booking attempt(s), 8000 ms needed')));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await handler(event(validBody, { Authorization: 'good-token', 'Idempotency-Key': 'k-1' }), context);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': expect.stringMatching(/^\d+$/), 'Content-Type': 'application/json' });
    expect(JSON.parse(response.body)).toEqual({ message: expect.any(String), Error: expect.any(String), Reference: 'req-42' });
    expect(response.body).not.toMatch(/booking attempt/);
    expect(JSON.parse(log.mock.calls[0]![0] as string)).toMatchObject({ transient: true, error: 'DeadlineExceeded' });
    log.mockRestore();
  });

  it('with too little time left for a booking attempt, answers 503 without reading or writing anything', async () => {
    const rocinante: FleetUnicorn = {
      Name: 'Rocinante',
      Color: 'Yellow',
      Gender: 'Female',
      // 330 m from the pickup: within the 0.80 km the first block (precision 6) covers, so one fleet read.
      Position: { Latitude: 47.603, Longitude: -122.3 },
      BusyUntil: 0,
    };
    const touched: string[] = [];
    const store: RideStore = {
      findUnicorns: async () => {
        touched.push('findUnicorns');
        return [fleetItem(rocinante)];
      },
      activeRideOf: async () => {
        touched.push('activeRideOf');
        return undefined;
      },
      readClaim: async () => {
        touched.push('readClaim');
        return undefined;
      },
      book: async () => {
        touched.push('book');
        return { status: 'booked' };
      },
    };
    const storeCallMaxMs = 4_000;
    const { handler } = setup((rider, pickup, deadline, key) =>
      bookRide(
        rider,
        pickup,
        { store, newRideId: () => 'r1', now: () => new Date(), random: Math.random, maxWaitMinutes: 30, deadline, storeCallMaxMs },
        key,
      ),
    );
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // One attempt (a read and a booking) needs 8 s before the cut-off: 1 ms short of that.
    const response = await handler(event(validBody), {
      awsRequestId: 'req-42',
      getRemainingTimeInMillis: () => 2 * storeCallMaxMs + RESERVE_MS - 1,
    });
    log.mockRestore();
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(touched).toEqual([]);
    // With the time it needs, the same request books.
    const booked = await handler(event(validBody), {
      awsRequestId: 'req-43',
      getRemainingTimeInMillis: () => 2 * storeCallMaxMs + RESERVE_MS,
    });
    expect(booked.statusCode).toBe(201);
    expect(touched).toEqual(['activeRideOf', 'findUnicorns', 'book']);
  });

  it('answers an unexpected failure with 500 and the request id', async () => {
    const { handler } = setup(() => Promise.reject(new TypeError('x is undefined')));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await handler(event(validBody), context);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ Reference: 'req-42' });
    expect(response.body).not.toMatch(/x is undefined/);
    log.mockRestore();
  });

  it('answers 503 when the key server cannot be reached', async () => {
    const verifier: IdTokenVerifier = { verify: () => Promise.reject(new JwksUnavailable('timed out')) };
    const { handler, calls } = setup(undefined, verifier);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await handler(event(validBody), context)).statusCode).toBe(503);
    expect(calls).toHaveLength(0);
    log.mockRestore();
  });

  it('never logs the token', async () => {
    const { handler } = setup();
    const lines: string[] = [];
    const out = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await handler(event(validBody), context);
    await handler(event('{', { Authorization: 'forged-secret-token' }), context);
    out.mockRestore();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/good-token|forged-secret-token/);
  });

  describe('metrics', () => {
    it('a booking counts the ride, its attempts, its ETA and how far the unicorn was, in one EMF line with the stage', async () => {
      const { handler } = setup(async () => ({ response: ride, replayed: false, attempts: 3, cellsRead: 9 }));
      const { metrics, lines } = await emitted(() => handler(event(validBody), context));
      expect(metrics).toEqual({
        RidesBooked: [1],
        BookingAttempts: [3],
        DispatchEtaSeconds: [30],
        // 47.65,-122.35 to 47.6,-122.3: about 6.7 km.
        DispatchDistanceKm: [expect.closeTo(6.7, 1)],
      });
      expect(lines).toHaveLength(1);
      const emf = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(emf).toMatchObject({
        service: 'wildrydes',
        stage: 'test',
        _aws: { CloudWatchMetrics: [{ Namespace: 'WildRydes', Dimensions: [['service', 'stage']] }] },
      });
    });

    it('a replay counts as a replay, not a booking', async () => {
      const { handler } = setup(async () => ({ response: ride, replayed: true, attempts: 0, cellsRead: 0 }));
      expect(await emittedMetrics(() => handler(event(validBody), context))).toEqual({ RidesReplayed: [1] });
    });

    it.each([
      ['fair use (409)', new ActiveRide('r0'), { RidesRefusedFairUse: [1] }],
      ['no unicorn within reach (503)', new NoUnicornNearby(30), { RidesRefusedNoUnicorn: [1] }],
      ['running out of time (503)', new DeadlineExceeded('late'), { ServerErrors: [1], TransientErrors: [1] }],
      ['every candidate taken by racing requests (503)', new DispatchContended('contended'), { ServerErrors: [1], TransientErrors: [1] }],
      ['an unexpected failure (500)', new TypeError('bug'), { ServerErrors: [1] }],
      ['a reused key (422)', new IdempotencyKeyReused('reused'), {}],
    ])('a refusal for %s counts toward its own metric only', async (_, error, expected) => {
      const { handler } = setup(() => Promise.reject(error));
      expect(await emittedMetrics(() => handler(event(validBody), context))).toEqual(expected);
    });

    it('a refused token counts once, and once more by its reason; the token appears nowhere', async () => {
      const { handler } = setup(undefined, {
        verify: async () => {
          throw new Unauthorized('Unauthorized: the token has expired; sign in again', 'expired');
        },
      });
      expect(await emittedMetrics(() => handler(event(validBody, { Authorization: 'secret-token' }), context))).toEqual({
        TokensRefused: [1],
        'TokensRefused{Reason=expired}': [1],
      });
    });
  });
});
