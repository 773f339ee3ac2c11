import type { PickupLocation, Unicorn } from '@wildrydes/contract';

/** A unicorn of the fleet as dispatch sees it: where it lives and until when it is booked. */
export interface FleetUnicorn extends Unicorn {
  Home: PickupLocation;
  /** Epoch milliseconds; at or before now means free. */
  BusyUntil: number;
}

/** How fast a unicorn flies to a pickup, and how long a ride keeps it busy after it arrives. */
export const UNICORN_SPEED_KMH = 120;
export const RIDE_DURATION_SECONDS = 15 * 60;

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine) in kilometres. */
export function distanceKm(a: PickupLocation, b: PickupLocation): number {
  const dLat = radians(b.Latitude - a.Latitude);
  const dLng = radians(b.Longitude - a.Longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.Latitude)) * Math.cos(radians(b.Latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A unicorn's booking for one pickup: when it sets off, when it arrives, when it is free again. */
export interface Assignment {
  unicorn: FleetUnicorn;
  distanceKm: number;
  /** Epoch ms: now for a free unicorn, the end of its current booking for a busy one. */
  startsAt: number;
  etaSeconds: number;
  busyUntil: number;
}

export function assign(unicorn: FleetUnicorn, pickup: PickupLocation, now: number): Assignment {
  const distance = distanceKm(unicorn.Home, pickup);
  const startsAt = Math.max(now, unicorn.BusyUntil);
  const arrival = startsAt + Math.round((distance / UNICORN_SPEED_KMH) * 3_600_000);
  return {
    unicorn,
    distanceKm: distance,
    startsAt,
    etaSeconds: Math.max(1, Math.ceil((arrival - now) / 1000)),
    busyUntil: arrival + RIDE_DURATION_SECONDS * 1000,
  };
}

/**
 * Dispatch order for a pickup: free unicorns nearest first; then, when all are busy, the one that
 * can be there soonest once its current ride is over (the ride queues on it, with the longer ETA).
 */
export function rankAssignments(fleet: readonly FleetUnicorn[], pickup: PickupLocation, now: number): Assignment[] {
  const assignments = fleet.map((unicorn) => assign(unicorn, pickup, now));
  const free = assignments.filter((a) => a.unicorn.BusyUntil <= now).sort((a, b) => a.distanceKm - b.distanceKm);
  // Among busy unicorns, "frees up soonest" counts the flight too: a unicorn free a minute
  // earlier on another continent is not the one a rider should wait for.
  const busy = assignments
    .filter((a) => a.unicorn.BusyUntil > now)
    .sort((a, b) => a.etaSeconds - b.etaSeconds || a.distanceKm - b.distanceKm);
  return [...free, ...busy];
}

/**
 * Where a request that lost a race may turn: the best few candidates (`ranked` as rankAssignments
 * orders them) that arrive no later than one ride after the best. Queueing behind the request that
 * won would cost about one ride anyway, so a burst for one spot can spread over these without
 * making any rider wait longer, and a lost race never sends a unicorn from another continent.
 */
export function fallbackCandidates(ranked: readonly Assignment[], spread: number): Assignment[] {
  const best = ranked[0];
  if (!best) return [];
  return ranked.slice(0, spread).filter((a) => a.etaSeconds <= best.etaSeconds + RIDE_DURATION_SECONDS);
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
