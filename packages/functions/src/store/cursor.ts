import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursor } from '@wildrydes/rides';

/** The rider index's last evaluated key: where the next page of a rider's history starts. */
export interface PageKey {
  RideId: string;
  User: string;
  RequestTime: string;
}

/** History cursors: page keys the API signed, readable only by the rider they were issued to. */
export interface CursorCodec {
  encode(key: PageKey): string;
  /** The key inside `cursor`; throws InvalidCursor unless this API issued it, for `rider`, with a usable key. */
  decode(cursor: string, rider: string): PageKey;
}

export const CURSOR_REFUSED = 'cursor is not one this API issued: pass back the NextCursor of the previous page';

/** HMAC-SHA256 tag length; a cursor is base64url(tag ‖ key as JSON). */
const TAG_BYTES = 32;
/** The shortest key a caller may sign with (the stage's secret is longer; this stops an empty one). */
const MIN_CURSOR_SECRET_LENGTH = 32;

const usable = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Cursors are signed so that only keys DynamoDB itself returned to this API go back into a query:
 * a forged key (empty attributes, another rider's, any shape at all) is refused before it reaches
 * DynamoDB, which would answer some of them with a ValidationException, a 500. The signed key is
 * still checked (shape, non-empty values, the caller's own User) in case the secret ever leaks.
 */
export function createCursorCodec(secret: string): CursorCodec {
  if (secret.length < MIN_CURSOR_SECRET_LENGTH) {
    throw new Error(`The cursor secret must be at least ${MIN_CURSOR_SECRET_LENGTH} characters`);
  }
  const tag = (payload: Buffer) => createHmac('sha256', secret).update(payload).digest();
  const refuse = (): never => {
    throw new InvalidCursor(CURSOR_REFUSED);
  };

  return {
    encode(key) {
      const payload = Buffer.from(JSON.stringify({ RideId: key.RideId, User: key.User, RequestTime: key.RequestTime }));
      return Buffer.concat([tag(payload), payload]).toString('base64url');
    },

    decode(cursor, rider) {
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length <= TAG_BYTES) return refuse();
      const payload = bytes.subarray(TAG_BYTES);
      if (!timingSafeEqual(bytes.subarray(0, TAG_BYTES), tag(payload))) return refuse();
      let key: unknown;
      try {
        key = JSON.parse(payload.toString('utf8'));
      } catch {
        return refuse();
      }
      if (typeof key !== 'object' || key === null || Array.isArray(key) || Object.keys(key).length !== 3) return refuse();
      const { RideId, User, RequestTime } = key as Partial<Record<keyof PageKey, unknown>>;
      if (!usable(RideId) || !usable(RequestTime) || !usable(User) || User !== rider) return refuse();
      return { RideId, User, RequestTime };
    },
  };
}
