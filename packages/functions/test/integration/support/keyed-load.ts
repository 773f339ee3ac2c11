/**
 * A load of ride requests, each by a rider of its own with its own Idempotency-Key, and what a
 * careful client does with the ones answered 5xx: retry with the same key until booked. Used by the
 * load, slow-database and concurrent-booking tests to check that no rider is left not knowing: every
 * key ends with exactly the ride stored for it.
 *
 * One rider per request: fair use allows a rider one active ride, so a second booking by the same
 * rider is a 409, not a load. Pickups should be within reach of the fleet and spread over its
 * cities (pickupsAcross(sharedCities(), n)): a 503 "No unicorn is free near this pickup" means the
 * load outran the fleet, and is reported as a failure here, never retried away.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PickupLocation, RideResponse } from '@wildrydes/contract';
import {
  type ApiAnswer,
  allRides,
  apiLogFile,
  claimedRideId,
  type MintedRider,
  postRide,
  RIDE_REQUEST_TIMEOUT_MS,
  runPool,
} from '@wildrydes/local-stack/testing';
import { expect } from 'vitest';

export interface KeyedRequest {
  /** Who sent it: each request a rider of its own. */
  rider: MintedRider;
  key: string;
  pickup: PickupLocation;
  answer: ApiAnswer;
}

export interface Retry {
  request: KeyedRequest;
  /** The ride already stored for the key when the first retry went out: the 5xx's booking had landed. */
  storedBefore: string | undefined;
  /** The answers to the retries, in order; the last one stands. */
  answers: ApiAnswer[];
}

export interface Settled {
  requests: KeyedRequest[];
  retries: Retry[];
  /** Each key's ride in the end: its 201, first time or on a retry (undefined if it never got one). */
  finalRide: Map<string, string | undefined>;
}

const rideIdOf = (answer: ApiAnswer | undefined) => (answer?.status === 201 ? (answer.json as RideResponse).RideId : undefined);

/**
 * The dispatch's final refusal: no unicorn can be at this pickup within its reach (Retry-After of a
 * minute, not to be retried at once). The fleet is sized so that a load never meets it.
 */
export const isReachRefusal = (answer: ApiAnswer): boolean =>
  answer.status === 503 && /^No unicorn is free near this pickup/.test(String((answer.json as { message?: unknown } | null)?.message));

/**
 * Sends one ride request per rider (`riders[i]` asks for a unicorn at `pickups[i]`), at most
 * `concurrency` in flight, each with a fresh Idempotency-Key; `onAnswer` hears of each answer as it comes.
 */
export function sendKeyedLoad(
  riders: readonly MintedRider[],
  concurrency: number,
  pickups: readonly PickupLocation[],
  onAnswer: (answered: number) => void = () => {},
): Promise<KeyedRequest[]> {
  if (new Set(riders.map((r) => r.username)).size !== riders.length) {
    throw new Error('A keyed load needs a rider of its own per request: one active ride per rider (a second booking is a 409)');
  }
  if (pickups.length < riders.length) throw new Error(`${riders.length} riders but only ${pickups.length} pickups`);
  let answered = 0;
  return runPool(riders.length, concurrency, async (i) => {
    const rider = riders[i]!;
    const key = randomUUID();
    const pickup = pickups[i]!;
    const answer = await postRide(
      { PickupLocation: pickup },
      { Authorization: rider.idToken, 'Idempotency-Key': key },
      RIDE_REQUEST_TIMEOUT_MS,
    );
    onAnswer(++answered);
    return { rider, key, pickup, answer };
  });
}

/**
 * Retries every request answered 5xx with its own rider, key and pickup, as a client should: again
 * after each 503's Retry-After, at most `maxRetries` times, until it is answered 201. A reach
 * refusal is final (the API says so: a minute's Retry-After) and is left for the checks to report.
 */
export async function settle(
  requests: KeyedRequest[],
  { maxRetries, concurrency }: { maxRetries: number; concurrency: number },
): Promise<Settled> {
  const failed = requests.filter((r) => r.answer.status >= 500 && !isReachRefusal(r.answer));
  const retries = await runPool(failed.length, concurrency, async (i): Promise<Retry> => {
    const request = failed[i]!;
    const storedBefore = await claimedRideId(request.rider.username, request.key);
    const answers: ApiAnswer[] = [];
    for (let n = 0; n < maxRetries; n++) {
      const answer = await postRide(
        { PickupLocation: request.pickup },
        { Authorization: request.rider.idToken, 'Idempotency-Key': request.key },
        RIDE_REQUEST_TIMEOUT_MS,
      );
      answers.push(answer);
      if (answer.status !== 503 || isReachRefusal(answer)) break;
      await new Promise((r) => setTimeout(r, 1000 * Number(answer.headers.get('retry-after') ?? 1)));
    }
    return { request, storedBefore, answers };
  });
  const finalRide = new Map(requests.map((r) => [r.key, rideIdOf(r.answer)]));
  for (const retry of retries) finalRide.set(retry.request.key, rideIdOf(retry.answers.at(-1)));
  return { requests, retries, finalRide };
}

/** The stored rides of these riders, by id (a Scan: tests only). */
export async function storedRideIds(riders: readonly MintedRider[]): Promise<string[]> {
  const usernames = new Set(riders.map((r) => r.username));
  return (await allRides()).filter((ride) => usernames.has(ride.User as string)).map((ride) => ride.RideId as string);
}

/** The riders of these requests. */
export const ridersOf = (requests: readonly KeyedRequest[]): MintedRider[] => requests.map((r) => r.rider);

/** Counts of answers by status, e.g. `{ 201: 980, 503: 20 }`. */
export function statusCounts(answers: ApiAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * How the API's log (from `offset` on) explains these 5xx: the error named on the "failed" line of
 * each one's Reference, or the domain code on its "refused" line (NoUnicornNearby: out of reach).
 */
export async function failureKinds(offset: number, answers: ApiAnswer[]): Promise<Record<string, number>> {
  const errorOf = new Map<string, string>();
  // `offset` counts bytes (a file size); the log holds multi-byte characters, so cut before decoding.
  const log = (await readFile(apiLogFile())).subarray(offset).toString('utf8');
  for (const match of log.matchAll(/"message":"ride request (?:failed|refused)".*?"requestId":"([^"]+)".*?"(?:error|code)":"(\w+)"/g))
    errorOf.set(match[1]!, match[2]!);
  const kinds: Record<string, number> = {};
  for (const answer of answers) {
    const kind = errorOf.get((answer.json as { Reference?: string }).Reference ?? '') ?? 'not in the log';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** How many retries each settled 5xx took, and how many of those had booked before they were retried. */
export function retrySummary({ retries }: Settled): { retried: number; hadBooked: number; retryRequests: number } {
  return {
    retried: retries.length,
    hadBooked: retries.filter((r) => r.storedBefore !== undefined).length,
    retryRequests: retries.reduce((n, r) => n + r.answers.length, 0),
  };
}

/** A 503 as the API means it: Retry-After in seconds and the usual JSON body, nothing else. */
export function expectCleanUnavailable(answer: ApiAnswer): void {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(answer.json).toEqual({ message: expect.any(String), Error: expect.any(String), Reference: expect.any(String) });
}

/**
 * No rider left not knowing: no request was refused for want of a unicorn within reach (the fleet
 * is sized for these loads); every request was answered 201 or a clean 503; every 503 retried with
 * its key ended 201 with the ride stored for that key (the one its 5xx had already booked, if
 * any), for its own rider; and the riders' stored rides are exactly the rides the keys were
 * finally answered with.
 */
export async function expectEveryKeyEndsWithItsRide({ requests, retries, finalRide }: Settled): Promise<void> {
  const outOfReach = [...requests.map((r) => r.answer), ...retries.flatMap((r) => r.answers)].filter(isReachRefusal);
  expect(
    outOfReach.map((a) => `${a.status} Retry-After ${a.headers.get('retry-after')}: ${JSON.stringify(a.json)}`),
    'refused as out of reach: the load outran the fleet (pickups not spread over its cities?)',
  ).toEqual([]);
  for (const { answer } of requests) if (answer.status !== 201) expectCleanUnavailable(answer);
  for (const { request, storedBefore, answers } of retries) {
    const last = answers.at(-1)!;
    expect(last.status, `retries of key ${request.key}: ${answers.map((a) => a.status).join(', ')}`).toBe(201);
    for (const answer of answers.slice(0, -1)) expectCleanUnavailable(answer);
    if (storedBefore !== undefined) {
      // The 5xx had booked after all: the retry must answer with that ride, not book another.
      expect(rideIdOf(last)).toBe(storedBefore);
      expect(last.headers.get('idempotent-replayed')).toBe('true');
    }
  }
  const told = [...finalRide.values()];
  expect(told.filter((rideId) => rideId === undefined)).toEqual([]);
  // One ride per key, no two keys sharing one.
  expect(new Set(told).size).toBe(requests.length);
  // Each ride for the rider who asked for it.
  const finalAnswer = new Map(requests.map((r) => [r.key, r.answer]));
  for (const retry of retries) finalAnswer.set(retry.request.key, retry.answers.at(-1) ?? retry.request.answer);
  const riderTold = (answer: ApiAnswer | undefined) => (answer?.status === 201 ? (answer.json as RideResponse).Rider : undefined);
  expect(requests.map((r) => riderTold(finalAnswer.get(r.key)))).toEqual(requests.map((r) => r.rider.username));
  // Each key's claim, under its rider, names the ride that rider was told of.
  const claimed = await runPool(requests.length, 20, (i) => claimedRideId(requests[i]!.rider.username, requests[i]!.key));
  expect(claimed).toEqual(requests.map((r) => finalRide.get(r.key)));
  const stored = await storedRideIds(ridersOf(requests));
  expect(stored).toHaveLength(new Set(told).size);
  expect(new Set(stored)).toEqual(new Set(told));
}
