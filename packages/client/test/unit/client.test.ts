import { describe, expect, it } from 'vitest';
import { createClient, isActiveRideConflict, isUnavailable, retryAfterSeconds } from '../../src';

const ride = {
  RideId: 'r1',
  Unicorn: { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
  UnicornName: 'Rocinante',
  Eta: '30 seconds',
  Rider: 'ann',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 1.01, Longitude: 2.01 },
  Status: 'Assigned',
  PickupTime: '2026-11-21T10:00:30.000Z',
  DropoffTime: '2026-11-21T10:15:30.000Z',
  DropoffLocation: { Latitude: 1, Longitude: 2 },
};

const historyRide = {
  RideId: 'r1',
  Rider: 'ann',
  Unicorn: ride.Unicorn,
  UnicornName: 'Rocinante',
  RequestTime: '2026-11-21T10:00:00.000Z',
  PickupLocation: { Latitude: 1, Longitude: 2 },
  DropoffLocation: { Latitude: 1.1, Longitude: 2.1 },
  Status: 'Cancelled',
  PickupTime: '2026-11-21T10:00:30.000Z',
  DropoffTime: '2026-11-21T10:05:30.000Z',
  CancelTime: '2026-11-21T10:00:10.000Z',
};

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}, headers: HeadersInit = {}) {
  return (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
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

  it('sends the drop-off point when there is one, and only the coordinates', async () => {
    const seen: { init?: RequestInit } = {};
    const client = createClient({ invokeUrl: 'x:', fetch: fakeFetch(201, ride, seen) });
    const dropoff = { Latitude: 1.1, Longitude: 2.1, Label: 'home' } as { Latitude: number; Longitude: number };
    expect(await client.requestRide('tok', { Latitude: 1, Longitude: 2 }, 'key-1', dropoff)).toEqual({ ok: true, value: ride });
    expect(JSON.parse(seen.init?.body as string)).toEqual({
      PickupLocation: { Latitude: 1, Longitude: 2 },
      DropoffLocation: { Latitude: 1.1, Longitude: 2.1 },
    });
  });

  it('cancels a ride with an empty POST and returns the cancelled ride', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const client = createClient({ invokeUrl: 'http://localhost:3000/', fetch: fakeFetch(200, historyRide, seen) });
    expect(await client.cancelRide('tok', 'r/1')).toEqual({ ok: true, value: historyRide });
    expect(seen.url).toBe('http://localhost:3000/rides/r%2F1/cancel');
    expect(seen.init?.method).toBe('POST');
    expect(seen.init?.body).toBeUndefined();
    expect(seen.init?.headers).toEqual({ Authorization: 'tok' });
  });

  it('deletes the account with an empty DELETE /me and returns how many rides went with it', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const client = createClient({ invokeUrl: 'http://localhost:3000/', fetch: fakeFetch(200, { Deleted: true, DeletedRides: 3 }, seen) });
    expect(await client.deleteAccount('tok')).toEqual({ ok: true, value: { Deleted: true, DeletedRides: 3 } });
    expect(seen.url).toBe('http://localhost:3000/me');
    expect(seen.init?.method).toBe('DELETE');
    expect(seen.init?.body).toBeUndefined();
    expect(seen.init?.headers).toEqual({ Authorization: 'tok' });
  });

  it('reports a deletion with a ride on its way as the active-ride conflict, and an odd answer as bad', async () => {
    const message = 'Your ride is still on its way: cancel it, or wait until it ends, before deleting your account';
    const busy = await createClient({ invokeUrl: 'x:', fetch: fakeFetch(409, { message, RideId: 'r9' }) }).deleteAccount('tok');
    expect(!busy.ok && isActiveRideConflict(busy) && busy.rideId).toBe('r9');
    const odd = await createClient({ invokeUrl: 'x:', fetch: fakeFetch(200, { Deleted: 'yes' }) }).deleteAccount('tok');
    expect(odd).toEqual({ ok: false, kind: 'badResponse' });
  });

  it('reports a cancel after pickup as a 409 with the API’s message', async () => {
    const message = 'This ride can no longer be cancelled: the unicorn has picked you up';
    const client = createClient({ invokeUrl: 'x:', fetch: fakeFetch(409, { message }) });
    const result = await client.cancelRide('tok', 'r1');
    expect(result).toEqual({ ok: false, kind: 'http', status: 409, message });
    expect(!result.ok && isActiveRideConflict(result)).toBe(false);
  });

  it('types the one-ride-at-a-time 409 with the active ride’s id', async () => {
    const client = createClient({
      invokeUrl: 'x:',
      fetch: fakeFetch(409, { message: 'You already have a ride on its way', RideId: 'active-1' }),
    });
    const result = await client.requestRide('tok', { Latitude: 1, Longitude: 2 }, 'k');
    expect(result).toEqual({ ok: false, kind: 'http', status: 409, message: 'You already have a ride on its way', rideId: 'active-1' });
    if (result.ok || !isActiveRideConflict(result)) throw new Error('expected the active-ride conflict');
    // Narrowed: rideId is a string here, no check needed.
    expect(result.rideId.toUpperCase()).toBe('ACTIVE-1');
  });

  it('types a 503 with its Retry-After, in seconds or as a date', async () => {
    const body = { message: 'No unicorn is free near this pickup within 30 minutes', Error: 'x', Reference: 'req-2' };
    const client = createClient({ invokeUrl: 'x:', fetch: fakeFetch(503, body, {}, { 'Retry-After': '60' }) });
    const result = await client.requestRide('tok', { Latitude: 1, Longitude: 2 });
    expect(result).toEqual({ ok: false, kind: 'http', status: 503, message: body.message, reference: 'req-2', retryAfterSeconds: 60 });
    expect(!result.ok && isUnavailable(result)).toBe(true);
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(retryAfterSeconds('Sat, 21 Nov 2026 10:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
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
    // The fields the status is derived from are read too: a ride without them is not one.
    const { PickupTime: _pickup, ...untimed } = ride;
    const noTimes = createClient({ invokeUrl: 'x:', fetch: fakeFetch(201, untimed) });
    expect(await noTimes.requestRide('tok', { Latitude: 1, Longitude: 2 })).toEqual({ ok: false, kind: 'badResponse' });
    const unknownStatus = createClient({ invokeUrl: 'x:', fetch: fakeFetch(200, { ...historyRide, Status: 'Lost' }) });
    expect(await unknownStatus.cancelRide('tok', 'r1')).toEqual({ ok: false, kind: 'badResponse' });
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
