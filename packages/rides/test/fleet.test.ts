import { describe, expect, it } from 'vitest';
import {
  countFleet,
  DEFAULT_FLEET_SIZE,
  distanceKm,
  type FleetSeed,
  fleetItem,
  generateFleet,
  indexKeys,
  SEED_FLEET,
  toFleetUnicorn,
  unicornOf,
  WORKSHOP_FLEET,
} from '../src';

/** The centres of the cities the fleet serves. */
const CITIES = [
  [47.6062, -122.3321], // Seattle
  [40.7128, -74.006], // New York
  [51.5072, -0.1276], // London
  [37.5665, 126.978], // Seoul
  [35.6762, 139.6503], // Tokyo
  [-33.8688, 151.2093], // Sydney
  [37.7749, -122.4194], // San Francisco
  [41.8781, -87.6298], // Chicago
  [19.4326, -99.1332], // Mexico City
  [-23.5505, -46.6333], // São Paulo
  [48.8566, 2.3522], // Paris
  [52.52, 13.405], // Berlin
  [40.4168, -3.7038], // Madrid
  [6.5244, 3.3792], // Lagos
  [30.0444, 31.2357], // Cairo
  [19.076, 72.8777], // Mumbai
  [1.3521, 103.8198], // Singapore
  [35.1796, 129.0756], // Busan
  [34.6937, 135.5023], // Osaka
  [-36.8485, 174.7633], // Auckland
].map(([Latitude, Longitude]) => ({ Latitude: Latitude!, Longitude: Longitude! }));
const nearestCityKm = (seed: FleetSeed) => Math.min(...CITIES.map((city) => distanceKm(seed.Home, city)));

describe('the seed fleet', () => {
  it('keeps the workshop’s three unicorns that ride.js knows, first', () => {
    expect(WORKSHOP_FLEET).toEqual([
      { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
      { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
    ]);
    expect(SEED_FLEET.slice(0, 3).map(unicornOf)).toEqual(WORKSHOP_FLEET);
  });

  it('is 38 named unicorns, the default fleet', () => {
    expect(SEED_FLEET).toHaveLength(38);
    expect(DEFAULT_FLEET_SIZE).toBe(38);
    expect(new Set(SEED_FLEET.map((u) => u.Name)).size).toBe(38);
  });

  it('puts six cities’ herds 1 to 2.5 km around their centres (0.02° each way)', () => {
    for (const seed of SEED_FLEET.slice(8)) {
      expect(nearestCityKm(seed)).toBeGreaterThan(1);
      expect(nearestCityKm(seed)).toBeLessThan(2.5);
    }
  });
});

describe('generateFleet', () => {
  const big = generateFleet(1000);

  it('is the same fleet every time', () => {
    expect(generateFleet(1000)).toEqual(big);
    expect(generateFleet(250)).toEqual(generateFleet(250));
  });

  it('grows without moving a unicorn: a smaller fleet is the start of a larger one', () => {
    expect(generateFleet(100)).toEqual(big.slice(0, 100));
    expect(generateFleet(39)).toEqual(big.slice(0, 39));
  });

  it.each([0, 3, 38, 1000])('makes a fleet of %i', (size) => {
    expect(generateFleet(size)).toHaveLength(size);
  });

  it('starts with the seed fleet', () => {
    expect(generateFleet(3)).toEqual(SEED_FLEET.slice(0, 3));
    expect(generateFleet(38)).toEqual([...SEED_FLEET]);
    expect(big.slice(0, 38)).toEqual([...SEED_FLEET]);
  });

  it('names every unicorn once', () => {
    expect(new Set(big.map((u) => u.Name)).size).toBe(1000);
    expect(big[38]!.Name).toBe('Osaka 000038'); // 38 % 20 cities: the 19th
  });

  it('puts every unicorn on the map, within 20 km of a city it serves', () => {
    for (const seed of big) {
      expect(seed.Home.Latitude).toBeGreaterThanOrEqual(-90);
      expect(seed.Home.Latitude).toBeLessThanOrEqual(90);
      expect(seed.Home.Longitude).toBeGreaterThanOrEqual(-180);
      expect(seed.Home.Longitude).toBeLessThanOrEqual(180);
      expect(nearestCityKm(seed), seed.Name).toBeLessThan(20);
    }
  });

  it('spreads the herds over every city, not all on its centre', () => {
    const generated = big.slice(38);
    for (const city of CITIES) {
      const herd = generated.filter((seed) => distanceKm(seed.Home, city) < 20);
      expect(herd.length).toBeGreaterThanOrEqual(40);
      expect(new Set(herd.map((seed) => `${seed.Home.Latitude},${seed.Home.Longitude}`)).size).toBe(herd.length);
      // Uniform over a disc of about 15 km: some near the centre, some far out.
      expect(herd.some((seed) => distanceKm(seed.Home, city) < 5)).toBe(true);
      expect(herd.some((seed) => distanceKm(seed.Home, city) > 10)).toBe(true);
    }
  });

  it('gives every unicorn a colour and a gender', () => {
    for (const seed of big) {
      expect(seed.Color).toMatch(/^[A-Z][a-z]+$/);
      expect(['Male', 'Female']).toContain(seed.Gender);
    }
    expect(new Set(big.map((u) => u.Gender))).toEqual(new Set(['Male', 'Female']));
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a size of %d', (size) => {
    expect(() => generateFleet(size)).toThrow(RangeError);
  });
});

describe('toFleetUnicorn', () => {
  it('makes a seed a free unicorn at its home', () => {
    expect(toFleetUnicorn(SEED_FLEET[1]!)).toStrictEqual({
      Name: 'Shadowfax',
      Color: 'White',
      Gender: 'Male',
      Position: { Latitude: 47.6097, Longitude: -122.3422 },
      BusyUntil: 0,
    });
  });
});

describe('fleetItem', () => {
  it('adds the index keys of the unicorn’s position, keeping everything else', () => {
    const unicorn = { ...toFleetUnicorn(SEED_FLEET[1]!), BusyUntil: 123, RideId: 'ride-1' };
    expect(fleetItem(unicorn)).toStrictEqual({ ...unicorn, ...indexKeys(unicorn.Position) });
    expect(fleetItem(unicorn)).toMatchObject({ Region: 'c23', Geohash: expect.stringMatching(/^c23[0-9a-z]{6}$/) });
  });

  it('follows the position, not the home', () => {
    const moved = { ...toFleetUnicorn(SEED_FLEET[1]!), Position: { Latitude: 51.5072, Longitude: -0.1276 } };
    expect(fleetItem(moved).Region).toBe('gcp');
  });
});

describe('unicornOf', () => {
  it('keeps only what a rider is told about a unicorn', () => {
    expect(unicornOf(toFleetUnicorn(SEED_FLEET[0]!))).toStrictEqual({ Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' });
  });
});

describe('countFleet', () => {
  it('counts a unicorn busy until the moment it is free again, and adds page after page', () => {
    const now = 1_000;
    const page = [{ BusyUntil: 0 }, { BusyUntil: now }, { BusyUntil: now + 1 }, { BusyUntil: now + 60_000 }];
    const once = countFleet({ free: 0, busy: 0 }, page, now);
    expect(once).toEqual({ free: 2, busy: 2 });
    expect(countFleet(once, [{ BusyUntil: 5 }], now)).toEqual({ free: 3, busy: 2 });
    expect(countFleet(once, [], now)).toEqual(once);
  });
});
