import { performance } from 'node:perf_hooks';
import type { RideResponse } from '@wildrydes/contract';
import {
  apiInvocationsSince,
  apiLogOffset,
  getRide,
  localFunctionSettings,
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
import { dynamodbCallMaxMs } from '../../src/store/dynamodb-client';

/** Pickups spread over the fleet's cities (not the burst's), so that every request is within reach of a herd. */
const pickups = pickupsAcross(sharedCities(), 400);
/** One ride request, by a rider of its own (one active ride per rider: every request could book), timed by the client. */
const ride = async (i: number) => {
  const { idToken } = await riderToken('faults');
  const started = performance.now();
  const response = await postRide({ PickupLocation: pickups[i % pickups.length] }, { Authorization: idToken }, RIDE_REQUEST_TIMEOUT_MS);
  const answered = performance.now();
  return { ...response, started, answered, ms: answered - started };
};
type Answer = Awaited<ReturnType<typeof ride>>;
const rideIds = (answers: Answer[]) => answers.filter((a) => a.status === 201).map((a) => (a.json as RideResponse).RideId);
const slowest = (answers: Answer[]) => Math.round(Math.max(0, ...answers.map((a) => a.ms)));

/** One DynamoDB try's timeout, as serverless.yml sets it for the local stage (its one home). */
let tryTimeoutMs: number;

function expectCleanUnavailable(answers: Answer[]) {
  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.json).toEqual({ message: expect.any(String), Error: expect.any(String), Reference: expect.any(String) });
    // The database's fault, not the fleet's reach: a refusal for want of a unicorn would hide behind the same shape.
    expect((answer.json as { message: string }).message).not.toMatch(/^No unicorn is free near/);
  }
}

/** The error the API's log names for each 503 (its Reference is the request id), as "name: detail". */
async function loggedErrors(offset: number, answers: Answer[]): Promise<string[]> {
  const { invocations } = await apiInvocationsSince(offset, 0);
  const failure = new Map(invocations.map((i) => [i.requestId, i.lines.find((line) => line.message === 'ride request failed')]));
  return answers.map((a) => {
    const line = failure.get((a.json as { Reference?: string }).Reference ?? '');
    return line ? `${line.error}: ${line.detail}` : 'not in the log';
  });
}

/** Books rides until one is answered 201: the database is up and the API has recovered (bounded). */
async function untilBooking(): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const answer = await ride(5000 + attempt);
    if (answer.status === 201) return (answer.json as RideResponse).RideId;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The API did not recover');
}

beforeAll(async () => {
  tryTimeoutMs = Number((await localFunctionSettings()).environment.DYNAMODB_TIMEOUT_MS);
  expect(tryTimeoutMs).toBeGreaterThan(0);
  await ride(0); // warm the function and its JWKS cache
}, 120_000);
afterAll(() => resumeService('dynamodb').catch(() => {}));

describe('faults', () => {
  // First: the stop below spends the SDK's retry quota (refused connections), after which a call is
  // tried once until successes earn it back.
  it('DynamoDB Local hung (SIGSTOP): requests end with 503 once a try times out, not before, and before a third try; then recover', async () => {
    // Each test starts from a database that answers, whatever an earlier one left behind.
    await untilBooking();
    const offset = await apiLogOffset();
    await pauseService('dynamodb');
    let hung: Answer[];
    try {
      hung = await runPool(4, 4, ride);
    } finally {
      await resumeService('dynamodb');
    }
    const errors = await loggedErrors(offset, hung);
    console.log(
      `faults (hang): ${hung.length} requests, ${hung.map((a) => Math.round(a.ms)).join(', ')} ms (a try times out after ${tryTimeoutMs} ms), ` +
        `errors ${JSON.stringify([...new Set(errors)])}`,
    );
    expectCleanUnavailable(hung);
    for (const answer of hung) {
      // The database answers nothing, so no call can fail before its first try's timeout fires.
      expect(answer.ms).toBeGreaterThanOrEqual(tryTimeoutMs);
      // At most two tries (one, once an outage has spent the SDK's retry quota): a third would take
      // another whole timeout. The rest of that third timeout is slack for a busy machine.
      expect(answer.ms).toBeLessThan(dynamodbCallMaxMs(tryTimeoutMs) + tryTimeoutMs);
    }
    // Each failed on the SDK's per-try timeout, which its message names as configured.
    expect(errors.filter((e) => !e.startsWith('TimeoutError:') || !e.includes(`configured ${tryTimeoutMs} ms requestTimeout`))).toEqual([]);
    expect(await getRide(await untilBooking())).toBeDefined();
  }, 120_000);

  it('DynamoDB Local stopped mid-load: fast 503s with Retry-After, no booked ride lost, recovery without an API restart', async () => {
    await untilBooking();
    const offset = await apiLogOffset();
    // 120 requests, 10 at a time; the database is stopped once 20 are answered: 10 in flight, 90 still to send.
    let stop: Promise<{ began: number; ended: number }> | undefined;
    let answered = 0;
    let duringLoad: Answer[];
    try {
      duringLoad = await runPool(120, 10, async (i) => {
        const answer = await ride(i);
        if (++answered === 20) {
          const began = performance.now();
          stop = stopDynamoDb().then(() => ({ began, ended: performance.now() }));
        }
        return answer;
      });
    } finally {
      await stop;
    }
    const { began, ended } = (await stop)!;
    const outage = await runPool(20, 10, ride);
    const failed = [...duringLoad, ...outage].filter((a) => a.status !== 201);
    // In flight as it stopped: sent before the stop began, answered after the process was gone.
    const inFlight = duringLoad.filter((a) => a.started < began && a.answered > ended);
    const outageErrors = await loggedErrors(offset, outage);
    console.log(
      `faults (stop): ${duringLoad.length + outage.length} requests; stopping took ${Math.round(ended - began)} ms, ${inFlight.length} in flight throughout ` +
        `(${inFlight.filter((a) => a.status === 201).length} booked), ${failed.length} failed, slowest failure ${slowest(failed)} ms; ` +
        `during the outage: slowest ${slowest(outage)} ms, errors ${JSON.stringify([...new Set(outageErrors)])}`,
    );
    try {
      expect(inFlight.length).toBeGreaterThan(0);
      expect(outage.every((a) => a.status !== 201)).toBe(true);
      expectCleanUnavailable(failed);
      // A refused connection fails at once: no try waits for its timeout, so each answer comes
      // sooner than one try could time out, and the log names the refusal.
      expect(outageErrors.filter((e) => !/ECONNREFUSED/.test(e))).toEqual([]);
      for (const answer of outage) expect(answer.ms).toBeLessThan(tryTimeoutMs);
    } finally {
      await restartDynamoDb();
    }
    const afterRestart = await untilBooking();
    const booked = [...rideIds(duringLoad), afterRestart];
    const items = await Promise.all(booked.map(getRide));
    expect(items.filter((item) => item === undefined)).toEqual([]);
  }, 180_000);
});
