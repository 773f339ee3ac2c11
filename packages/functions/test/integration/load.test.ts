import { stat } from 'node:fs/promises';
import { apiLogFile, countRides, type MintedRider, pickupsAcross, riderTokens, sharedCities } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEveryKeyEndsWithItsRide,
  failureKinds,
  isReachRefusal,
  type KeyedRequest,
  retrySummary,
  sendKeyedLoad,
  settle,
  statusCounts,
  storedRideIds,
} from './support/keyed-load';

const REQUESTS = 1000;
const CONCURRENCY = 50;
// One rider per request (one active ride per rider), pickups spread over the fleet's cities but the
// burst's, so that every pickup is within reach of a herd of about 100 unicorns (about 50 rides per city).
let riders: MintedRider[];
const pickups = pickupsAcross(sharedCities(), REQUESTS);

beforeAll(async () => {
  riders = await riderTokens(REQUESTS, 'load');
});

describe(`load: ${REQUESTS} ride requests of ${REQUESTS} riders at concurrency ${CONCURRENCY}, each with its own Idempotency-Key`, () => {
  it('books every key exactly once: each answered 201, or 503 + Retry-After and then its ride on a retry with the key', async () => {
    const logOffset = (await stat(apiLogFile())).size;
    const before = await countRides();
    const requests: KeyedRequest[] = await sendKeyedLoad(riders, CONCURRENCY, pickups);
    const firstStored = (await storedRideIds(riders)).length;
    const failed = requests.map((r) => r.answer).filter((a) => a.status >= 500);
    const settled = await settle(requests, { maxRetries: 5, concurrency: 10 });
    const stored = await storedRideIds(riders);
    const { retried, hadBooked, retryRequests } = retrySummary(settled);
    console.log(
      `load: ${REQUESTS} requests by ${REQUESTS} riders over ${sharedCities().length} cities, first answers ${JSON.stringify(statusCounts(requests.map((r) => r.answer)))} ` +
        `(the API's log names the 5xx ${JSON.stringify(await failureKinds(logOffset, failed))}; ${failed.filter(isReachRefusal).length} out of reach), ` +
        `${firstStored} rides stored after the load; ${retried} retried with their key ` +
        `(${hadBooked} had booked despite the 5xx, replayed), ${retryRequests} retry requests; ` +
        `${stored.length} rides stored in the end`,
    );
    // A 504 or 500 (the API gave up, or a bug), a 503 without Retry-After, a 409 (fair use: each
    // request is a rider of its own) or a refusal for want of a unicorn within reach fails here.
    await expectEveryKeyEndsWithItsRide(settled);
    expect(stored).toHaveLength(REQUESTS);
    expect(await countRides()).toBe(before + REQUESTS);
  }, 300_000);
});
