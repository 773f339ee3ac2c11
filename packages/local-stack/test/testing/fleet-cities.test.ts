import { distanceKm } from '@wildrydes/rides';
import { describe, expect, it, vi } from 'vitest';

// The test stack's fleet (the dev stack's is a few named unicorns, no herds): set before the
// helpers read the stack's configuration.
vi.stubEnv('WILDRYDES_FLEET_SIZE', '2000');
const { BURST_CITY, fleetCities, fleetCity, pickupsAcross, pickupsAround, sharedCities } = await import('../../src/testing/fleet-cities');

const seattle = { Latitude: 47.6062, Longitude: -122.3321 };

describe('the test fleet’s cities', () => {
  it('are its herds, each centred among its unicorns, the burst’s city kept apart', () => {
    const cities = fleetCities();
    expect(cities.length).toBeGreaterThan(1);
    for (const city of cities) {
      expect(city.unicorns.length, city.name).toBeGreaterThan(0);
      for (const unicorn of city.unicorns) expect(distanceKm(unicorn.Home, city.centre)).toBeLessThanOrEqual(20);
    }
    expect(fleetCity(BURST_CITY).name).toBe(BURST_CITY);
    expect(sharedCities().map((c) => c.name)).not.toContain(BURST_CITY);
    expect(() => fleetCity('Atlantis')).toThrow(/no herd in Atlantis/);
  });
});

describe('pickups', () => {
  it('spread `count` distinct points within the radius of a centre', () => {
    const pickups = pickupsAround(seattle, 50, 10);
    expect(pickups).toHaveLength(50);
    expect(new Set(pickups.map((p) => `${p.Latitude},${p.Longitude}`)).size).toBe(50);
    for (const pickup of pickups) expect(distanceKm(pickup, seattle)).toBeLessThanOrEqual(10.01);
    // Spread, not bunched at the centre: some reach the outer half of the disc.
    expect(Math.max(...pickups.map((p) => distanceKm(p, seattle)))).toBeGreaterThan(9);
  });

  it('deal round the cities in turn', () => {
    const cities = sharedCities().slice(0, 3);
    const pickups = pickupsAcross(cities, 7, 5);
    expect(pickups).toHaveLength(7);
    pickups.forEach((pickup, i) => {
      expect(distanceKm(pickup, cities[i % 3]!.centre)).toBeLessThanOrEqual(5.01);
    });
  });
});
