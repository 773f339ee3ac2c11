import type { RideResponse } from '@wildrydes/contract';
import { addUnicorns, allRides, createRider, getRide, postRide, riderOf, type Tokens } from '@wildrydes/local-stack/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectEveryKeyEndsWithItsRide, sendKeyedLoad, settle } from './support/keyed-load';

let rider: Tokens;
const auth = () => ({ Authorization: rider.idToken });
// On the Antarctic plateau, where no other test rides: these two are the nearest unicorns by far.
const base = { Latitude: -80, Longitude: 10 };

beforeAll(async () => {
  rider = (await createRider()).tokens;
  await addUnicorns([
    { Name: 'Polaris', Color: 'Ice', Gender: 'Female', Home: { Latitude: -80, Longitude: 10.05 } },
    { Name: 'Aurora', Color: 'Green', Gender: 'Female', Home: { Latitude: -80, Longitude: 10.5 } },
  ]);
});

describe('dispatch', () => {
  it('sends the nearest free unicorn, then the next nearest once it is booked', async () => {
    const first = await postRide({ PickupLocation: base }, auth());
    const second = await postRide({ PickupLocation: base }, auth());
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const [a, b] = [first.json as RideResponse, second.json as RideResponse];
    expect(a.UnicornName).toBe('Polaris');
    expect(a.UnicornPosition).toEqual({ Latitude: -80, Longitude: 10.05 });
    expect(b.UnicornName).toBe('Aurora');
    // Farther away, so a longer flight: ~1 km vs ~9.7 km at 120 km/h.
    expect(a.EtaSeconds).toBeLessThan(b.EtaSeconds);
    expect(a.Eta).toMatch(/^\d+ (seconds?|minutes?)$/);
    const stored = await getRide(a.RideId);
    expect(stored).toMatchObject({ UnicornName: 'Polaris', EtaSeconds: a.EtaSeconds, UnicornStart: a.UnicornPosition });
  });

  it('still books a ride when the nearest unicorns are busy, with a longer ETA', async () => {
    // Both Antarctic unicorns are now booked for 15+ minutes: the next pickup here gets the nearest
    // free unicorn from across the world, or queues when none is free; either way it arrives later.
    const third = await postRide({ PickupLocation: base }, auth());
    expect(third.status).toBe(201);
    expect((third.json as RideResponse).EtaSeconds).toBeGreaterThan(15 * 60);
  });

  it('books 50 concurrent requests, every one booked once, and never overlaps a unicorn’s bookings', async () => {
    // A rider of its own, so the rides counted are these 50. Each request is a 201, or a 503 with
    // Retry-After whose retry with the same key books it (a request can run out of time losing races).
    const own = (await createRider()).tokens;
    const riderName = riderOf(own.idToken);
    const requests = await sendKeyedLoad(own.idToken, 50, 50, (i) => ({ Latitude: -79.99, Longitude: 10 + i / 1000 }));
    const settled = await settle(riderName, own.idToken, requests, { maxRetries: 5, concurrency: 10 });
    await expectEveryKeyEndsWithItsRide(riderName, settled);
    const ids = [...settled.finalRide.values()] as string[];
    expect(new Set(ids).size).toBe(50);

    const byUnicorn = new Map<string, [number, number][]>();
    for (const ride of await allRides()) {
      if (typeof ride.BookedFrom !== 'string') continue;
      const spans = byUnicorn.get(ride.UnicornName as string) ?? [];
      spans.push([Date.parse(ride.BookedFrom), Date.parse(ride.BookedUntil as string)]);
      byUnicorn.set(ride.UnicornName as string, spans);
    }
    let checked = 0;
    for (const [name, spans] of byUnicorn) {
      spans.sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < spans.length; i++, checked++) {
        expect(spans[i]![0], `${name} booked twice at once`).toBeGreaterThanOrEqual(spans[i - 1]![1]);
      }
    }
    // 50 bookings on a fleet of about ten: most unicorns carry several, each checked against the last.
    expect(checked).toBeGreaterThanOrEqual(50 - byUnicorn.size);
    expect((await Promise.all(ids.map(getRide))).every(Boolean)).toBe(true);
  }, 120_000);
});
