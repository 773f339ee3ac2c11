import type { PickupLocation, RideResponse } from '@wildrydes/contract';
import { attemptBudgetMs, cutOffAt, type Deadline } from './deadline';
import { type Assignment, type FleetUnicorn, fallbackCandidates, flightMs, rankAssignments } from './dispatch';
import { AccountDeleted, ActiveRide, DeadlineExceeded, DispatchContended, IdempotencyKeyReused, NoUnicornNearby } from './errors';
import { searchLevels } from './geo';
import { type IdempotencyClaim, type IdempotencyRecord, requestFingerprint, scopeIdempotencyKey } from './idempotency';
import { createRide, type RideRecord, toRideResponse } from './ride';

/**
 * A booking, written in one transaction with the ride: the unicorn moves from the state dispatch
 * read (`seenBusyUntil`) to busy until the drop-off, at the drop-off point; the rider's record
 * says this ride is theirs until then (one active ride per rider).
 */
export interface Booking {
  unicornName: string;
  seenBusyUntil: number;
  busyUntil: number;
  /** Where the unicorn is free again: the drop-off point. */
  freeAt: PickupLocation;
  rider: string;
  now: number;
}

export type BookOutcome =
  | { status: 'booked' }
  /** Another request booked this unicorn first: try the next one. */
  | { status: 'unicornTaken' }
  /** The rider has another active ride (a racing request of theirs won): nothing was written. */
  | { status: 'riderBusy'; activeRideId: string }
  /** The rider's account was deleted (the token predates it): nothing was written. */
  | { status: 'riderGone' }
  /** The idempotency key was already claimed: nothing was written. */
  | { status: 'claimed'; existing: IdempotencyRecord };

/** Where the fleet and the rides are kept. Each call gives up when `signal` aborts. */
export interface RideStore {
  /** The unicorns indexed in these geohash cells (eventually consistent, like any index read). */
  findUnicorns(cells: readonly string[], signal?: AbortSignal): Promise<FleetUnicorn[]>;
  /** The rider's active ride, if their record names one that has not ended by `now`. */
  activeRideOf(rider: string, now: number, signal?: AbortSignal): Promise<string | undefined>;
  readClaim(scopedKey: string, signal?: AbortSignal): Promise<IdempotencyRecord | undefined>;
  /** Writes the ride, the unicorn's booking, the rider's record and the claim (if any) together, or none of them. */
  book(ride: RideRecord, booking: Booking, claim?: IdempotencyClaim, signal?: AbortSignal): Promise<BookOutcome>;
}

export interface RequestRideDeps {
  store: RideStore;
  newRideId: () => string;
  now: () => Date;
  /** In [0, 1), like Math.random: spreads requests that lose a race over the next candidates. */
  random: () => number;
  /** The longest a rider is asked to wait for a unicorn (the stage's `maxWaitMinutes`). */
  maxWaitMinutes: number;
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
  /** Index cells read to find candidates (for the logs and the bench). */
  cellsRead: number;
}

/** Booking attempts before giving up with DispatchContended (a 503: retry in a moment). */
const ATTEMPTS = 30;
/** After a lost race, how many of the best candidates a request may pick among, at random. */
const SPREAD = 8;

const reused = () =>
  new IdempotencyKeyReused('This Idempotency-Key was already used for a different ride request; send a new key for a new ride');

/**
 * The use case behind `POST /ride`: book the unicorn that reaches the pickup soonest, within the
 * longest wait, for a rider with no other active ride. Candidates come from the geo index, cell
 * block by cell block outwards; bookings are conditional on what was read, so two requests never
 * book one unicorn for overlapping times and one rider never holds two rides.
 */
export async function requestRide(
  rider: string,
  pickup: PickupLocation,
  deps: RequestRideDeps,
  idempotencyKey?: string,
  dropoff?: PickupLocation,
): Promise<RideRequestResult> {
  const fingerprint = requestFingerprint(pickup, dropoff);
  const scopedKey = idempotencyKey === undefined ? undefined : scopeIdempotencyKey(rider, idempotencyKey);
  // Cheap reads first: a retry is answered from its claim, and a rider with a ride on its way is
  // refused before any fleet is read. The transaction below enforces both again.
  const { deadline, store } = deps;
  ensureTimeLeft(deadline, attemptBudgetMs(deps.storeCallMaxMs), 0);
  const [existing, active] = await cutOffAt(
    deadline,
    () =>
      Promise.all([
        scopedKey === undefined ? undefined : store.readClaim(scopedKey, deadline.signal),
        store.activeRideOf(rider, deps.now().getTime(), deadline.signal),
      ]),
    'reading the rider',
  );
  // Read side by side, the claim may predate a racing copy of this request that has booked since:
  // its active ride is then this request's own, so look at the claim again before refusing.
  const claimed =
    active && scopedKey !== undefined && !existing
      ? await cutOffAt(deadline, () => store.readClaim(scopedKey, deadline.signal), 'reading the claim')
      : existing;
  if (claimed) {
    if (claimed.fingerprint !== fingerprint) throw reused();
    return { response: claimed.response, replayed: true, attempts: 0, cellsRead: 0 };
  }
  if (active) throw new ActiveRide(active);

  const maxWaitMs = deps.maxWaitMinutes * 60_000;
  const rideId = deps.newRideId();
  let cellsRead = 0;
  let level = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const requestedAt = deps.now();
    const now = requestedAt.getTime();
    // The first attempt widens block by block until nothing unread can beat the best candidate;
    // after a lost race, the block that held the candidates is read again.
    const levels = searchLevels(pickup);
    let ranked: Assignment[] = [];
    for (; level < levels.length; level++) {
      const { cells, coveredKm } = levels[level] as (typeof levels)[number];
      // Never start what could still be running when the request must answer (the rider would be
      // told it failed while a unicorn is booked): a read starts only with time for it and a booking.
      ensureTimeLeft(deadline, attemptBudgetMs(deps.storeCallMaxMs), attempt);
      const fleet = await cutOffAt(deadline, () => store.findUnicorns(cells, deadline.signal), 'reading the fleet');
      ranked = rankAssignments(fleet, pickup, dropoff, now, maxWaitMs);
      cellsRead += cells.length;
      const best = ranked[0];
      const reachOfBlock = flightMs(coveredKm);
      if ((best && best.pickupAt - now <= reachOfBlock) || reachOfBlock >= maxWaitMs || level === levels.length - 1) break;
    }
    if (ranked.length === 0) throw new NoUnicornNearby(deps.maxWaitMinutes);

    const fallbacks = attempt === 0 ? [] : fallbackCandidates(ranked, SPREAD);
    const assignment = attempt === 0 ? ranked[0] : fallbacks[Math.floor(deps.random() * fallbacks.length)];
    if (!assignment) throw new NoUnicornNearby(deps.maxWaitMinutes);
    const ride = createRide({ rideId, rider, pickup, dropoff, requestedAt, assignment });
    const response = toRideResponse(ride, now);
    const booking: Booking = {
      unicornName: assignment.unicorn.Name,
      seenBusyUntil: assignment.unicorn.BusyUntil,
      busyUntil: assignment.dropoffAt,
      freeAt: ride.DropoffLocation,
      rider,
      now,
    };
    const claim = scopedKey === undefined ? undefined : { scopedKey, fingerprint, response };
    ensureTimeLeft(deadline, deps.storeCallMaxMs, attempt);
    // Cut off mid-transaction, the booking may have landed: the claim, written in the same
    // transaction, lets a retry with the same key find it.
    const outcome = await cutOffAt(deadline, () => store.book(ride, booking, claim, deadline.signal), 'booking (it may have been written)');
    if (outcome.status === 'booked') return { response, replayed: false, attempts: attempt + 1, cellsRead };
    if (outcome.status === 'claimed') {
      if (outcome.existing.fingerprint !== fingerprint) throw reused();
      return { response: outcome.existing.response, replayed: true, attempts: attempt + 1, cellsRead };
    }
    if (outcome.status === 'riderBusy') throw new ActiveRide(outcome.activeRideId);
    if (outcome.status === 'riderGone') throw new AccountDeleted();
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
