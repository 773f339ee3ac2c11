import { openApiDocument } from '@wildrydes/contract';
import { createRider, getApi, postRide, type Tokens } from '@wildrydes/local-stack/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';

interface Document {
  components: { schemas: Record<string, object> };
}

let served: Document;
let rider: Tokens;
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
  rider = (await createRider()).tokens;
});

describe('GET /openapi.json', () => {
  it('serves the committed document without a token', () => {
    expect(served).toEqual(openApiDocument());
  });
});

describe('responses of the running API match the documented schemas', () => {
  it('POST /ride 201 → RideResponse; 400 and 401 → Error', async () => {
    const created = await postRide({ PickupLocation: { Latitude: 10, Longitude: 20 } }, { Authorization: rider.idToken });
    expect(created.status).toBe(201);
    expect(validate('RideResponse', created.json)).toEqual([]);
    const bad = await postRide({ PickupLocation: { Latitude: 100, Longitude: 20 } }, { Authorization: rider.idToken });
    expect(bad.status).toBe(400);
    expect(validate('Error', bad.json)).toEqual([]);
    const unauthorized = await postRide({ PickupLocation: { Latitude: 10, Longitude: 20 } });
    expect(validate('Error', unauthorized.json)).toEqual([]);
  });

  it('GET /rides → RidePage, GET /rides/{rideId} → Ride, 404 → Error', async () => {
    const page = await getApi('/rides?limit=5', { Authorization: rider.idToken });
    expect(page.status).toBe(200);
    expect(validate('RidePage', page.json)).toEqual([]);
    const [first] = (page.json as { Rides: { RideId: string }[] }).Rides;
    const one = await getApi(`/rides/${first!.RideId}`, { Authorization: rider.idToken });
    expect(validate('Ride', one.json)).toEqual([]);
    const missing = await getApi('/rides/nope', { Authorization: rider.idToken });
    expect(missing.status).toBe(404);
    expect(validate('Error', missing.json)).toEqual([]);
  });

  it('the validator does reject what breaks the contract', () => {
    expect(validate('RideResponse', { RideId: 1 })).not.toEqual([]);
  });
});
