import * as z from 'zod/mini';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './history-limits';
import type { ParseResult } from './parse';
import { PickupLocation, RideStatus, Unicorn } from './ride';

/** One ride as its rider sees it in their history (`GET /rides`, `GET /rides/{rideId}`). */
export const Ride = z.object({
  RideId: z.string(),
  Rider: z.string(),
  Unicorn,
  UnicornName: z.string(),
  /** ISO 8601, UTC. */
  RequestTime: z.string(),
  PickupLocation,
  /** Where the ride ends: the drop-off asked for, else the pickup point. */
  DropoffLocation: PickupLocation,
  /** As of the moment of the answer: derived from the ride's times, or `Cancelled`. */
  Status: RideStatus,
  /** ISO 8601, UTC: the unicorn's arrival at the pickup (the ETA) and the end of the ride. */
  PickupTime: z.string(),
  DropoffTime: z.string(),
  /** ISO 8601, UTC; only on a cancelled ride. */
  CancelTime: z.optional(z.string()),
});
export type Ride = z.infer<typeof Ride>;

/** A page of rides, newest first; `NextCursor` (opaque) fetches the next page and is absent on the last. */
export const RidePage = z.object({
  Rides: z.array(Ride),
  NextCursor: z.optional(z.string()),
});
export type RidePage = z.infer<typeof RidePage>;

export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** Reads `?limit=&cursor=` of `GET /rides`. Never throws. */
export function parsePageQuery(query: Record<string, string | undefined> | null | undefined): ParseResult<PageQuery> {
  const rawLimit = query?.limit;
  let limit = DEFAULT_PAGE_SIZE;
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      return { ok: false, code: 'InvalidRequest', message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` };
    }
  }
  const cursor = query?.cursor;
  if (cursor !== undefined && !/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) {
    return {
      ok: false,
      code: 'InvalidRequest',
      message: 'cursor is not one this API issued: pass back the NextCursor of the previous page',
    };
  }
  return { ok: true, value: cursor === undefined ? { limit } : { limit, cursor } };
}
