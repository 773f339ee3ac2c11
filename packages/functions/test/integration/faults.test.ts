import type { RideResponse } from '@wildrydes/contract';
import {
  getRide,
  pauseService,
  pickupsAcross,
  postRide,
  RIDE_REQUEST_TIMEOUT_MS,
  restartDynamoDb,
  resumeService,
  riderToken,
  runPool,
  sharedCities,
  stopDynamoDb,
} from '@wildrydes/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Pickups spread over the fleet's cities (not the burst's), so that every request is within reach of a herd. */
const pickups = pickupsAcross(sharedCities(), 400);
/** One ride request, by a rider of its own (one active ride per rider: every request could book). */
const ride = async (i: number) => {
  const { idToken } = await riderToken('faults');
  const started = Date.now();
  const response = await postRide({ PickupLocation: pickups[i % pickups.length] }, { Authorization: idToken }, RIDE_REQUEST_TIMEOUT_MS);
  return { ...response, ms: Date.now() - started };
};
type Answer = Awaited<ReturnType<typeof ride>>;
const rideIds = (answers: Answer[]) => answers.filter((a) => a.status === 201).map((a) => (a.json as RideResponse).RideId);

function expectCleanUnavailable(answers: Answer[], boundMs: number) {
  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.json).toEqual({ message: expect.any(String), Error: expect.any(String), Reference: expect.any(String) });
    // The database's fault, not the fleet's reach: a refusal for want of a unicorn would hide behind the same shape.
    expect((answer.json as { message: string }).message).not.toMatch(/^No unicorn is free near/);
    expect(answer.ms).toBeLessThan(boundMs);
  }
}

async function untilBooking(): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const answer = await ride(5000 + attempt);
    if (answer.status === 201) return (answer.json as RideResponse).RideId;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The API did not recover');
}

beforeAll(async () => {
  await ride(0); // warm the function and its JWKS cache
});
afterAll(() => resumeService('dynamodb').catch(() => {}));

describe('faults', () => {
  it('DynamoDB Local stopped mid-load: fast 503s with Retry-After, no booked ride lost, recovery without an API restart', async () => {
    // Load in flight while the database goes away.
    const load = runPool(120, 10, ride);
    await new Promise((r) => setTimeout(r, 300));
    await stopDynamoDb();
    const duringLoad = await load;
    const outage = await runPool(20, 10, ride);
    const failed = [...duringLoad, ...outage].filter((a) => a.status !== 201);
    console.log(
      `faults (stop): ${duringLoad.length + outage.length} requests, ${failed.length} failed, slowest failure ${Math.max(...failed.map((a) => a.ms))} ms`,
    );
    expect(outage.every((a) => a.status !== 201)).toBe(true);
    // Refused connections fail at once; two attempts locally stay far below the gateway's 29 s.
    expectCleanUnavailable(failed, 20_000);

    await restartDynamoDb();
    const afterRestart = await untilBooking();
    const booked = [...rideIds(duringLoad), afterRestart];
    const items = await Promise.all(booked.map(getRide));
    expect(items.filter((item) => item === undefined)).toEqual([]);
  }, 180_000);

  it('DynamoDB Local hung (SIGSTOP): requests end in bounded time with 503, then recover', async () => {
    await pauseService('dynamodb');
    let hung: Answer[];
    try {
      hung = await runPool(4, 4, ride);
    } finally {
      await resumeService('dynamodb');
    }
    console.log(`faults (hang): ${hung.length} requests, slowest ${Math.max(...hung.map((a) => a.ms))} ms`);
    expectCleanUnavailable(hung, 20_000);
    expect(await getRide(await untilBooking())).toBeDefined();
  }, 120_000);
});
