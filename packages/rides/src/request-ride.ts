import type { PickupLocation, RideResponse } from '@wildrydes/contract';
import { attemptBudgetMs, type Deadline, DeadlineExceeded } from './deadline';
import { type FleetUnicorn, fallbackCandidates, rankAssignments } from './dispatch';
import {
  type IdempotencyClaim,
  IdempotencyKeyReused,
  type IdempotencyRecord,
  requestFingerprint,
  scopeIdempotencyKey,
} from './idempotency';
import { createRide, type RideRecord, toRideResponse } from './ride';

/** A unicorn's new booking, valid only if it is still booked until `seenBusyUntil`. */
export interface Booking {
  unicornName: string;
  seenBusyUntil: number;
  busyUntil: number;
}

export type BookOutcome =
  | { status: 'booked' }
  /** Another request booked this unicorn first: try the next one. */
  | { status: 'unicornTaken' }
  /** The idempotency key was already claimed: nothing was written. */
  | { status: 'claimed'; existing: IdempotencyRecord };

/** Where the fleet and the rides are kept. Each call gives up when `signal` aborts. */
export interface RideStore {
  readFleet(signal?: AbortSignal): Promise<FleetUnicorn[]>;
  /** Writes the ride, the unicorn's booking and the claim (if any) together, or none of them. */
  book(ride: RideRecord, booking: Booking, claim?: IdempotencyClaim, signal?: AbortSignal): Promise<BookOutcome>;
}

export interface RequestRideDeps {
  store: RideStore;
  newRideId: () => string;
  now: () => Date;
  /** In [0, 1), like Math.random: spreads requests that lose a race over the next candidates. */
  random: () => number;
  /** This request's deadline. */
  deadline: Deadline;
  /** The longest one store call may take (the store's own timeouts, every retry included). */
  storeCallMaxMs: number;
}

export interface RideRequestResult {
  response: RideResponse;
  /** True when this answers a retry: the ride was booked by an earlier request with the same key. */
  replayed: boolean;
  /** Booking transactions tried, 1 when no other request got in the way (for the logs). */
  attempts: number;
}

/** Every unicorn was booked out from under us, round after round: worth a retry in a moment. */
export class DispatchContended extends Error {
  override name = 'DispatchContended';
  readonly transient = true;
}

/** Booking attempts before giving up with DispatchContended (a 503: retry in a moment). */
const ATTEMPTS = 60;
/** After a lost race, how many of the best candidates a request may pick among, at random. */
const SPREAD = 8;

/**
 * The use case behind `POST /ride`: book the nearest free unicorn (or queue on the one that frees
 * up soonest) for the pickup. Bookings are conditional on the unicorn's state as read, so two
 * requests never book the same unicorn for overlapping times; a request that loses a race reads
 * the fleet again and tries once more, for as long as the deadline leaves time for a whole attempt.
 */
export async function requestRide(
  rider: string,
  pickup: PickupLocation,
  deps: RequestRideDeps,
  idempotencyKey?: string,
): Promise<RideRequestResult> {
  const fingerprint = requestFingerprint(pickup);
  const rideId = deps.newRideId();
  const { deadline, store } = deps;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // Never start what could still be running when the request must answer: the rider would be
    // told it failed while a unicorn is booked. Checked before the read (the whole attempt) and
    // again before the booking (the read may have used its share).
    ensureTimeLeft(deadline, attemptBudgetMs(deps.storeCallMaxMs), attempt);
    const requestedAt = deps.now();
    const fleet = await cutOffAt(deadline, () => store.readFleet(deadline.signal), 'reading the fleet');
    const ranked = rankAssignments(fleet, pickup, requestedAt.getTime());
    if (ranked.length === 0) throw new Error('The fleet is empty: seed the unicorns table');
    // The best candidate first. A request that lost a race reads the fleet afresh (a read costs far
    // less than a transaction bound to fail on a unicorn someone else just booked) and picks at
    // random among the best few that arrive within a ride of the best, so a burst of requests for
    // one spot spreads over the nearby fleet instead of all chasing the same unicorn again.
    const fallbacks = attempt === 0 ? [] : fallbackCandidates(ranked, SPREAD);
    const assignment = attempt === 0 ? ranked[0] : fallbacks[Math.floor(deps.random() * fallbacks.length)];
    if (!assignment) throw new Error('The fleet is empty: seed the unicorns table');
    const ride = createRide({ rideId, rider, pickup, requestedAt, assignment });
    const response = toRideResponse(ride);
    const booking = { unicornName: assignment.unicorn.Name, seenBusyUntil: assignment.unicorn.BusyUntil, busyUntil: assignment.busyUntil };
    const claim =
      idempotencyKey === undefined ? undefined : { scopedKey: scopeIdempotencyKey(rider, idempotencyKey), fingerprint, response };
    ensureTimeLeft(deadline, deps.storeCallMaxMs, attempt);
    // Cut off mid-transaction, the booking may have landed: the claim, written in the same
    // transaction, lets a retry with the same key find it.
    const outcome = await cutOffAt(deadline, () => store.book(ride, booking, claim, deadline.signal), 'booking (it may have been written)');
    if (outcome.status === 'booked') return { response, replayed: false, attempts: attempt + 1 };
    if (outcome.status === 'claimed') {
      if (outcome.existing.fingerprint !== fingerprint) {
        throw new IdempotencyKeyReused('This Idempotency-Key was already used for a different ride request; send a new key for a new ride');
      }
      return { response: outcome.existing.response, replayed: true, attempts: attempt + 1 };
    }
  }
  throw new DispatchContended('Every unicorn was booked by other requests while this one was being placed');
}

/** Refuses to start a step that needs `neededMs` when less is left: nothing has been written yet. */
function ensureTimeLeft(deadline: Deadline, neededMs: number, attempt: number): void {
  const left = deadline.remainingMs();
  if (left < neededMs) {
    throw new DeadlineExceeded(
      `${Math.max(0, Math.round(left))} ms left after ${attempt} booking attempt(s), ${neededMs} ms needed: nothing more was started`,
    );
  }
}

/** A store call the deadline cut off fails as DeadlineExceeded (a 503), not as whatever the store threw. */
async function cutOffAt<T>(deadline: Deadline, call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (deadline.signal.aborted) throw new DeadlineExceeded(`The deadline passed while ${what}`, { cause: error });
    throw error;
  }
}
