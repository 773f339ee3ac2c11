import { InvalidCursor } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../src/store/dynamodb-ride-history';

const key = { RideId: 'r1', User: 'ann', RequestTime: '2026-11-22T10:00:00.000Z' };

describe('history cursors', () => {
  it('round-trip for the rider they were made for, as URL-safe text', () => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'ann')).toEqual(key);
  });

  it.each([
    ['another rider’s cursor', encodeCursor(key), 'bob'],
    ['garbage', 'not-base64-json', 'ann'],
    ['JSON of the wrong shape', Buffer.from('[1,2]').toString('base64url'), 'ann'],
    ['extra fields', Buffer.from(JSON.stringify({ ...key, Admin: true })).toString('base64url'), 'ann'],
    ['a non-string key', Buffer.from(JSON.stringify({ ...key, RideId: { S: 'x' } })).toString('base64url'), 'ann'],
  ])('refuse %s', (_name, cursor, rider) => {
    expect(() => decodeCursor(cursor, rider)).toThrow(InvalidCursor);
  });
});
