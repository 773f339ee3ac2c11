import { describe, expect, it } from 'vitest';
import { pickUnicorn, WORKSHOP_FLEET } from '../src';

describe('pickUnicorn', () => {
  it('keeps the workshop fleet that ride.js knows', () => {
    expect(WORKSHOP_FLEET.map((u) => `${u.Name}/${u.Color}/${u.Gender}`)).toEqual([
      'Bucephalus/Golden/Male',
      'Shadowfax/White/Male',
      'Rocinante/Yellow/Female',
    ]);
  });

  it('maps the whole random range onto the fleet, first to last', () => {
    expect(pickUnicorn(WORKSHOP_FLEET, () => 0).Name).toBe('Bucephalus');
    expect(pickUnicorn(WORKSHOP_FLEET, () => 0.5).Name).toBe('Shadowfax');
    expect(pickUnicorn(WORKSHOP_FLEET, () => 0.9999999).Name).toBe('Rocinante');
  });

  it('never reads past the end, even for a random source that returns 1', () => {
    expect(pickUnicorn(WORKSHOP_FLEET, () => 1).Name).toBe('Rocinante');
  });

  it('refuses an empty fleet rather than returning nothing', () => {
    expect(() => pickUnicorn([], Math.random)).toThrow(/empty/);
  });
});
