import { describe, expect, it } from 'vitest';
import {
  assign,
  distanceKm,
  type FleetUnicorn,
  fallbackCandidates,
  formatEta,
  RIDE_DURATION_SECONDS,
  rankAssignments,
  UNICORN_SPEED_KMH,
} from '../src';

const unicorn = (Name: string, Latitude: number, Longitude: number, BusyUntil = 0): FleetUnicorn => ({
  Name,
  Color: 'White',
  Gender: 'Female',
  Home: { Latitude, Longitude },
  BusyUntil,
});
const now = Date.parse('2026-11-22T10:00:00Z');

describe('distanceKm', () => {
  it('measures great-circle distance', () => {
    const seattle = { Latitude: 47.6062, Longitude: -122.3321 };
    const portland = { Latitude: 45.5152, Longitude: -122.6784 };
    expect(distanceKm(seattle, portland)).toBeCloseTo(234, 0);
    expect(distanceKm(seattle, seattle)).toBe(0);
    // Across the antimeridian: short, not around the world.
    expect(distanceKm({ Latitude: 0, Longitude: 179.5 }, { Latitude: 0, Longitude: -179.5 })).toBeCloseTo(111.2, 0);
  });
});

describe('rankAssignments', () => {
  const pickup = { Latitude: 0, Longitude: 0 };

  it('puts the nearest free unicorn first, then the next nearest', () => {
    const ranked = rankAssignments(
      [unicorn('far', 0, 2), unicorn('near', 0, 1), unicorn('nearest-but-busy', 0, 0.1, now + 60_000)],
      pickup,
      now,
    );
    expect(ranked.map((a) => a.unicorn.Name)).toEqual(['near', 'far', 'nearest-but-busy']);
  });

  it('queues on the busy unicorn that can be there soonest, with the longer ETA', () => {
    const ranked = rankAssignments([unicorn('late', 0, 0.1, now + 600_000), unicorn('soon', 0, 0.2, now + 60_000)], pickup, now);
    expect(ranked[0]!.unicorn.Name).toBe('soon');
    const travel = (distanceKm({ Latitude: 0, Longitude: 0.2 }, pickup) / UNICORN_SPEED_KMH) * 3600;
    expect(ranked[0]!.startsAt).toBe(now + 60_000);
    expect(ranked[0]!.etaSeconds).toBe(Math.ceil(60 + travel));
  });

  it('counts the flight when queueing: free a minute sooner on another continent loses', () => {
    const ranked = rankAssignments([unicorn('far-away', 0, 90, now + 60_000), unicorn('here', 0, 0.1, now + 600_000)], pickup, now);
    expect(ranked.map((a) => a.unicorn.Name)).toEqual(['here', 'far-away']);
  });

  it('treats a unicorn whose booking ends right now as free', () => {
    expect(rankAssignments([unicorn('just-free', 0, 1, now)], pickup, now)[0]!.startsAt).toBe(now);
  });
});

describe('assign', () => {
  it('books a free unicorn from now until the ride after its arrival is over', () => {
    const a = assign(unicorn('u', 0, 1), { Latitude: 0, Longitude: 0 }, now);
    const travelMs = Math.round((a.distanceKm / UNICORN_SPEED_KMH) * 3_600_000);
    expect(a.startsAt).toBe(now);
    expect(a.etaSeconds).toBe(Math.ceil(travelMs / 1000));
    expect(a.busyUntil).toBe(now + travelMs + RIDE_DURATION_SECONDS * 1000);
  });
});

describe('formatEta', () => {
  it.each([
    [1, '1 second'],
    [30, '30 seconds'],
    [60, '1 minute'],
    [150, '3 minutes'],
    [3600, '1 hour'],
    [3900, '1 hour 5 minutes'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });
});

describe('fallbackCandidates', () => {
  const pickup = { Latitude: 0, Longitude: 0 };
  // 0.01° of longitude at the equator is ~1.1 km: about half a minute of flight.
  const city = Array.from({ length: 10 }, (_, i) => unicorn(`city-${i}`, 0, 0.01 * i, now + i * 60_000));

  it('offers the best few, in dispatch order, and never more than asked', () => {
    const ranked = rankAssignments(city, pickup, now);
    const fallbacks = fallbackCandidates(ranked, 4);
    expect(fallbacks.map((a) => a.unicorn.Name)).toEqual(ranked.slice(0, 4).map((a) => a.unicorn.Name));
  });

  it('leaves out a unicorn that would arrive more than a ride later than the best', () => {
    const ranked = rankAssignments(
      [unicorn('here', 0, 0), unicorn('next-door', 0, 0.05), unicorn('other-continent', 40, 100)],
      pickup,
      now,
    );
    expect(ranked.map((a) => a.unicorn.Name)).toEqual(['here', 'next-door', 'other-continent']);
    expect(fallbackCandidates(ranked, 8).map((a) => a.unicorn.Name)).toEqual(['here', 'next-door']);
    for (const a of fallbackCandidates(ranked, 8)) expect(a.etaSeconds).toBeLessThanOrEqual(ranked[0]!.etaSeconds + RIDE_DURATION_SECONDS);
  });

  it('is empty only for an empty fleet', () => {
    expect(fallbackCandidates([], 8)).toEqual([]);
    expect(fallbackCandidates(rankAssignments([unicorn('only', 50, 50)], pickup, now), 8)).toHaveLength(1);
  });
});
