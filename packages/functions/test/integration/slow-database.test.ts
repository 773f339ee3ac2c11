import { stat } from 'node:fs/promises';
import {
  apiLogFile,
  localFunctionSettings,
  type MintedRider,
  pickupsAcross,
  resumeService,
  riderTokens,
  sharedCities,
  startDutyCycle,
} from '@wildrydes/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbCallMaxMs } from '../../src/store/dynamodb-client';
import {
  expectEveryKeyEndsWithItsRide,
  failureKinds,
  isReachRefusal,
  retrySummary,
  sendKeyedLoad,
  settle,
  statusCounts,
  storedRideIds,
} from './support/keyed-load';

const REQUESTS = 400;
const CONCURRENCY = 50;
// One rider per request (one active ride per rider), pickups spread over the fleet's cities but the
// burst's (about 20 rides per city), so that every pickup is within reach of its city's herd.
const pickups = pickupsAcross(sharedCities(), REQUESTS);
/**
 * DynamoDB Local slowed, never stopped: a stall 1 s longer than one call's two tries (2 × 4 s
 * locally, from serverless.yml), so calls in flight time out on the client while the frozen
 * database still holds them (and may commit a booking when it runs again), then ten latency spikes
 * of 300 ms; over again.
 */
const phases = (stallMs: number): readonly (readonly [number, number])[] => [
  [stallMs, 2_000],
  ...Array<[number, number]>(10).fill([300, 300]),
];
let stallMs: number;
/** Answers to wait for before slowing the database: the function is warm and the load in full flow. */
const WARM_ANSWERS = 20;

let riders: MintedRider[];

beforeAll(async () => {
  stallMs = dynamodbCallMaxMs(Number((await localFunctionSettings()).environment.DYNAMODB_TIMEOUT_MS)) + 1_000;
  riders = await riderTokens(REQUESTS, 'slow-db');
}, 120_000);
afterAll(() => resumeService('dynamodb').catch(() => {}));

describe('faults: DynamoDB Local slowed (SIGSTOP/SIGCONT duty cycle) during a load run', () => {
  it('answers each request 201 or 503 + Retry-After; a retry with the same key gets the ride stored for it, and only that', async () => {
    const logOffset = (await stat(apiLogFile())).size;
    let cycle: ReturnType<typeof startDutyCycle> | undefined;
    let requests: Awaited<ReturnType<typeof sendKeyedLoad>>;
    let freezes: number;
    try {
      requests = await sendKeyedLoad(riders, CONCURRENCY, pickups, (answered) => {
        if (answered === WARM_ANSWERS) cycle = startDutyCycle('dynamodb', phases(stallMs));
      });
    } finally {
      freezes = (await cycle?.stop()) ?? 0;
    }
    const firstAnswers = requests.map((r) => r.answer);
    const failed = firstAnswers.filter((a) => a.status >= 500);
    const storedAfterLoad = (await storedRideIds(riders)).length;
    const settled = await settle(requests, { maxRetries: 5, concurrency: 10 });
    const stored = await storedRideIds(riders);
    const { retried, hadBooked, retryRequests } = retrySummary(settled);
    console.log(
      `faults (slow): ${REQUESTS} requests by ${REQUESTS} riders at concurrency ${CONCURRENCY}, DynamoDB frozen ${freezes} times (stalls of ${stallMs} ms); ` +
        `first answers ${JSON.stringify(statusCounts(firstAnswers))} (the API's log names the 5xx ${JSON.stringify(await failureKinds(logOffset, failed))}; ` +
        `${failed.filter(isReachRefusal).length} out of reach); ` +
        `${storedAfterLoad} rides stored after the load; ${retried} 5xx retried with their key, ` +
        `${hadBooked} of them had booked (the retry replayed that ride), ` +
        `${retryRequests} retry requests; ${stored.length} rides stored in the end`,
    );
    // The first stall outlasts a call's two tries while 50 requests are in flight, so some must fail:
    // a consequence of the fault, not of the machine's speed.
    expect(freezes).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    await expectEveryKeyEndsWithItsRide(settled);
    expect(stored).toHaveLength(REQUESTS);
  }, 600_000);
});
