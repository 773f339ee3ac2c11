import type { PickupLocation, Unicorn } from '@wildrydes/contract';
import { distanceKm } from './geo';

/**
 * A unicorn of the fleet as dispatch sees it: where it is free next (where its last ride ends, or
 * where it stands) and from when. Its index keys (geo.ts) follow `Position`.
 */
export interface FleetUnicorn extends Unicorn {
  Position: PickupLocation;
  /** Epoch milliseconds; at or before now means free. */
  BusyUntil: number;
  /** The ride it was booked for last (a cancel frees the unicorn only if it is still this one). */
  RideId?: string;
}

/** How fast a unicorn flies, and how long a ride with no drop-off point keeps it busy. */
export const UNICORN_SPEED_KMH = 120;
export const RIDE_DURATION_SECONDS = 15 * 60;

/** Milliseconds a unicorn takes to fly `km`. */
export const flightMs = (km: number) => Math.round((km / UNICORN_SPEED_KMH) * 3_600_000);

/** A unicorn's booking for one ride: when it sets off, reaches the pickup, and is free again. */
export interface Assignment {
  unicorn: FleetUnicorn;
  /** From where the unicorn is free next to the pickup. */
  distanceKm: number;
  /** Epoch ms: now for a free unicorn, the end of its current booking for a busy one. */
  startsAt: number;
  pickupAt: number;
  dropoffAt: number;
  etaSeconds: number;
}

export function assign(unicorn: FleetUnicorn, pickup: PickupLocation, dropoff: PickupLocation | undefined, now: number): Assignment {
  const distance = distanceKm(unicorn.Position, pickup);
  const startsAt = Math.max(now, unicorn.BusyUntil);
  const pickupAt = startsAt + flightMs(distance);
  const dropoffAt = pickupAt + (dropoff ? Math.max(1000, flightMs(distanceKm(pickup, dropoff))) : RIDE_DURATION_SECONDS * 1000);
  return { unicorn, distanceKm: distance, startsAt, pickupAt, dropoffAt, etaSeconds: Math.max(1, Math.ceil((pickupAt - now) / 1000)) };
}

/**
 * Dispatch order for a pickup: soonest arrival first (a free unicorn nearby before a busy one that
 * frees up later), nearest first among equals. Only unicorns that can be there within `maxWaitMs`
 * count: never a unicorn from another city, never a ride that starts tomorrow.
 */
export function rankAssignments(
  fleet: readonly FleetUnicorn[],
  pickup: PickupLocation,
  dropoff: PickupLocation | undefined,
  now: number,
  maxWaitMs: number,
): Assignment[] {
  return fleet
    .map((unicorn) => assign(unicorn, pickup, dropoff, now))
    .filter((a) => a.pickupAt - now <= maxWaitMs)
    .sort((a, b) => a.pickupAt - b.pickupAt || a.distanceKm - b.distanceKm || a.unicorn.Name.localeCompare(b.unicorn.Name));
}

/**
 * Where a request that lost a race may turn: the best few candidates that arrive no later than one
 * ride after the best. Queueing behind the request that won would cost about one ride anyway, so a
 * burst for one spot spreads over these without making any rider wait much longer.
 */
export function fallbackCandidates(ranked: readonly Assignment[], spread: number): Assignment[] {
  const best = ranked[0];
  if (!best) return [];
  return ranked.slice(0, spread).filter((a) => a.pickupAt <= best.pickupAt + RIDE_DURATION_SECONDS * 1000);
}

/** "30 seconds", "4 minutes", "1 hour 5 minutes": the workshop's human ETA. */
export function formatEta(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
}

/** Where a unicorn flying from `from` (setting off at `startsAt`) to `to` (arriving at `arrivesAt`) is at `now`. */
export function positionAt(from: PickupLocation, to: PickupLocation, startsAt: number, arrivesAt: number, now: number): PickupLocation {
  if (now <= startsAt) return from;
  if (now >= arrivesAt) return to;
  const k = (now - startsAt) / (arrivesAt - startsAt);
  // Straight in latitude/longitude (within reach the difference from the great circle is small),
  // the short way round across the antimeridian.
  const dLng = ((((to.Longitude - from.Longitude + 540) % 360) + 360) % 360) - 180;
  const lng = ((((from.Longitude + dLng * k + 540) % 360) + 360) % 360) - 180;
  return { Latitude: from.Latitude + (to.Latitude - from.Latitude) * k, Longitude: lng };
}
