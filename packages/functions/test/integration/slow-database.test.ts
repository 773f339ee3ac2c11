import { stat } from 'node:fs/promises';
import { apiLogFile, createRider, resumeService, riderOf, startDutyCycle } from '@wildrydes/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEveryKeyEndsWithItsRide, failureKinds, sendKeyedLoad, settle, statusCounts, storedRideIds } from './support/keyed-load';

const REQUESTS = 400;
const CONCURRENCY = 50;
const CITIES = [
  [47.6062, -122.3321],
  [40.7128, -74.006],
  [51.5072, -0.1276],
  [35.6762, 139.6503],
] as const;
/**
 * DynamoDB Local slowed, never stopped: a stall longer than one call's two tries (2 × 4 s locally),
 * so calls in flight time out on the client while the frozen database still holds them (and may
 * commit a booking when it runs again), then ten latency spikes of 300 ms; over again.
 */
const PHASES: readonly (readonly [number, number])[] = [[9_000, 2_000], ...Array<[number, number]>(10).fill([300, 300])];
/** Answers to wait for before slowing the database: the function is warm and the load in full flow. */
const WARM_ANSWERS = 20;

let rider: { name: string; idToken: string };

beforeAll(async () => {
  const { tokens } = await createRider();
  rider = { name: riderOf(tokens.idToken), idToken: tokens.idToken };
});
afterAll(() => resumeService('dynamodb').catch(() => {}));

describe('faults: DynamoDB Local slowed (SIGSTOP/SIGCONT duty cycle) during a load run', () => {
  it('answers each request 201 or 503 + Retry-After; a retry with the same key gets the ride stored for it, and only that', async () => {
    const logOffset = (await stat(apiLogFile())).size;
    let cycle: ReturnType<typeof startDutyCycle> | undefined;
    let requests: Awaited<ReturnType<typeof sendKeyedLoad>>;
    let freezes: number;
    try {
      requests = await sendKeyedLoad(
        rider.idToken,
        REQUESTS,
        CONCURRENCY,
        (i) => {
          const [latitude, longitude] = CITIES[i % CITIES.length]!;
          return { Latitude: latitude - i / 1e5, Longitude: longitude };
        },
        (answered) => {
          if (answered === WARM_ANSWERS) cycle = startDutyCycle('dynamodb', PHASES);
        },
      );
    } finally {
      freezes = (await cycle?.stop()) ?? 0;
    }
    const firstAnswers = requests.map((r) => r.answer);
    const failed = firstAnswers.filter((a) => a.status >= 500);
    const storedAfterLoad = (await storedRideIds(rider.name)).length;
    const settled = await settle(rider.name, rider.idToken, requests, { maxRetries: 5, concurrency: 10 });
    const stored = await storedRideIds(rider.name);
    console.log(
      `faults (slow): ${REQUESTS} requests at concurrency ${CONCURRENCY}, DynamoDB frozen ${freezes} times; ` +
        `first answers ${JSON.stringify(statusCounts(firstAnswers))} (the API's log names the 5xx ${JSON.stringify(await failureKinds(logOffset, failed))}); ` +
        `${storedAfterLoad} rides stored after the load; ${settled.retries.length} 5xx retried with their key, ` +
        `${settled.retries.filter((r) => r.storedBefore !== undefined).length} of them had booked (the retry replayed that ride), ` +
        `${settled.retries.reduce((n, r) => n + r.answers.length, 0)} retry requests; ${stored.length} rides stored in the end`,
    );
    // The first stall outlasts a call's two tries while 50 requests are in flight, so some must fail:
    // a consequence of the fault, not of the machine's speed.
    expect(freezes).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    await expectEveryKeyEndsWithItsRide(rider.name, settled);
    expect(stored).toHaveLength(REQUESTS);
  }, 600_000);
});
