import { openApiDocument } from '@wildrydes/contract';
import { cancelRide, createRider, fleetCity, getApi, postRide, riderToken } from '@wildrydes/local-stack/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';

interface Document {
  components: { schemas: Record<string, object> };
}

let served: Document;
let validate: (schema: string, value: unknown) => string[];

beforeAll(async () => {
  const response = await getApi('/openapi.json');
  expect(response.status).toBe(200);
  served = response.json as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'wildrydes', components: served.components });
  validate = (schema, value) => {
    const check = ajv.compile({ $ref: `wildrydes#/components/schemas/${schema}` });
    return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
});

/** A rider of the test's own, signed up and in through cognito-local (one ride at a time each). */
const newRider = async () => (await createRider()).tokens;
const cairo = fleetCity('Cairo').centre;

describe('GET /openapi.json', () => {
  it('serves the committed document without a token', () => {
    expect(served).toEqual(openApiDocument());
  });
});

describe('responses of the running API match the documented schemas', () => {
  it('POST /ride 201 → RideResponse; 400, 401, 409 and 503 → Error', async () => {
    const rider = await newRider();
    const created = await postRide(
      { PickupLocation: cairo, DropoffLocation: { Latitude: cairo.Latitude + 0.05, Longitude: cairo.Longitude } },
      { Authorization: rider.idToken },
    );
    expect(created.status).toBe(201);
    expect(validate('RideResponse', created.json)).toEqual([]);
    const bad = await postRide({ PickupLocation: { Latitude: 100, Longitude: 20 } }, { Authorization: rider.idToken });
    expect(bad.status).toBe(400);
    expect(validate('Error', bad.json)).toEqual([]);
    const unauthorized = await postRide({ PickupLocation: cairo });
    expect(unauthorized.status).toBe(401);
    expect(validate('Error', unauthorized.json)).toEqual([]);
    const second = await postRide({ PickupLocation: cairo }, { Authorization: rider.idToken });
    expect(second.status).toBe(409);
    expect(validate('Error', second.json)).toEqual([]);
    const outOfReach = await postRide({ PickupLocation: { Latitude: 10, Longitude: 20 } }, { Authorization: (await riderToken()).idToken });
    expect(outOfReach.status).toBe(503);
    expect(validate('Error', outOfReach.json)).toEqual([]);
  });

  it('POST /rides/{rideId}/cancel 200 → Ride; 404 → Error', async () => {
    const [rider, other] = await Promise.all([newRider(), riderToken('openapi')]);
    const booked = await postRide({ PickupLocation: cairo }, { Authorization: other.idToken });
    expect(booked.status).toBe(201);
    const { RideId } = booked.json as { RideId: string };
    const cancelled = await cancelRide(RideId, other.idToken);
    expect(cancelled.status).toBe(200);
    expect(validate('Ride', cancelled.json)).toEqual([]);
    const missing = await cancelRide(RideId, rider.idToken);
    expect(missing.status).toBe(404);
    expect(validate('Error', missing.json)).toEqual([]);
  });

  it('GET /rides → RidePage, GET /rides/{rideId} → Ride, 404 → Error', async () => {
    // A ride of its own to list and read back.
    const rider = await newRider();
    const booked = await postRide({ PickupLocation: cairo }, { Authorization: rider.idToken });
    expect(booked.status).toBe(201);
    const page = await getApi('/rides?limit=5', { Authorization: rider.idToken });
    expect(page.status).toBe(200);
    expect(validate('RidePage', page.json)).toEqual([]);
    const [first] = (page.json as { Rides: { RideId: string }[] }).Rides;
    expect(first?.RideId).toBe((booked.json as { RideId: string }).RideId);
    const one = await getApi(`/rides/${first!.RideId}`, { Authorization: rider.idToken });
    expect(one.status).toBe(200);
    expect(validate('Ride', one.json)).toEqual([]);
    const missing = await getApi('/rides/nope', { Authorization: rider.idToken });
    expect(missing.status).toBe(404);
    expect(validate('Error', missing.json)).toEqual([]);
  });

  it('the validator does reject what breaks the contract', () => {
    expect(validate('RideResponse', { RideId: 1 })).not.toEqual([]);
  });
});
