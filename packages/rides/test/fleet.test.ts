import { describe, expect, it } from 'vitest';
import { SEED_FLEET, toFleetUnicorn, WORKSHOP_FLEET } from '../src';

describe('the fleet', () => {
  it('keeps the workshop’s three unicorns that ride.js knows', () => {
    expect(WORKSHOP_FLEET.map((u) => `${u.Name}/${u.Color}/${u.Gender}`)).toEqual([
      'Bucephalus/Golden/Male',
      'Shadowfax/White/Male',
      'Rocinante/Yellow/Female',
    ]);
  });

  it('seeds unicorns with unique names, valid homes, all free', () => {
    expect(new Set(SEED_FLEET.map((u) => u.Name)).size).toBe(SEED_FLEET.length);
    for (const unicorn of SEED_FLEET.map(toFleetUnicorn)) {
      expect(Math.abs(unicorn.Home.Latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(unicorn.Home.Longitude)).toBeLessThanOrEqual(180);
      expect(unicorn.BusyUntil).toBe(0);
    }
  });
});
