import { beforeAll, describe, expect, it } from 'vitest';
import type { RideResponse } from '@wildrydes/contract';
import { countRides, demoRider, getRide, postRide, runPool, signIn } from '@wildrydes/local-stack/testing';

const REQUESTS = 1000;
const CONCURRENCY = 50;
let idToken: string;

beforeAll(async () => {
  idToken = (await signIn(demoRider.email, demoRider.password)).idToken;
});

describe(`load: ${REQUESTS} ride requests at concurrency ${CONCURRENCY}`, () => {
  it('books every one exactly once: no failures, no duplicate ids, every ride stored', async () => {
    const before = await countRides();
    const responses = await runPool(REQUESTS, CONCURRENCY, (i) =>
      postRide({ PickupLocation: { Latitude: -33.8688 + i / 1e5, Longitude: 151.2093 } }, { Authorization: idToken }),
    );
    const created = responses.filter((r) => r.status === 201).map((r) => (r.json as RideResponse).RideId);
    const items = (await countRides()) - before;
    console.log(`load: ${REQUESTS} requests, ${REQUESTS - created.length} failures, ${items} items found`);
    expect(created).toHaveLength(REQUESTS);
    expect(new Set(created).size).toBe(REQUESTS);
    expect(items).toBe(REQUESTS);
    const sample = await Promise.all(created.filter((_, i) => i % 50 === 0).map(getRide));
    expect(sample.every((item) => item !== undefined)).toBe(true);
  }, 240_000);
});
