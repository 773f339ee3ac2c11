import { randomUUID } from 'node:crypto';
import type { RideResponse } from '@wildrydes/contract';
import { countRides, createRider, getRide, postRide, type Tokens } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';

let rider: Tokens;
const pickup = { PickupLocation: { Latitude: 40.7128, Longitude: -74.006 } };

beforeAll(async () => {
  rider = (await createRider()).tokens;
});

const post = (body: unknown, key: string, tokens = rider) => postRide(body, { Authorization: tokens.idToken, 'Idempotency-Key': key });

describe('Idempotency-Key on POST /ride', () => {
  it('answers a retry with the same ride and writes it once', async () => {
    const key = randomUUID();
    const before = await countRides();
    const first = await post(pickup, key);
    const retry = await post(pickup, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await countRides()).toBe(before + 1);
    expect(await getRide((first.json as RideResponse).RideId)).toBeDefined();
  });

  it('books once when ten copies of a request race each other', async () => {
    const key = randomUUID();
    const before = await countRides();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(pickup, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => (r.json as RideResponse).RideId)).size).toBe(1);
    expect(await countRides()).toBe(before + 1);
  });

  it('refuses the same key with another pickup (422) and writes nothing', async () => {
    const key = randomUUID();
    await post(pickup, key);
    const before = await countRides();
    const other = await post({ PickupLocation: { Latitude: 1, Longitude: 2 } }, key);
    expect(other.status).toBe(422);
    expect(other.json).toEqual({ message: expect.stringMatching(/Idempotency-Key.*different/) });
    expect(await countRides()).toBe(before);
  });

  it('keeps riders apart: the same key from two riders books two rides', async () => {
    const key = randomUUID();
    const other = (await createRider()).tokens;
    const a = await post(pickup, key);
    const b = await post(pickup, key, other);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((a.json as RideResponse).RideId).not.toBe((b.json as RideResponse).RideId);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a malformed key with 400 and writes nothing', async () => {
    const before = await countRides();
    const response = await post(pickup, 'not a valid key');
    expect(response.status).toBe(400);
    expect(await countRides()).toBe(before);
  });
});
