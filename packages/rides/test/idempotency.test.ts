import { describe, expect, it } from 'vitest';
import { isValidIdempotencyKey, requestFingerprint } from '../src';

describe('idempotency keys', () => {
  it.each(['0b9c6c1e-6a3f-4d6f-9a51-2b1e0c7d9f10', '01HZX3N8Q9', 'a', 'retry:1.2_x'])('accepts %s', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it.each(['', ' ', 'a b', 'x'.repeat(129), 'key#other', '../etc', 'ключ'])('refuses %j', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });

  it('tells apart requests for different pickups', () => {
    expect(requestFingerprint({ Latitude: 1, Longitude: 2 })).not.toBe(requestFingerprint({ Latitude: 2, Longitude: 1 }));
    expect(requestFingerprint({ Latitude: 1, Longitude: 2 })).toBe(requestFingerprint({ Latitude: 1.0, Longitude: 2.0 }));
  });
});
