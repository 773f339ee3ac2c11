import type { RideResponse } from '@wildrydes/contract';
import { countRides, demoRider, getRide, postRide, runPool, signIn } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const REQUESTS = 1000;
const CONCURRENCY = 50;
const CITIES = [
  [47.6062, -122.3321],
  [40.7128, -74.006],
  [51.5072, -0.1276],
  [37.5665, 126.978],
  [35.6762, 139.6503],
  [-33.8688, 151.2093],
] as const;
let idToken: string;

beforeAll(async () => {
  idToken = (await signIn(demoRider.email, demoRider.password)).idToken;
});

describe(`load: ${REQUESTS} ride requests at concurrency ${CONCURRENCY}`, () => {
  it('books every one exactly once: no failures, no duplicate ids, every ride stored', async () => {
    const before = await countRides();
    // Riders in the six cities the fleet serves, each request a slightly different pickup.
    const responses = await runPool(REQUESTS, CONCURRENCY, (i) => {
      const [latitude, longitude] = CITIES[i % CITIES.length]!;
      return postRide({ PickupLocation: { Latitude: latitude + i / 1e5, Longitude: longitude } }, { Authorization: idToken }, 30_000);
    });
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
