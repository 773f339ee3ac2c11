import { describe, expect, it, vi } from 'vitest';
import { apiClient } from '../src/api/api';
import { SessionExpiredError } from '../src/features/auth/session/session';
import { createBookRide, createCancelRide } from '../src/features/booking/book-ride';
import { newIdempotencyKey } from '../src/features/booking/idempotency-key';
import { etaText, unicornOrigin } from '../src/features/booking/ride-response';

const pickup = { Latitude: 47.6, Longitude: -122.3 };
const rideBody = {
  RideId: 'ride-1',
  Unicorn: { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
  UnicornName: 'Bucephalus',
  Eta: '30 seconds',
  Rider: 'rider@example.com',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 47.61, Longitude: -122.31 },
  Status: 'Assigned',
  PickupTime: '2026-11-21T10:00:30.000Z',
  DropoffTime: '2026-11-21T10:15:30.000Z',
  DropoffLocation: { Latitude: 47.6, Longitude: -122.3 },
};
const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('booking through @wildrydes/client', () => {
  const session = { idToken: async () => 'id.token.sig', refresh: async () => 'unused' };

  it('POSTs the pickup with the raw ID token and the idempotency key', async () => {
    const fetchFn = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => json(rideBody, 201));
    const result = await createBookRide(session, apiClient('http://localhost:3000', fetchFn))(pickup, 'key-1');
    expect(result).toEqual({ ok: true, value: rideBody });
    const [url, init] = fetchFn.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:3000/ride');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ Authorization: 'id.token.sig', 'Idempotency-Key': 'key-1', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init?.body))).toEqual({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } });
  });

  it('sends the drop-off point with the pickup when there is one', async () => {
    const fetchFn = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => json(rideBody, 201));
    const dropoff = { Latitude: 47.62, Longitude: -122.35 };
    await createBookRide(session, apiClient('http://x', fetchFn))(pickup, 'key-1', dropoff);
    expect(JSON.parse(String(fetchFn.mock.calls[0]?.[1]?.body))).toEqual({ PickupLocation: pickup, DropoffLocation: dropoff });
  });

  it('cancels with a fresh token, refreshing once on 401', async () => {
    const s = { idToken: vi.fn(async () => 'old-token'), refresh: vi.fn(async () => 'new-token') };
    const cancelled = { ...rideBody, RequestTime: '2026-11-21T10:00:00.000Z', PickupLocation: pickup, Status: 'Cancelled' };
    const fetchFn = vi
      .fn<(url: string | URL | Request, init?: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(json({ message: 'Unauthorized' }, 401))
      .mockResolvedValueOnce(json(cancelled, 200));
    const result = await createCancelRide(s, apiClient('http://x', fetchFn))('ride-1');
    expect(result).toEqual({ ok: true, value: cancelled });
    expect(fetchFn.mock.calls.map(([url]) => url)).toEqual(['http://x/rides/ride-1/cancel', 'http://x/rides/ride-1/cancel']);
    expect(fetchFn.mock.calls.map(([, init]) => (init?.headers as Record<string, string> | undefined)?.['Authorization'])).toEqual([
      'old-token',
      'new-token',
    ]);
  });

  it('passes the API’s message and reference through, for the inline error', async () => {
    const fetchFn = async () => json({ message: 'Something went wrong on our side.', Error: 'x', Reference: 'req-42' }, 500);
    const result = await createBookRide(session, apiClient('http://x', fetchFn))(pickup, 'k');
    expect(result).toEqual({ ok: false, kind: 'http', status: 500, message: 'Something went wrong on our side.', reference: 'req-42' });
  });

  it('reports a network failure instead of throwing', async () => {
    const fetchFn = async () => {
      throw new TypeError('Failed to fetch');
    };
    const result = await createBookRide(session, apiClient('http://x', fetchFn))(pickup, 'k');
    expect(result).toEqual({ ok: false, kind: 'network', detail: 'Failed to fetch' });
  });

  it('makes a fresh UUID per ride', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

describe('bookRide: one refresh-and-retry on 401', () => {
  const session = () => ({ idToken: vi.fn(async () => 'old-token'), refresh: vi.fn(async () => 'new-token') });

  it('retries a 401 once with a refreshed token and the same idempotency key', async () => {
    const s = session();
    const fetchFn = vi
      .fn<(url: string | URL | Request, init?: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(json({ message: 'Unauthorized' }, 401))
      .mockResolvedValueOnce(json(rideBody, 201));
    const result = await createBookRide(s, apiClient('http://x', fetchFn))(pickup, 'key-7');
    expect(result.ok).toBe(true);
    expect(s.refresh).toHaveBeenCalledTimes(1);
    const headers = fetchFn.mock.calls.map(([, init]) => init?.headers as Record<string, string>);
    expect(headers.map((h) => h['Authorization'])).toEqual(['old-token', 'new-token']);
    expect(headers.map((h) => h['Idempotency-Key'])).toEqual(['key-7', 'key-7']);
  });

  it('declares the session dead when the refreshed token is refused too', async () => {
    const s = session();
    const fetchFn = vi.fn(async () => json({ message: 'Unauthorized' }, 401));
    await expect(createBookRide(s, apiClient('http://x', fetchFn))(pickup, 'k')).rejects.toBeInstanceOf(SessionExpiredError);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('does not refresh for other errors', async () => {
    const s = session();
    const result = await createBookRide(
      s,
      apiClient('http://x', async () => json({ message: 'nope' }, 403)),
    )(pickup, 'k');
    expect(result).toMatchObject({ ok: false, status: 403, message: 'nope' });
    expect(s.refresh).not.toHaveBeenCalled();
  });
});

describe('unicornOrigin', () => {
  const base = { ...rideBody, Unicorn: { ...rideBody.Unicorn, Gender: 'Male' as const }, Status: 'Assigned' as const };

  it('reads where the unicorn sets off from when the API says', () => {
    const withPosition = { ...base, EtaSeconds: 30, UnicornPosition: { Latitude: 47.61, Longitude: -122.31 } };
    expect(unicornOrigin(withPosition)).toEqual({ Latitude: 47.61, Longitude: -122.31 });
  });

  it('ignores a missing or malformed position', () => {
    // Malformed on purpose, as an older or broken API might answer: hence the casts.
    const { UnicornPosition: _position, ...withoutPosition } = base;
    expect(unicornOrigin(withoutPosition as never)).toBeUndefined();
    expect(unicornOrigin({ ...base, UnicornPosition: { Latitude: 'north' } } as never)).toBeUndefined();
    expect(unicornOrigin({ ...base, UnicornPosition: { Latitude: 95, Longitude: 0 } } as never)).toBeUndefined();
  });
});

describe('etaText', () => {
  const base = { ...rideBody, Unicorn: { ...rideBody.Unicorn, Gender: 'Male' as const }, Status: 'Assigned' as const };

  it('says how long the unicorn takes in the rider’s language', () => {
    expect(etaText({ ...base, Eta: '4 minutes', EtaSeconds: 240 }, 'en')).toBe('4 minutes');
    expect(etaText({ ...base, Eta: '4 minutes', EtaSeconds: 240 }, 'ko')).toBe('4분');
    expect(etaText({ ...base, Eta: '45 seconds', EtaSeconds: 45 }, 'en')).toBe('45 seconds');
  });

  it('counts a queued ride’s long wait in hours, then days, not thousands of minutes', () => {
    expect(etaText({ ...base, Eta: '1 hour 59 minutes', EtaSeconds: 119 * 60 }, 'en')).toBe('119 minutes');
    expect(etaText({ ...base, Eta: '3 hours', EtaSeconds: 3 * 3600 + 600 }, 'en')).toBe('3 hours');
    expect(etaText({ ...base, Eta: '178 hours 7 minutes', EtaSeconds: 641_220 }, 'en')).toBe('7 days');
    expect(etaText({ ...base, Eta: '3 hours', EtaSeconds: 3 * 3600 }, 'ko')).toBe('3시간');
  });

  it('falls back to the API’s text when it sends no EtaSeconds', () => {
    const { EtaSeconds: _seconds, ...withoutSeconds } = base;
    expect(etaText(withoutSeconds as never, 'ko')).toBe('30 seconds');
  });
});
