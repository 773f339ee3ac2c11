/**
 * A load of ride requests, each with its own Idempotency-Key, and what a careful client does with
 * the ones answered 5xx: retry with the same key until booked. Used by the load and slow-database
 * tests to check that no rider is left not knowing: every key ends with exactly the ride stored for it.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PickupLocation, RideResponse } from '@wildrydes/contract';
import {
  type ApiAnswer,
  allRides,
  apiLogFile,
  claimedRideId,
  postRide,
  RIDE_REQUEST_TIMEOUT_MS,
  runPool,
} from '@wildrydes/local-stack/testing';
import { expect } from 'vitest';

export interface KeyedRequest {
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

/** Sends `total` ride requests at `concurrency`, each with a fresh key; `onAnswer` hears of each answer as it comes. */
export function sendKeyedLoad(
  idToken: string,
  total: number,
  concurrency: number,
  pickupOf: (index: number) => PickupLocation,
  onAnswer: (answered: number) => void = () => {},
): Promise<KeyedRequest[]> {
  let answered = 0;
  return runPool(total, concurrency, async (i) => {
    const key = randomUUID();
    const pickup = pickupOf(i);
    const answer = await postRide({ PickupLocation: pickup }, { Authorization: idToken, 'Idempotency-Key': key }, RIDE_REQUEST_TIMEOUT_MS);
    onAnswer(++answered);
    return { key, pickup, answer };
  });
}

/**
 * Retries every request answered 5xx with its own key and pickup, as a client should: again after
 * each 503's Retry-After, at most `maxRetries` times, until it is answered 201.
 */
export async function settle(
  rider: string,
  idToken: string,
  requests: KeyedRequest[],
  { maxRetries, concurrency }: { maxRetries: number; concurrency: number },
): Promise<Settled> {
  const failed = requests.filter((r) => r.answer.status >= 500);
  const retries = await runPool(failed.length, concurrency, async (i): Promise<Retry> => {
    const request = failed[i]!;
    const storedBefore = await claimedRideId(rider, request.key);
    const answers: ApiAnswer[] = [];
    for (let n = 0; n < maxRetries; n++) {
      const answer = await postRide(
        { PickupLocation: request.pickup },
        { Authorization: idToken, 'Idempotency-Key': request.key },
        RIDE_REQUEST_TIMEOUT_MS,
      );
      answers.push(answer);
      if (answer.status !== 503) break;
      await new Promise((r) => setTimeout(r, 1000 * Number(answer.headers.get('retry-after') ?? 1)));
    }
    return { request, storedBefore, answers };
  });
  const finalRide = new Map(requests.map((r) => [r.key, rideIdOf(r.answer)]));
  for (const retry of retries) finalRide.set(retry.request.key, rideIdOf(retry.answers.at(-1)));
  return { requests, retries, finalRide };
}

/** The rider's stored rides, by id (a Scan: tests only). */
export async function storedRideIds(rider: string): Promise<string[]> {
  return (await allRides()).filter((ride) => ride.User === rider).map((ride) => ride.RideId as string);
}

/** Counts of first answers by status, e.g. `{ 201: 980, 503: 20 }`. */
export function statusCounts(answers: ApiAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** How the API's log (from `offset` on) explains these 5xx: the error named on the line of each one's Reference. */
export async function failureKinds(offset: number, answers: ApiAnswer[]): Promise<Record<string, number>> {
  const errorOf = new Map<string, string>();
  // `offset` counts bytes (a file size); the log holds multi-byte characters, so cut before decoding.
  const log = (await readFile(apiLogFile())).subarray(offset).toString('utf8');
  for (const match of log.matchAll(/"message":"ride request failed".*?"requestId":"([^"]+)".*?"error":"(\w+)"/g))
    errorOf.set(match[1]!, match[2]!);
  const kinds: Record<string, number> = {};
  for (const answer of answers) {
    const kind = errorOf.get((answer.json as { Reference?: string }).Reference ?? '') ?? 'not in the log';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** A 503 as the API means it: Retry-After in seconds and the usual JSON body, nothing else. */
export function expectCleanUnavailable(answer: ApiAnswer): void {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(answer.json).toEqual({ message: expect.any(String), Error: expect.any(String), Reference: expect.any(String) });
}

/**
 * No rider left not knowing: every request was answered 201 or a clean 503; every 503 retried with
 * its key ended 201 with the ride stored for that key (the one its 5xx had already booked, if any);
 * and the rider's stored rides are exactly the rides the keys were finally answered with.
 */
export async function expectEveryKeyEndsWithItsRide(rider: string, { requests, retries, finalRide }: Settled): Promise<void> {
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
  // Each key's claim names the ride its rider was told of.
  const claimed = await runPool(requests.length, 20, (i) => claimedRideId(rider, requests[i]!.key));
  expect(claimed).toEqual(requests.map((r) => finalRide.get(r.key)));
  const stored = await storedRideIds(rider);
  expect(stored).toHaveLength(new Set(told).size);
  expect(new Set(stored)).toEqual(new Set(told));
}
