import { stat } from 'node:fs/promises';
import { apiLogFile, createRider, riderOf } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEveryKeyEndsWithItsRide,
  failureKinds,
  type KeyedRequest,
  sendKeyedLoad,
  settle,
  statusCounts,
  storedRideIds,
} from './support/keyed-load';

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
let rider: { name: string; idToken: string };

beforeAll(async () => {
  // A rider of its own, so the rides and keys counted are this test's alone.
  const { tokens } = await createRider();
  rider = { name: riderOf(tokens.idToken), idToken: tokens.idToken };
});

describe(`load: ${REQUESTS} ride requests at concurrency ${CONCURRENCY}, each with its own Idempotency-Key`, () => {
  it('books every key exactly once: each answered 201, or 503 + Retry-After and then its ride on a retry with the key', async () => {
    const logOffset = (await stat(apiLogFile())).size;
    // Riders in the six cities the fleet serves, each request a slightly different pickup.
    const requests: KeyedRequest[] = await sendKeyedLoad(rider.idToken, REQUESTS, CONCURRENCY, (i) => {
      const [latitude, longitude] = CITIES[i % CITIES.length]!;
      return { Latitude: latitude + i / 1e5, Longitude: longitude };
    });
    const firstStored = (await storedRideIds(rider.name)).length;
    const failed = requests.map((r) => r.answer).filter((a) => a.status >= 500);
    const settled = await settle(rider.name, rider.idToken, requests, { maxRetries: 5, concurrency: 10 });
    const stored = await storedRideIds(rider.name);
    const retriedStored = settled.retries.filter((r) => r.storedBefore !== undefined).length;
    console.log(
      `load: ${REQUESTS} requests, first answers ${JSON.stringify(statusCounts(requests.map((r) => r.answer)))} ` +
        `(the API's log names the 5xx ${JSON.stringify(await failureKinds(logOffset, failed))}), ` +
        `${firstStored} rides stored after the load; ${settled.retries.length} retried with their key ` +
        `(${retriedStored} had booked despite the 5xx, replayed), ${settled.retries.reduce((n, r) => n + r.answers.length, 0)} retry requests; ` +
        `${stored.length} rides stored in the end`,
    );
    // A 504 or 500 (the API gave up, or a bug), or a 503 without Retry-After, fails here.
    await expectEveryKeyEndsWithItsRide(rider.name, settled);
    expect(stored).toHaveLength(REQUESTS);
  }, 300_000);
});
