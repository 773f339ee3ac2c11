import { Ride, RidePage, type RideResponse } from '@wildrydes/contract';
import { cancelRide, createRider, getApi, postRide, type Tokens, webOrigin } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';

let ann: Tokens;
let bob: Tokens;
/** Ann's username, as the API stores it in each ride's User (her cursors carry it). */
let annUsername: string;
const booked: string[] = [];
const auth = (tokens: Tokens) => ({ Authorization: tokens.idToken });

beforeAll(async () => {
  [ann, bob] = await Promise.all([createRider().then((r) => r.tokens), createRider().then((r) => r.tokens)]);
  // One ride at a time: Ann cancels each ride before booking the next, and keeps the fifth.
  for (let i = 0; i < 5; i++) {
    const response = await postRide({ PickupLocation: { Latitude: 48.8566 + i / 100, Longitude: 2.3522 } }, auth(ann));
    expect(response.status).toBe(201);
    const { RideId, Rider } = response.json as RideResponse;
    booked.push(RideId);
    annUsername = Rider;
    if (i < 4) expect((await cancelRide(RideId, ann.idToken)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5)); // distinct request times
  }
});

describe('GET /rides', () => {
  it('pages through a rider’s rides newest first with an opaque cursor, ending without one', async () => {
    const seen: Ride[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const response = await getApi(`/rides?limit=2${cursor ? `&cursor=${cursor}` : ''}`, auth(ann));
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
      const page = RidePage.parse(response.json);
      sizes.push(page.Rides.length);
      seen.push(...page.Rides);
      cursor = page.NextCursor;
    } while (cursor && sizes.length < 10);
    // Every page: two, two, and the last one, which has no cursor (one would have fetched a fourth page).
    expect(sizes).toEqual([2, 2, 1]);
    expect(cursor).toBeUndefined();
    expect(seen.map((r) => r.RideId)).toEqual([...booked].reverse());
    expect(seen.every((r) => r.PickupLocation.Longitude === 2.3522)).toBe(true);
    // Each with its status now: the cancelled four (with their cancel time) and the one on its way.
    expect(seen.slice(1).map((r) => [r.Status, typeof r.CancelTime])).toEqual(Array(4).fill(['Cancelled', 'string']));
    expect(['Assigned', 'PickedUp']).toContain(seen[0]?.Status);
    expect(seen[0]?.CancelTime).toBeUndefined();
  });

  it('shows a rider none of another rider’s rides', async () => {
    const response = await getApi('/rides', auth(bob));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ Rides: [] });
  });

  it('refuses another rider’s cursor, a forged cursor and a bad limit with 400', async () => {
    const first = RidePage.parse((await getApi('/rides?limit=1', auth(ann))).json);
    expect(first.NextCursor).toBeDefined();
    const stolen = await getApi(`/rides?cursor=${first.NextCursor}`, auth(bob));
    expect(stolen.status).toBe(400);
    expect(stolen.json).toEqual({ message: expect.stringMatching(/^cursor is not one this API issued/) });
    const forged = Buffer.from(JSON.stringify({ RideId: 'x', User: 'y', RequestTime: 'z', Extra: 1 })).toString('base64url');
    expect((await getApi(`/rides?cursor=${forged}`, auth(ann))).status).toBe(400);
    expect((await getApi('/rides?cursor=%7B%7D', auth(ann))).status).toBe(400);
    expect((await getApi('/rides?limit=500', auth(ann))).json).toEqual({ message: expect.stringMatching(/limit/) });
  });

  describe('refuses every cursor it did not issue to the caller with 400 and a message, never a 500', () => {
    const unsigned = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const issued = async () => {
      const page = RidePage.parse((await getApi('/rides?limit=1', auth(ann))).json);
      if (!page.NextCursor) throw new Error('ann has one page only');
      return page.NextCursor;
    };
    const forged: [string, () => Promise<string>][] = [
      // The attack run's cursors: the caller's own User with an empty key attribute made DynamoDB answer 500.
      ['an empty RideId', async () => unsigned({ RideId: '', User: annUsername, RequestTime: '2026-11-22T10:00:00.000Z' })],
      ['an empty RequestTime', async () => unsigned({ RideId: booked[0], User: annUsername, RequestTime: '' })],
      ['an empty RideId and RequestTime', async () => unsigned({ RideId: '', User: annUsername, RequestTime: '' })],
      // A well-formed key, even the caller's own, is refused unless the API signed it.
      [
        'an unsigned key of the caller’s own ride',
        async () => unsigned({ RideId: booked[0], User: annUsername, RequestTime: '2026-11-22T10:00:00.000Z' }),
      ],
      ['another rider’s key', async () => unsigned({ RideId: booked[0], User: 'someone-else', RequestTime: '2026-11-22T10:00:00.000Z' })],
      [
        'an issued cursor with a tampered signature',
        async () => {
          const cursor = await issued();
          return (cursor[0] === 'A' ? 'B' : 'A') + cursor.slice(1);
        },
      ],
      [
        'an issued cursor with a tampered key',
        async () => {
          const cursor = await issued();
          const at = cursor.length - 5;
          return cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
        },
      ],
      ['an issued cursor cut short', async () => (await issued()).slice(0, 40)],
      ['garbage', async () => 'not-a-cursor'],
      ['raw JSON', async () => encodeURIComponent(JSON.stringify({ RideId: '', User: annUsername, RequestTime: '' }))],
      ['one character', async () => 'A'],
    ];

    it.each(forged)('%s', async (_name, makeCursor) => {
      const response = await getApi(`/rides?limit=2&cursor=${await makeCursor()}`, auth(ann));
      expect(response.status).toBe(400);
      expect(response.json).toEqual({ message: expect.stringMatching(/^cursor is not one this API issued/) });
      expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
    });
  });
});

describe('GET /rides/{rideId}', () => {
  it('returns the rider’s own ride', async () => {
    const response = await getApi(`/rides/${booked[0]}`, auth(ann));
    expect(response.status).toBe(200);
    expect(Ride.parse(response.json)).toMatchObject({
      RideId: booked[0],
      PickupLocation: { Latitude: 48.8566, Longitude: 2.3522 },
      DropoffLocation: { Latitude: 48.8566, Longitude: 2.3522 },
      Status: 'Cancelled',
    });
  });

  it('answers 404 alike for someone else’s ride and a missing one, revealing nothing', async () => {
    const stranger = await getApi(`/rides/${booked[0]}`, auth(bob));
    const missing = await getApi('/rides/AAAAAAAAAAAAAAAAAAAAAA', auth(bob));
    expect(stranger.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(stranger.json).toEqual(missing.json);
  });
});

describe('the history routes', () => {
  it.each(['/rides', '/rides/AAAAAAAAAAAAAAAAAAAAAA'])('refuse %s without a valid token (401, CORS)', async (path) => {
    for (const headers of [{}, { Authorization: 'forged' }] as Record<string, string>[]) {
      const response = await getApi(path, headers);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ message: expect.stringMatching(/^Unauthorized/) });
      expect(response.headers.get('access-control-allow-origin')).toBe(webOrigin());
    }
  });
});
