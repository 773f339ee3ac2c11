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
