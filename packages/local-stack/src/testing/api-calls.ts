/** Calls to the local API as the web app makes them (its origin, a timeout), each answer read whole. */
import { randomUUID } from 'node:crypto';
import { config, readStack } from './stack-access';

/** How long a test waits for an answer of the API unless it says otherwise. */
export const API_CALL_TIMEOUT_MS = 15_000;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or its text when it is not JSON. */
  json: unknown;
}

/** Calls the local API from the web app's origin, with a timeout so a hung server fails the test, not the run. */
async function callApi(path: string, init: RequestInit, timeoutMs: number): Promise<ApiAnswer> {
  const { api } = await readStack();
  const response = await fetch(`${api.url}${path}`, {
    ...init,
    headers: { Origin: webOrigin(), ...(init.headers as Record<string, string>) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/**
 * How long tests wait for `POST /ride` under load or faults: longer than the local function timeout
 * (serverless.yml's `local.functionTimeout`; packages/infra/test/deadlines.test.ts checks), so a
 * test always sees the API's own answer and never gives up first.
 */
export const RIDE_REQUEST_TIMEOUT_MS = 30_000;

/** POSTs to a path of the local API: an object is sent as JSON, a string as it is, `undefined` as no body. */
function postApi(path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = API_CALL_TIMEOUT_MS): Promise<ApiAnswer> {
  if (body === undefined) return callApi(path, { method: 'POST', headers }, timeoutMs);
  return callApi(
    path,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    timeoutMs,
  );
}

/** POSTs a ride request (an object is sent as JSON, a string as it is). */
export function postRide(body: unknown, headers: Record<string, string> = {}, timeoutMs = API_CALL_TIMEOUT_MS): Promise<ApiAnswer> {
  return postApi('/ride', body, headers, timeoutMs);
}

/** `POST /rides/{rideId}/cancel` as the rider whose ID token this is. */
export function cancelRide(rideId: string, idToken: string, timeoutMs = API_CALL_TIMEOUT_MS): Promise<ApiAnswer> {
  return postApi(`/rides/${encodeURIComponent(rideId)}/cancel`, undefined, { Authorization: idToken }, timeoutMs);
}

/** The final answer of postRideSettled, and how many requests it took. */
interface SettledAnswer extends ApiAnswer {
  tries: number;
}

/**
 * A ride request as a careful client sends it: with an Idempotency-Key, retried with the same key
 * while the answer is a 503 meant to be retried soon (Retry-After of a few seconds: a dependency
 * timed out, the function's deadline came, or every candidate was taken by racing requests). A
 * retry returns the ride if an earlier try booked it, or books it. A 503 with a long Retry-After
 * (no unicorn within reach) is final. So is anything else, a 504 included: the function answers
 * 503 before its deadline, and waits (`timeoutMs`, RIDE_REQUEST_TIMEOUT_MS by default) outlast the
 * local function timeout, so a gateway timeout or no answer at all is a failure for the test to
 * see, not to retry away (no answer throws). Bounded: at most `tries` requests; the last answer is
 * returned.
 */
export async function postRideSettled(
  body: unknown,
  idToken: string,
  { key = randomUUID(), tries = 5, timeoutMs = RIDE_REQUEST_TIMEOUT_MS }: { key?: string; tries?: number; timeoutMs?: number } = {},
): Promise<SettledAnswer> {
  for (let attempt = 1; ; attempt++) {
    const answer = await postRide(body, { Authorization: idToken, 'Idempotency-Key': key }, timeoutMs);
    const retryAfter = Number(answer.headers.get('retry-after'));
    const retrySoon = answer.status === 503 && Number.isFinite(retryAfter) && retryAfter <= 5;
    if (!retrySoon || attempt >= tries) return { ...answer, tries: attempt };
    // Retry-After, give or take half of it: requests refused together do not all come back together.
    await new Promise((r) => setTimeout(r, Math.max(250, retryAfter * 1000 * (0.5 + Math.random()))));
  }
}

/** GETs a path of the local API. */
export function getApi(path: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  return callApi(path, { headers }, API_CALL_TIMEOUT_MS);
}

/** `DELETE /me` as the rider whose ID token this is. */
export function deleteAccount(idToken: string, timeoutMs = API_CALL_TIMEOUT_MS): Promise<ApiAnswer> {
  return callApi('/me', { method: 'DELETE', headers: { Authorization: idToken } }, timeoutMs);
}

/** The web app's origin, which the API allows. */
export const webOrigin = () => `http://localhost:${config.ports.web}`;
