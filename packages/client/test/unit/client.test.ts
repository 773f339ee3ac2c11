import { describe, expect, it } from 'vitest';
import { createClient } from '../../src';

const ride = {
  RideId: 'r1',
  Unicorn: { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
  UnicornName: 'Rocinante',
  Eta: '30 seconds',
  Rider: 'ann',
};

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}) {
  return (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe('createClient', () => {
  it('posts the workshop request with the raw token and the idempotency key', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const client = createClient({ invokeUrl: 'https://api.example/prod/', fetch: fakeFetch(201, ride, seen) });
    const result = await client.requestRide('tok', { Latitude: 1, Longitude: 2 }, 'key-1');
    expect(result).toEqual({ ok: true, value: ride });
    expect(seen.url).toBe('https://api.example/prod/ride');
    expect(seen.init?.method).toBe('POST');
    expect(seen.init?.headers).toMatchObject({ Authorization: 'tok', 'Idempotency-Key': 'key-1', 'Content-Type': 'application/json' });
    expect(JSON.parse(seen.init?.body as string)).toEqual({ PickupLocation: { Latitude: 1, Longitude: 2 } });
  });

  it('passes the page query on and returns the page', async () => {
    const seen: { url?: string } = {};
    const client = createClient({ invokeUrl: 'http://localhost:3000', fetch: fakeFetch(200, { Rides: [] }, seen) });
    expect(await client.listRides('tok', { limit: 5, cursor: 'abc' })).toEqual({ ok: true, value: { Rides: [] } });
    expect(seen.url).toBe('http://localhost:3000/rides?limit=5&cursor=abc');
  });

  it('reports the API’s message and reference on an error', async () => {
    const client = createClient({
      invokeUrl: 'x:',
      fetch: fakeFetch(503, { message: 'Try again', Error: 'Try again', Reference: 'req-1' }),
    });
    expect(await client.getRide('tok', 'r1')).toEqual({ ok: false, kind: 'http', status: 503, message: 'Try again', reference: 'req-1' });
  });

  it('reports an answer that breaks the contract as badResponse, not as data', async () => {
    const client = createClient({ invokeUrl: 'x:', fetch: fakeFetch(201, { RideId: 5 }) });
    expect(await client.requestRide('tok', { Latitude: 1, Longitude: 2 })).toEqual({ ok: false, kind: 'badResponse' });
  });

  it('reports a network failure and a timeout, never throwing', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await createClient({ invokeUrl: 'x:', fetch: failing }).listRides('tok')).toEqual({
      ok: false,
      kind: 'network',
      detail: 'fetch failed',
    });
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      )) as unknown as typeof fetch;
    expect(await createClient({ invokeUrl: 'x:', fetch: hanging, timeoutMs: 20 }).listRides('tok')).toEqual({ ok: false, kind: 'timeout' });
  });
});
