import { InvalidCursor } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { CURSOR_REFUSED, createCursorCodec } from '../../../src/store/cursor';

const secret = 'k'.repeat(48);
const cursors = createCursorCodec(secret);
const key = { RideId: 'r1', User: 'ann', RequestTime: '2026-11-22T10:00:00.000Z' };
const unsigned = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Flips one base64url character well inside the text (the last one may hold only padding bits). */
const flip = (cursor: string, at: number) => cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);

describe('history cursors', () => {
  it('round-trip for the rider they were made for, as URL-safe text', () => {
    const cursor = cursors.encode(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursors.decode(cursor, 'ann')).toEqual(key);
  });

  it('keep only the three key attributes', () => {
    const cursor = cursors.encode({ ...key, Extra: 'x' } as typeof key);
    expect(cursors.decode(cursor, 'ann')).toEqual(key);
  });

  it.each([
    // The attack run's cursors: unsigned, the caller's own User, an empty key attribute (DynamoDB answered 500).
    ['an empty RideId', unsigned({ ...key, RideId: '' }), 'ann'],
    ['an empty RequestTime', unsigned({ ...key, RequestTime: '' }), 'ann'],
    ['an empty RideId and RequestTime', unsigned({ ...key, RideId: '', RequestTime: '' }), 'ann'],
    ['a well-formed key the API never signed', unsigned(key), 'ann'],
    ['another rider’s cursor', cursors.encode(key), 'bob'],
    ['a cursor signed with another key (another stage)', createCursorCodec('o'.repeat(48)).encode(key), 'ann'],
    ['a tampered signature', flip(cursors.encode(key), 0), 'ann'],
    ['a tampered key', flip(cursors.encode(key), cursors.encode(key).length - 5), 'ann'],
    ['a signature alone', cursors.encode(key).slice(0, 43), 'ann'],
    ['a cursor cut short', cursors.encode(key).slice(0, 50), 'ann'],
    ['garbage', 'not-a-cursor', 'ann'],
    ['nothing', '', 'ann'],
    // Signed with the right key but not a usable page key: refused all the same.
    ['a signed empty RideId', cursors.encode({ ...key, RideId: '' }), 'ann'],
    ['a signed empty RequestTime', cursors.encode({ ...key, RequestTime: '' }), 'ann'],
    ['a signed empty User', cursors.encode({ ...key, User: '' }), ''],
    ['a signed non-string key', cursors.encode({ ...key, RideId: { S: 'x' } } as unknown as typeof key), 'ann'],
  ])('refuse %s', (_name, cursor, rider) => {
    expect(() => cursors.decode(cursor, rider)).toThrow(InvalidCursor);
    expect(() => cursors.decode(cursor, rider)).toThrow(CURSOR_REFUSED);
  });

  it('name the problem for the caller', () => {
    expect(CURSOR_REFUSED).toMatch(/^cursor is not one this API issued/);
  });

  it.each(['', 'short'])('cannot be made with a short secret (%j)', (weak) => {
    expect(() => createCursorCodec(weak)).toThrow(/at least 32/);
  });
});
