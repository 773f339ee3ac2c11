import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN, isValidIdempotencyKey, requestFingerprint, scopeIdempotencyKey } from '../src';

describe('idempotency keys', () => {
  it.each(['0b9c6c1e-6a3f-4d6f-9a51-2b1e0c7d9f10', '01HZX3N8Q9', 'a', 'retry:1.2_x', 'x'.repeat(128)])('accepts %s', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it.each(['', ' ', 'a b', 'x'.repeat(129), 'key#other', '../etc', 'ключ', 'a\n', '\na'])('refuses %j', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });

  it('is the pattern the OpenAPI document publishes', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.source).toBe('^[A-Za-z0-9_.:-]{1,128}$');
  });

  it('scopes a key to its rider', () => {
    expect(scopeIdempotencyKey('rider-1', 'key-1')).toBe('rider-1#key-1');
    expect(scopeIdempotencyKey('rider-2', 'key-1')).not.toBe(scopeIdempotencyKey('rider-1', 'key-1'));
  });
});

describe('requestFingerprint', () => {
  const pickup = { Latitude: 1, Longitude: 2 };
  const dropoff = { Latitude: 3, Longitude: 4 };

  it('is the pickup, exactly as parsed', () => {
    expect(requestFingerprint(pickup)).toBe('1,2');
    expect(requestFingerprint(pickup)).toBe(requestFingerprint({ Latitude: 1.0, Longitude: 2.0 }));
    expect(requestFingerprint(pickup)).not.toBe(requestFingerprint({ Latitude: 2, Longitude: 1 }));
    expect(requestFingerprint(pickup)).not.toBe(requestFingerprint({ Latitude: 1.0000001, Longitude: 2 }));
  });

  it('tells a request with a drop-off from one without, and drop-offs apart', () => {
    expect(requestFingerprint(pickup, dropoff)).toBe('1,2>3,4');
    expect(requestFingerprint(pickup, dropoff)).not.toBe(requestFingerprint(pickup));
    expect(requestFingerprint(pickup, pickup)).not.toBe(requestFingerprint(pickup));
    expect(requestFingerprint(pickup, dropoff)).not.toBe(requestFingerprint(dropoff, pickup));
    expect(requestFingerprint(pickup, undefined)).toBe(requestFingerprint(pickup));
  });
});
