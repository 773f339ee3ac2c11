import { describe, expect, it, vi } from 'vitest';
import { apiClient } from '../../../src/api/api';
import { SessionExpiredError } from '../../../src/features/auth/session/session';
import { createBookRide, createCancelRide } from '../../../src/features/booking/book-ride';
import { rideBody } from './ride-answer';

const pickup = { Latitude: 47.6, Longitude: -122.3 };
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
