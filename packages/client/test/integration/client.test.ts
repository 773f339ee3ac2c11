import { createRider, readStack, type Tokens, webOrigin } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, type WildRydesClient } from '../../src';

let client: WildRydesClient;
let rider: Tokens;

beforeAll(async () => {
  const { api } = await readStack();
  // Node's fetch sends no Origin of its own; the browser's would be the web app's.
  const withOrigin = ((url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: webOrigin() } })) as typeof fetch;
  client = createClient({ invokeUrl: api.url, fetch: withOrigin });
  rider = (await createRider()).tokens;
});

describe('the typed client against the local API', () => {
  it('books a ride, then finds it in the history and by id', async () => {
    const booked = await client.requestRide(rider.idToken, { Latitude: 52.52, Longitude: 13.405 }, crypto.randomUUID());
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    // Without a drop-off the ride ends where it began.
    expect(booked.value.DropoffLocation).toEqual({ Latitude: 52.52, Longitude: 13.405 });
    const page = await client.listRides(rider.idToken, { limit: 10 });
    expect(page.ok && page.value.Rides.map((r) => r.RideId)).toEqual([booked.value.RideId]);
    const one = await client.getRide(rider.idToken, booked.value.RideId);
    expect(one.ok && one.value.PickupLocation).toEqual({ Latitude: 52.52, Longitude: 13.405 });
  });

  it('one ride at a time: a second booking names the active ride; a cancel frees the rider to book again', async () => {
    // A rider of its own: the first test leaves its ride active.
    const { tokens } = await createRider();
    const pickup = { Latitude: 47.6, Longitude: -122.32 };
    const dropoff = { Latitude: 47.61, Longitude: -122.33 };
    const first = await client.requestRide(tokens.idToken, pickup, crypto.randomUUID(), dropoff);
    expect(first).toMatchObject({ ok: true, value: { Status: 'Assigned', DropoffLocation: dropoff } });
    if (!first.ok) return;

    expect(await client.requestRide(tokens.idToken, pickup, crypto.randomUUID())).toMatchObject({
      ok: false,
      kind: 'http',
      status: 409,
      rideId: first.value.RideId,
    });
    // Someone else's ride looks like no ride at all.
    expect(await client.cancelRide(rider.idToken, first.value.RideId)).toMatchObject({ ok: false, kind: 'http', status: 404 });

    const cancelled = await client.cancelRide(tokens.idToken, first.value.RideId);
    expect(cancelled).toMatchObject({
      ok: true,
      value: { RideId: first.value.RideId, Status: 'Cancelled', CancelTime: expect.any(String) },
    });
    expect(await client.cancelRide(tokens.idToken, first.value.RideId)).toMatchObject({ ok: true, value: { Status: 'Cancelled' } });

    const again = await client.requestRide(tokens.idToken, pickup, crypto.randomUUID());
    expect(again.ok).toBe(true);
    // Frees its unicorn for the tests after this one.
    if (again.ok) expect(await client.cancelRide(tokens.idToken, again.value.RideId)).toMatchObject({ ok: true });
  });

  it('turns the API’s refusals into typed failures', async () => {
    expect(await client.requestRide(rider.idToken, { Latitude: 95, Longitude: 0 })).toMatchObject({
      ok: false,
      kind: 'http',
      status: 400,
      message: expect.stringMatching(/Latitude/),
    });
    expect(await client.listRides('forged')).toMatchObject({ ok: false, kind: 'http', status: 401 });
    expect(await client.getRide(rider.idToken, 'missing')).toMatchObject({ ok: false, kind: 'http', status: 404 });
    // One ride at a time: the rider's ride above is still on its way.
    expect(await client.requestRide(rider.idToken, { Latitude: 52.53, Longitude: 13.41 }, crypto.randomUUID())).toMatchObject({
      ok: false,
      kind: 'http',
      status: 409,
      message: expect.stringMatching(/one ride at a time/),
    });
    // No unicorn within reach of the middle of the Sahara: a 503 with the request's reference.
    const stranded = (await createRider()).tokens;
    expect(await client.requestRide(stranded.idToken, { Latitude: 23, Longitude: 12 })).toMatchObject({
      ok: false,
      kind: 'http',
      status: 503,
      message: expect.stringMatching(/^No unicorn is free near this pickup/),
      reference: expect.any(String),
    });
  });
});
