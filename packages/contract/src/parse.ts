import type * as z from 'zod/mini';
import { RideRequest } from './ride';

/** Largest request body we accept; anything bigger is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Why a request cannot be read: its body, query or a header is not what the API takes, or its
 * body is over MAX_BODY_BYTES. The functions answer each over HTTP (their http/error-answers.ts).
 */
export type RequestErrorCode = 'InvalidRequest' | 'RequestTooLarge';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: RequestErrorCode; message: string };

/** Turns schema issues into one sentence that names each field, e.g. "PickupLocation.Latitude must be …". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path} ${issue.message}` : `Request body ${issue.message}`;
    })
    .join('; ');
}

/** Parses and validates the raw body of `POST /ride`. Never throws. */
export function parseRideRequest(body: string | null | undefined): ParseResult<RideRequest> {
  if (body === null || body === undefined || body.trim() === '') {
    return { ok: false, code: 'InvalidRequest', message: 'Request body is missing: send {"PickupLocation":{"Latitude":…,"Longitude":…}}' };
  }
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > MAX_BODY_BYTES) {
    return { ok: false, code: 'RequestTooLarge', message: `Request body is too large: ${bytes} bytes; the limit is ${MAX_BODY_BYTES}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, code: 'InvalidRequest', message: 'Request body is not valid JSON' };
  }
  const result = RideRequest.safeParse(json);
  if (!result.success) return { ok: false, code: 'InvalidRequest', message: describeIssues(result.error.issues) };
  return { ok: true, value: result.data };
}
