import type { PickupLocation } from '@wildrydes/contract';
import {
  type AccountStore,
  type Booking,
  type BookOutcome,
  type CancelOutcome,
  type CancelStore,
  type CloseOutcome,
  cellQuery,
  type FleetUnicorn,
  fleetItem,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type RideHistory,
  type RideRecord,
  type RideStore,
} from '../src';

/** A unicorn as the table holds it: with the index keys of its position. */
export type UnicornItem = ReturnType<typeof fleetItem>;

/** The riders table: the rider's latest ride and until when it is theirs. */
export interface RiderItem {
  ActiveRideId?: string;
  ActiveUntil: number;
  /** Set when the account was deleted: the record then refuses bookings until ActiveUntil. */
  DeletedAt?: number;
}

export interface CancelCall {
  ride: RideRecord;
  cancelTime: string;
  now: number;
  unicornAt: PickupLocation;
  unicornFreeFrom: number;
}

/**
 * An in-memory store with the DynamoDB one's contract (packages/functions/src/store): the fleet is
 * found only through the cell index (Region = the cell's first 3 characters, Geohash begins with the
 * cell, both kept by `fleetItem` exactly as the real table keeps them), and a booking or a cancel is
 * all-or-nothing, conditional on what was read.
 */
export class MemoryStore implements RideStore, CancelStore, RideHistory, AccountStore {
  readonly unicorns = new Map<string, UnicornItem>();
  readonly rides = new Map<string, RideRecord>();
  readonly riders = new Map<string, RiderItem>();
  readonly claims = new Map<string, IdempotencyRecord>();
  /** The claim that booked each ride, as the DynamoDB store keeps it on the ride item (`ClaimKey`). */
  readonly claimOfRide = new Map<string, string>();
  /** Every call, for tests that count reads and writes. */
  readonly calls = {
    findUnicorns: [] as string[][],
    activeRideOf: 0,
    readClaim: 0,
    book: [] as Booking[],
    cancel: [] as CancelCall[],
  };
  /** Runs between a request's reads and its transaction: lets a racing request write first. */
  beforeBook?: (booking: Booking, ride: RideRecord) => void;
  /** Runs just before a cancel's transaction. */
  beforeCancel?: (ride: RideRecord) => void;

  constructor(fleet: readonly FleetUnicorn[] = []) {
    for (const unicorn of fleet) this.put(unicorn);
  }

  put(unicorn: FleetUnicorn): void {
    this.unicorns.set(unicorn.Name, fleetItem(structuredClone(unicorn)));
  }

  unicorn(name: string): UnicornItem {
    const item = this.unicorns.get(name);
    if (!item) throw new Error(`no unicorn ${name}`);
    return item;
  }

  get cellsRead(): number {
    return this.calls.findUnicorns.reduce((sum, cells) => sum + cells.length, 0);
  }

  // RideStore

  async findUnicorns(cells: readonly string[]): Promise<FleetUnicorn[]> {
    this.calls.findUnicorns.push([...cells]);
    const found: FleetUnicorn[] = [];
    for (const cell of cells) {
      // One Query per cell: `Region = :region [AND begins_with(Geohash, :prefix)]`.
      const { region, prefix } = cellQuery(cell);
      for (const item of this.unicorns.values()) {
        if (item.Region === region && (prefix === undefined || item.Geohash.startsWith(prefix))) found.push(structuredClone(item));
      }
    }
    return found;
  }

  async activeRideOf(rider: string, now: number): Promise<string | undefined> {
    this.calls.activeRideOf++;
    const record = this.riders.get(rider);
    return record && record.ActiveUntil > now ? record.ActiveRideId : undefined;
  }

  async readClaim(scopedKey: string): Promise<IdempotencyRecord | undefined> {
    this.calls.readClaim++;
    const claim = this.claims.get(scopedKey);
    return claim && structuredClone(claim);
  }

  async book(ride: RideRecord, booking: Booking, claim?: IdempotencyClaim): Promise<BookOutcome> {
    this.calls.book.push(structuredClone(booking));
    this.beforeBook?.(booking, ride);
    const unicorn = this.unicorns.get(booking.unicornName);
    const rider = this.riders.get(booking.rider);
    const existing = claim && this.claims.get(claim.scopedKey);
    // The transaction's four conditions.
    const unicornOk = unicorn !== undefined && unicorn.BusyUntil === booking.seenBusyUntil;
    const rideOk = !this.rides.has(ride.RideId);
    const riderOk = rider === undefined || rider.ActiveUntil <= booking.now;
    if (unicorn && unicornOk && rideOk && riderOk && !existing) {
      this.unicorns.set(
        unicorn.Name,
        fleetItem({ ...unicorn, Position: booking.freeAt, BusyUntil: booking.busyUntil, RideId: ride.RideId }),
      );
      this.rides.set(ride.RideId, structuredClone(ride));
      this.riders.set(booking.rider, { ActiveRideId: ride.RideId, ActiveUntil: booking.busyUntil });
      if (claim) {
        this.claims.set(claim.scopedKey, structuredClone({ fingerprint: claim.fingerprint, response: claim.response }));
        this.claimOfRide.set(ride.RideId, claim.scopedKey);
      }
      return { status: 'booked' };
    }
    // As the real store answers a cancelled transaction: the claim first, then the rider, then the unicorn.
    if (existing) return { status: 'claimed', existing: structuredClone(existing) };
    if (rider?.DeletedAt !== undefined && !riderOk) return { status: 'riderGone' };
    if (rider?.ActiveRideId && !riderOk) return { status: 'riderBusy', activeRideId: rider.ActiveRideId };
    return { status: 'unicornTaken' };
  }

  // CancelStore

  async cancel(
    ride: RideRecord,
    cancelTime: string,
    now: number,
    unicornAt: PickupLocation,
    unicornFreeFrom: number,
  ): Promise<CancelOutcome> {
    this.calls.cancel.push(structuredClone({ ride, cancelTime, now, unicornAt, unicornFreeFrom }));
    this.beforeCancel?.(ride);
    const stored = this.rides.get(ride.RideId);
    // Still the rider's, not cancelled, not picked up.
    if (!stored || stored.User !== ride.User || stored.CancelTime !== undefined || !(stored.PickupTime > cancelTime)) {
      return { status: 'changed' };
    }
    const rider = this.riders.get(ride.User);
    if (rider && rider.ActiveRideId !== ride.RideId) return { status: 'changed' };
    stored.CancelTime = cancelTime;
    if (rider) rider.ActiveUntil = now;
    // The unicorn only if this ride is still its latest booking.
    const unicorn = this.unicorns.get(ride.UnicornName);
    if (unicorn && unicorn.RideId === ride.RideId) {
      this.unicorns.set(unicorn.Name, fleetItem({ ...unicorn, Position: unicornAt, BusyUntil: unicornFreeFrom }));
    }
    return { status: 'cancelled' };
  }

  // AccountStore

  async close(rider: string, now: number, holdUntil: number): Promise<CloseOutcome> {
    const record = this.riders.get(rider);
    if (record && record.DeletedAt === undefined && record.ActiveUntil > now && record.ActiveRideId) {
      return { status: 'active', rideId: record.ActiveRideId };
    }
    this.riders.set(rider, { ActiveUntil: holdUntil, DeletedAt: record?.DeletedAt ?? now });
    return { status: 'closed' };
  }

  async deleteRides(rider: string): Promise<number> {
    let deleted = 0;
    for (const [rideId, ride] of this.rides) {
      if (ride.User !== rider) continue;
      const claim = this.claimOfRide.get(rideId);
      if (claim !== undefined) this.claims.delete(claim);
      this.claimOfRide.delete(rideId);
      this.rides.delete(rideId);
      deleted++;
    }
    return deleted;
  }

  // RideHistory

  async get(rideId: string): Promise<RideRecord | undefined> {
    const ride = this.rides.get(rideId);
    return ride && structuredClone(ride);
  }

  async listByRider(rider: string, page: { limit: number }): Promise<{ rides: RideRecord[]; nextCursor?: string }> {
    const mine = [...this.rides.values()].filter((r) => r.User === rider).sort((a, b) => b.RequestTime.localeCompare(a.RequestTime));
    return { rides: structuredClone(mine.slice(0, page.limit)), ...(mine.length > page.limit ? { nextCursor: 'next' } : {}) };
  }
}
