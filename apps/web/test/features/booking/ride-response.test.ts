import { describe, expect, it } from 'vitest';
import { etaText, unicornOrigin } from '../../../src/features/booking/ride-response';
import { rideBody } from './ride-answer';

describe('unicornOrigin', () => {
  const base = { ...rideBody, Unicorn: { ...rideBody.Unicorn, Gender: 'Male' as const }, Status: 'Assigned' as const };

  it('reads where the unicorn sets off from when the API says', () => {
    const withPosition = { ...base, EtaSeconds: 30, UnicornPosition: { Latitude: 47.61, Longitude: -122.31 } };
    expect(unicornOrigin(withPosition)).toEqual({ Latitude: 47.61, Longitude: -122.31 });
  });

  it('ignores a missing or malformed position', () => {
    // Malformed on purpose, as an older or broken API might answer: hence the casts.
    const { UnicornPosition: _position, ...withoutPosition } = base;
    expect(unicornOrigin(withoutPosition as never)).toBeUndefined();
    expect(unicornOrigin({ ...base, UnicornPosition: { Latitude: 'north' } } as never)).toBeUndefined();
    expect(unicornOrigin({ ...base, UnicornPosition: { Latitude: 95, Longitude: 0 } } as never)).toBeUndefined();
  });
});

describe('etaText', () => {
  const base = { ...rideBody, Unicorn: { ...rideBody.Unicorn, Gender: 'Male' as const }, Status: 'Assigned' as const };

  it('says how long the unicorn takes in the rider’s language', () => {
    expect(etaText({ ...base, Eta: '4 minutes', EtaSeconds: 240 }, 'en')).toBe('4 minutes');
    expect(etaText({ ...base, Eta: '4 minutes', EtaSeconds: 240 }, 'ko')).toBe('4분');
    expect(etaText({ ...base, Eta: '45 seconds', EtaSeconds: 45 }, 'en')).toBe('45 seconds');
  });

  it('counts a queued ride’s long wait in hours, then days, not thousands of minutes', () => {
    expect(etaText({ ...base, Eta: '1 hour 59 minutes', EtaSeconds: 119 * 60 }, 'en')).toBe('119 minutes');
    expect(etaText({ ...base, Eta: '3 hours', EtaSeconds: 3 * 3600 + 600 }, 'en')).toBe('3 hours');
    expect(etaText({ ...base, Eta: '178 hours 7 minutes', EtaSeconds: 641_220 }, 'en')).toBe('7 days');
    expect(etaText({ ...base, Eta: '3 hours', EtaSeconds: 3 * 3600 }, 'ko')).toBe('3시간');
  });

  it('falls back to the API’s text when it sends no EtaSeconds', () => {
    const { EtaSeconds: _seconds, ...withoutSeconds } = base;
    expect(etaText(withoutSeconds as never, 'ko')).toBe('30 seconds');
  });
});
