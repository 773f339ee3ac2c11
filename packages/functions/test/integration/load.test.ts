import { RideResponse } from '@wildrydes/contract';
import {
  countRides,
  getRide,
  type MintedRider,
  pickupsAcross,
  postRideSettled,
  riderTokens,
  runPool,
  sharedCities,
} from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const REQUESTS = 1000;
const CONCURRENCY = 50;
// One rider per request (one active ride per rider), pickups spread over the fleet's cities so that
// every pickup is within reach of a herd of about 100 unicorns (about 50 rides per city).
let riders: MintedRider[];
const pickups = pickupsAcross(sharedCities(), REQUESTS);

beforeAll(async () => {
  riders = await riderTokens(REQUESTS, 'load');
});

describe(`load: ${REQUESTS} ride requests at concurrency ${CONCURRENCY}`, () => {
  it('books every one exactly once: no failures, no duplicate ids, every ride stored', async () => {
    const before = await countRides();
    // Each request carries an Idempotency-Key. A 503 meant to be retried at once (a slow machine:
    // a timeout, or every candidate taken by racing requests) is retried with the same key, which
    // returns the ride if the first try booked it, or books it.
    const answers = await runPool(REQUESTS, CONCURRENCY, (i) =>
      postRideSettled({ PickupLocation: pickups[i] }, riders[i]!.idToken, { timeoutMs: 30_000 }),
    );
    const failed = answers.filter((a) => a.status !== 201);
    const retried = answers.filter((a) => a.tries > 1).length;
    const items = (await countRides()) - before;
    console.log(`load: ${REQUESTS} requests, ${retried} retried after a 503, ${failed.length} failures, ${items} items found`);
    expect(failed.map((a) => `${a.status} ${JSON.stringify(a.json)}`)).toEqual([]);

    const rides = answers.map((a) => RideResponse.parse(a.json));
    expect(rides.map((r) => r.Rider)).toEqual(riders.map((r) => r.username));
    expect(new Set(rides.map((r) => r.RideId)).size).toBe(REQUESTS);
    expect(items).toBe(REQUESTS);
    const sample = await Promise.all(rides.filter((_, i) => i % 50 === 0).map((r) => getRide(r.RideId)));
    expect(sample.every((item) => item !== undefined)).toBe(true);
  }, 300_000);
});
