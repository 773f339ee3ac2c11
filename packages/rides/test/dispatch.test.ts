import type { PickupLocation } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import {
  assign,
  distanceKm,
  type FleetUnicorn,
  fallbackCandidates,
  flightMs,
  formatEta,
  positionAt,
  RIDE_DURATION_SECONDS,
  rankAssignments,
  UNICORN_SPEED_KMH,
} from '../src';

const at = (Latitude: number, Longitude: number): PickupLocation => ({ Latitude, Longitude });
const unicorn = (Name: string, Position: PickupLocation, BusyUntil = 0): FleetUnicorn => ({
  Name,
  Color: 'White',
  Gender: 'Female',
  Position,
  BusyUntil,
});
const now = Date.parse('2026-11-22T10:00:00Z');
const MINUTE = 60_000;
const RIDE_MS = RIDE_DURATION_SECONDS * 1000;
/** At the equator 0.1° of longitude is 11.12 km: 5 min 34 s of flight. */
const pickup = at(0, 0);
const tenthEast = at(0, 0.1);
const TENTH_MS = flightMs(distanceKm(pickup, tenthEast));
const names = (assignments: readonly { unicorn: FleetUnicorn }[]) => assignments.map((a) => a.unicorn.Name);

describe('flightMs', () => {
  it('flies at 120 km/h', () => {
    expect(UNICORN_SPEED_KMH).toBe(120);
    expect(flightMs(120)).toBe(3_600_000);
    expect(flightMs(2)).toBe(60_000);
    expect(flightMs(0)).toBe(0);
    expect(TENTH_MS).toBe(333_585);
  });
});

describe('assign', () => {
  it('sends a free unicorn now: it reaches the pickup after its flight', () => {
    const a = assign(unicorn('u', tenthEast), pickup, undefined, now);
    expect(a.distanceKm).toBeCloseTo(11.1195, 3);
    expect(a.startsAt).toBe(now);
    expect(a.pickupAt).toBe(now + TENTH_MS);
    expect(a.etaSeconds).toBe(334); // 333.585 s, rounded up
  });

  it('treats a booking that ends now, or ended before, as free', () => {
    expect(assign(unicorn('u', tenthEast, now), pickup, undefined, now).startsAt).toBe(now);
    expect(assign(unicorn('u', tenthEast, now - MINUTE), pickup, undefined, now).startsAt).toBe(now);
  });

  it('queues on a busy unicorn: it sets off when its ride ends, and the ETA counts the wait', () => {
    const busyUntil = now + 10 * MINUTE;
    const a = assign(unicorn('u', tenthEast, busyUntil), pickup, undefined, now);
    expect(a.startsAt).toBe(busyUntil);
    expect(a.pickupAt).toBe(busyUntil + TENTH_MS);
    expect(a.etaSeconds).toBe(600 + 334);
  });

  it('keeps the unicorn 15 minutes after pickup when there is no drop-off', () => {
    const a = assign(unicorn('u', tenthEast), pickup, undefined, now);
    expect(RIDE_DURATION_SECONDS).toBe(900);
    expect(a.dropoffAt).toBe(a.pickupAt + 900_000);
  });

  it('makes a ride with a drop-off last the flight from pickup to drop-off', () => {
    const dropoff = at(0.2, 0);
    const a = assign(unicorn('u', tenthEast), pickup, dropoff, now);
    expect(a.dropoffAt - a.pickupAt).toBe(flightMs(distanceKm(pickup, dropoff)));
    expect(a.dropoffAt - a.pickupAt).toBe(667_170);
    // A far drop-off keeps it longer than the default ride.
    const far = assign(unicorn('u', tenthEast), pickup, at(0.5, 0), now);
    expect(far.dropoffAt - far.pickupAt).toBeGreaterThan(RIDE_MS);
  });

  it('lasts at least a second when the drop-off is the pickup', () => {
    const a = assign(unicorn('u', tenthEast), pickup, pickup, now);
    expect(a.dropoffAt - a.pickupAt).toBe(1000);
  });

  it('answers an ETA of at least a second for a unicorn already at the pickup', () => {
    const a = assign(unicorn('u', pickup), pickup, undefined, now);
    expect(a.distanceKm).toBe(0);
    expect(a.pickupAt).toBe(now);
    expect(a.etaSeconds).toBe(1);
  });
});

describe('rankAssignments', () => {
  const maxWait = 30 * MINUTE;

  it('puts the soonest arrival first: a free unicorn nearby, then farther ones', () => {
    const ranked = rankAssignments(
      [unicorn('far', at(0, 0.3)), unicorn('near', at(0, 0.1)), unicorn('nearer', at(0, 0.05))],
      pickup,
      undefined,
      now,
      maxWait,
    );
    expect(names(ranked)).toEqual(['nearer', 'near', 'far']);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.pickupAt).toBeGreaterThanOrEqual(ranked[i - 1]!.pickupAt);
  });

  it('ranks a busy unicorn that frees up within reach after the free ones that arrive sooner', () => {
    const ranked = rankAssignments(
      [unicorn('busy-at-the-pickup', pickup, now + 20 * MINUTE), unicorn('free-11-km-away', tenthEast)],
      pickup,
      undefined,
      now,
      maxWait,
    );
    expect(names(ranked)).toEqual(['free-11-km-away', 'busy-at-the-pickup']);
    expect(ranked[1]!.pickupAt).toBe(now + 20 * MINUTE);
  });

  it('ranks a busy unicorn first when it arrives sooner than any free one', () => {
    const ranked = rankAssignments(
      [unicorn('free-11-km-away', tenthEast), unicorn('busy-for-a-minute-here', pickup, now + MINUTE)],
      pickup,
      undefined,
      now,
      maxWait,
    );
    expect(names(ranked)).toEqual(['busy-for-a-minute-here', 'free-11-km-away']);
  });

  it('breaks ties in arrival by distance, then by name', () => {
    // Both arrive after 333.585 s: one flies 11 km, the other is here and busy until then.
    const ranked = rankAssignments(
      [unicorn('flying', tenthEast), unicorn('waiting', pickup, now + TENTH_MS), unicorn('b', at(0, 1)), unicorn('a', at(0, 1))],
      pickup,
      undefined,
      now,
      2 * 60 * MINUTE,
    );
    expect(names(ranked)).toEqual(['waiting', 'flying', 'a', 'b']);
  });

  it('never ranks a unicorn in another city, whatever else is on offer', () => {
    const seattle = at(47.6062, -122.3321);
    const ranked = rankAssignments(
      [unicorn('London', at(51.5072, -0.1276)), unicorn('Portland', at(45.5152, -122.6784)), unicorn('Here', seattle, now + 5 * MINUTE)],
      seattle,
      undefined,
      now,
      maxWait,
    );
    expect(names(ranked)).toEqual(['Here']);
    expect(rankAssignments([unicorn('London', at(51.5072, -0.1276))], seattle, undefined, now, maxWait)).toEqual([]);
  });

  it('keeps only arrivals within the longest wait, that wait included', () => {
    const fleet = [
      unicorn('just-in-time', pickup, now + maxWait),
      unicorn('a-millisecond-late', pickup, now + maxWait + 1),
      unicorn('60-km-away', at(0, 0.5)), // 55.6 km: 27.8 minutes
      unicorn('70-km-away', at(0, 0.63)), // 70.1 km: 35 minutes
    ];
    expect(names(rankAssignments(fleet, pickup, undefined, now, maxWait))).toEqual(['60-km-away', 'just-in-time']);
  });

  it('does not count the ride itself against the wait: a long drop-off still ranks', () => {
    const ranked = rankAssignments([unicorn('u', tenthEast)], pickup, at(2, 0), now, maxWait);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]!.dropoffAt - now).toBeGreaterThan(maxWait);
  });
});

describe('fallbackCandidates', () => {
  /** Unicorns waiting at the pickup, each free after `minutes[i]`: arrivals exactly that far apart. */
  const waiting = (...offsets: number[]) =>
    rankAssignments(
      offsets.map((ms, i) => unicorn(`u${i}`, pickup, now + ms)),
      pickup,
      undefined,
      now,
      Number.POSITIVE_INFINITY,
    );

  it('offers the best few, in dispatch order, and never more than asked', () => {
    const ranked = waiting(0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE, 5 * MINUTE);
    expect(names(fallbackCandidates(ranked, 4))).toEqual(['u0', 'u1', 'u2', 'u3']);
    expect(names(fallbackCandidates(ranked, 8))).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
    expect(fallbackCandidates(ranked, 0)).toEqual([]);
  });

  it('keeps arrivals up to one ride after the best, not a millisecond more', () => {
    const ranked = waiting(MINUTE, MINUTE + RIDE_MS, MINUTE + RIDE_MS + 1);
    expect(names(fallbackCandidates(ranked, 8))).toEqual(['u0', 'u1']);
  });

  it('is empty only when nothing is ranked', () => {
    expect(fallbackCandidates([], 8)).toEqual([]);
    expect(names(fallbackCandidates(waiting(10 * 60 * MINUTE), 8))).toEqual(['u0']);
  });
});

describe('positionAt', () => {
  const from = at(47.62, -122.3);
  const to = at(47.6, -122.34);
  const start = now;
  const arrive = now + 4 * MINUTE;

  it('is where the unicorn set off until it sets off', () => {
    expect(positionAt(from, to, start, arrive, start - MINUTE)).toEqual(from);
    expect(positionAt(from, to, start, arrive, start)).toEqual(from);
  });

  it('moves in a straight line in between', () => {
    const half = positionAt(from, to, start, arrive, start + 2 * MINUTE);
    expect(half.Latitude).toBeCloseTo(47.61, 9);
    expect(half.Longitude).toBeCloseTo(-122.32, 9);
    const quarter = positionAt(from, to, start, arrive, start + MINUTE);
    expect(quarter.Latitude).toBeCloseTo(47.615, 9);
    expect(quarter.Longitude).toBeCloseTo(-122.31, 9);
  });

  it('is at the destination from arrival on', () => {
    expect(positionAt(from, to, start, arrive, arrive)).toEqual(to);
    expect(positionAt(from, to, start, arrive, arrive + MINUTE)).toEqual(to);
  });

  it('goes the short way across the antimeridian, both ways', () => {
    const east = at(10, 179);
    const west = at(12, -179);
    const quarter = positionAt(east, west, start, arrive, start + MINUTE);
    expect(quarter.Latitude).toBeCloseTo(10.5, 9);
    expect(quarter.Longitude).toBeCloseTo(179.5, 9);
    const threeQuarters = positionAt(east, west, start, arrive, start + 3 * MINUTE);
    expect(threeQuarters.Longitude).toBeCloseTo(-179.5, 9);
    expect(Math.abs(positionAt(east, west, start, arrive, start + 2 * MINUTE).Longitude)).toBeCloseTo(180, 9);
    expect(positionAt(west, east, start, arrive, start + MINUTE).Longitude).toBeCloseTo(-179.5, 9);
    expect(positionAt(west, east, start, arrive, start + 3 * MINUTE).Longitude).toBeCloseTo(179.5, 9);
  });

  it('crosses the prime meridian without going round the world', () => {
    expect(positionAt(at(0, -1), at(0, 1), start, arrive, start + MINUTE).Longitude).toBeCloseTo(-0.5, 9);
    expect(positionAt(at(0, 1), at(0, -1), start, arrive, start + MINUTE).Longitude).toBeCloseTo(0.5, 9);
  });

  it('never divides by zero for a unicorn that arrives as it sets off', () => {
    expect(positionAt(from, to, start, start, start)).toEqual(from);
    expect(positionAt(from, to, start, start, start + 1)).toEqual(to);
  });
});

describe('formatEta', () => {
  it.each([
    [1, '1 second'],
    [2, '2 seconds'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [89, '1 minute'],
    [90, '2 minutes'],
    [150, '3 minutes'],
    [3569, '59 minutes'],
    [3570, '1 hour'],
    [3600, '1 hour'],
    [3660, '1 hour 1 minute'],
    [3900, '1 hour 5 minutes'],
    [7200, '2 hours'],
    [7320, '2 hours 2 minutes'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });
});
