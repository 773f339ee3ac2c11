import { randomUUID } from 'node:crypto';
import type { RideResponse } from '@wildrydes/contract';
import { countRides, createRider, getRide, type MintedRider, postRide, riderToken } from '@wildrydes/local-stack/testing';
import { beforeEach, describe, expect, it } from 'vitest';

/** A fresh rider for each test: one active ride per rider. */
let rider: MintedRider;
const pickup = { PickupLocation: { Latitude: 40.7128, Longitude: -74.006 } };

beforeEach(async () => {
  rider = await riderToken('idempotent');
});

const post = (body: unknown, key: string, tokens: { idToken: string } = rider) =>
  postRide(body, { Authorization: tokens.idToken, 'Idempotency-Key': key });

describe('Idempotency-Key on POST /ride', () => {
  it('answers a retry with the same ride and writes it once: a replay, not a 409, though the rider now has a ride', async () => {
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
    // The ride is active: a new request (another key) is refused, naming it; the retry still replays.
    const other = await post(pickup, randomUUID());
    expect(other.status).toBe(409);
    expect(other.json).toMatchObject({ RideId: (first.json as RideResponse).RideId });
    const late = await post(pickup, key);
    expect(late.status).toBe(201);
    expect(late.json).toEqual(first.json);
    expect(await countRides()).toBe(before + 1);
  });

  it('books once when ten copies of a request race each other', async () => {
    const key = randomUUID();
    const before = await countRides();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(pickup, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    // The same answer for all, and said to be a replay by all but the one that booked.
    expect(responses.map((r) => r.json)).toEqual(Array(10).fill(responses[0]?.json));
    const replayed = responses.map((r) => r.headers.get('idempotent-replayed'));
    expect(replayed.filter((value) => value === 'true')).toHaveLength(9);
    expect(replayed.filter((value) => value === null)).toHaveLength(1);
    expect(await countRides()).toBe(before + 1);
  });

  it('refuses the same key with another pickup or drop-off (422) and writes nothing', async () => {
    const key = randomUUID();
    expect((await post(pickup, key)).status).toBe(201);
    const before = await countRides();
    const otherPickup = await post({ PickupLocation: { Latitude: 1, Longitude: 2 } }, key);
    const withDropoff = await post({ ...pickup, DropoffLocation: { Latitude: 40.75, Longitude: -73.99 } }, key);
    for (const other of [otherPickup, withDropoff]) {
      expect(other.status).toBe(422);
      expect(other.json).toEqual({ message: expect.stringMatching(/Idempotency-Key.*different/) });
    }
    expect(await countRides()).toBe(before);
  });

  it('keeps riders apart: the same key from two riders books two rides', async () => {
    const key = randomUUID();
    // A rider who signed up and in through cognito-local, beside a minted one.
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
