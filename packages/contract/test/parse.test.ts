import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, parseRideRequest } from '../src';

const valid = { PickupLocation: { Latitude: 47.6, Longitude: -122.3 } };

describe('parseRideRequest', () => {
  it('accepts the body the workshop ride.js sends', () => {
    expect(parseRideRequest(JSON.stringify(valid))).toEqual({ ok: true, value: valid });
  });

  it('accepts the edges of the coordinate ranges', () => {
    for (const [Latitude, Longitude] of [
      [-90, -180],
      [90, 180],
      [0, 0],
    ]) {
      expect(parseRideRequest(JSON.stringify({ PickupLocation: { Latitude, Longitude } })).ok).toBe(true);
    }
  });

  it('drops unknown fields instead of passing them on', () => {
    const result = parseRideRequest(JSON.stringify({ ...valid, Admin: true, PickupLocation: { ...valid.PickupLocation, X: 1 } }));
    expect(result).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['missing body', null, /missing/],
    ['empty body', '   ', /missing/],
    ['invalid JSON', '{"PickupLocation":', /not valid JSON/],
    ['null', 'null', /Request body must be a JSON object/],
    ['an array', '[1,2]', /Request body must be a JSON object/],
    ['a string', '"hello"', /Request body must be a JSON object/],
    ['no PickupLocation', '{}', /PickupLocation must be an object/],
    ['PickupLocation null', '{"PickupLocation":null}', /PickupLocation must be an object/],
    ['Latitude as a string', '{"PickupLocation":{"Latitude":"47.6","Longitude":1}}', /PickupLocation\.Latitude must be a number/],
    ['Longitude missing', '{"PickupLocation":{"Latitude":47.6}}', /PickupLocation\.Longitude must be a number/],
    ['Latitude above 90', '{"PickupLocation":{"Latitude":90.0001,"Longitude":1}}', /PickupLocation\.Latitude must be between -90 and 90/],
    [
      'Longitude below -180',
      '{"PickupLocation":{"Latitude":1,"Longitude":-181}}',
      /PickupLocation\.Longitude must be between -180 and 180/,
    ],
    ['an overflowing number', '{"PickupLocation":{"Latitude":1e999,"Longitude":1}}', /PickupLocation\.Latitude/],
  ])('refuses %s as invalid, with a message naming the problem', (_name, body, message) => {
    const result = parseRideRequest(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('InvalidRequest');
    expect(result.message).toMatch(message);
  });

  it('names both fields when both are wrong', () => {
    const result = parseRideRequest('{"PickupLocation":{"Latitude":true,"Longitude":500}}');
    expect(result.ok || result.message).toMatch(/Latitude.*; .*Longitude/);
  });

  it('accepts a body of exactly 16 kB and refuses one a byte over it', () => {
    const ofBytes = (bytes: number) => {
      const base = JSON.stringify({ ...valid, pad: '' });
      return JSON.stringify({ ...valid, pad: 'x'.repeat(bytes - Buffer.byteLength(base)) });
    };
    expect(MAX_BODY_BYTES).toBe(16 * 1024);
    expect(Buffer.byteLength(ofBytes(MAX_BODY_BYTES))).toBe(MAX_BODY_BYTES);
    expect(parseRideRequest(ofBytes(MAX_BODY_BYTES))).toMatchObject({ ok: true });
    expect(parseRideRequest(ofBytes(MAX_BODY_BYTES + 1))).toMatchObject({ ok: false, code: 'RequestTooLarge' });
  });

  it('refuses a body over the size limit as too large, counting bytes not characters', () => {
    const padding = 'é'.repeat(MAX_BODY_BYTES / 2); // 2 bytes each in UTF-8
    const result = parseRideRequest(JSON.stringify({ ...valid, padding }));
    expect(result).toMatchObject({ ok: false, code: 'RequestTooLarge' });
    if (!result.ok) expect(result.message).toMatch(/too large.*16384/);
  });
});
