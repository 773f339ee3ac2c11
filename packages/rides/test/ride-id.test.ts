import { describe, expect, it } from 'vitest';
import { newRideId, toBase64Url } from '../src';

describe('ride ids', () => {
  it('encodes 128 bits as 22 URL-safe characters', () => {
    const id = newRideId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('uses the URL-safe alphabet where base64 would use + and /', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });

  it('draws fresh randomness for every id', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRideId()));
    expect(ids.size).toBe(1000);
  });

  it('asks its random source for 16 bytes', () => {
    let asked = 0;
    newRideId((n) => {
      asked = n;
      return new Uint8Array(n);
    });
    expect(asked).toBe(16);
  });
});
