import { randomUUID } from 'node:crypto';
import { RideResponse } from '@wildrydes/contract';
import {
  addUnicorns,
  allRides,
  BURST_CITY,
  claimedRideId,
  countRides,
  fleetCity,
  getRide,
  overlappingBookings,
  pickupsAround,
  postRide,
  postRideSettled,
  riderTokens,
  runPool,
} from '@wildrydes/local-stack/testing';
import { describe, expect, it } from 'vitest';

const ride = (response: { json: unknown }) => RideResponse.parse(response.json);

/**
 * Two unicorns of a test's own on the Antarctic plateau, at `longitude` (tests 30° apart: about
 * 580 km, far beyond reach), where no other test rides: the only unicorns within reach of `base`.
 * Polaris is about 1 km from it, Aurora about 9.7 km.
 */
async function plateau(longitude: number) {
  const base = { Latitude: -80, Longitude: longitude };
  const polaris = `Polaris ${longitude}`;
  const aurora = `Aurora ${longitude}`;
  await addUnicorns([
    { Name: polaris, Color: 'Ice', Gender: 'Female', Home: { Latitude: -80, Longitude: longitude + 0.05 } },
    { Name: aurora, Color: 'Green', Gender: 'Female', Home: { Latitude: -80, Longitude: longitude + 0.5 } },
  ]);
  return { base, polaris, aurora };
}

/** Two riders (one ride each at a time) book at `base`, one after the other. */
async function bookTwo(base: { Latitude: number; Longitude: number }) {
  const riders = await riderTokens(2, 'dispatch');
  const a = await postRide({ PickupLocation: base }, { Authorization: riders[0]!.idToken });
  const b = await postRide({ PickupLocation: base }, { Authorization: riders[1]!.idToken });
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  return [ride(a), ride(b)] as const;
}

describe('dispatch', () => {
  it('sends the nearest free unicorn, then the next nearest once it is booked', async () => {
    const { base, polaris, aurora } = await plateau(10);
    const [first, second] = await bookTwo(base);
    expect(first.UnicornName).toBe(polaris);
    expect(first.UnicornPosition).toEqual({ Latitude: -80, Longitude: 10.05 });
    expect(second.UnicornName).toBe(aurora);
    // Farther away, so a longer flight: ~1 km vs ~9.7 km at 120 km/h.
    expect(first.EtaSeconds).toBeLessThan(second.EtaSeconds);
    expect(first.Eta).toMatch(/^\d+ (seconds?|minutes?)$/);
    expect([first.Status, second.Status]).toEqual(['Assigned', 'Assigned']);
    const stored = await getRide(first.RideId);
    expect(stored).toMatchObject({ UnicornName: polaris, EtaSeconds: first.EtaSeconds, UnicornStart: first.UnicornPosition });
    // Both were free: each sets off at once.
    expect(stored?.BookedFrom).toBe(stored?.RequestTime);
  });

  it('queues a ride on the unicorn that frees up first when every unicorn within reach is busy', async () => {
    // Its own two unicorns, both booked here first: Polaris is busy until that ride ends (15 minutes
    // after its pickup), Aurora until later. The next pickup waits for Polaris, where its ride ends,
    // rather than being refused.
    const { base, polaris } = await plateau(40);
    const [first] = await bookTwo(base);
    expect(first.UnicornName).toBe(polaris);
    const [third] = await riderTokens(1, 'dispatch');
    const answer = await postRide({ PickupLocation: base }, { Authorization: third!.idToken });
    expect(answer.status).toBe(201);
    const queued = ride(answer);
    expect(queued.UnicornName).toBe(polaris);
    expect(queued.UnicornPosition).toEqual(first.DropoffLocation);
    expect(queued.EtaSeconds).toBeGreaterThan(15 * 60);
    expect(queued.EtaSeconds).toBeLessThanOrEqual(30 * 60);
    expect(queued.Status).toBe('Assigned');
    const stored = await getRide(queued.RideId);
    // It starts exactly when Polaris's previous ride ends, at the drop-off point: no overlap, no gap.
    expect(stored?.BookedFrom).toBe(first.DropoffTime);
    expect(stored?.PickupTime).toBe(first.DropoffTime);
  });

  it('serves 200 riders in one city, 25 at a time, never booking a unicorn twice at once', async () => {
    // The city's herd (about 100 unicorns) is this test's alone; no unicorn from elsewhere is within reach.
    // Twenty-five requests in flight at once, all for the same herd: every booking races others for its
    // unicorn. (Once the herd is busy, each request reads it at every level of the search: on two
    // shared cores DynamoDB Local answers 25 such requests within the functions' timeout, not 200.)
    const city = fleetCity(BURST_CITY);
    const herd = new Set(city.unicorns.map((u) => u.Name));
    const burst = await riderTokens(200, 'burst');
    const pickups = pickupsAround(city.centre, burst.length, 10);
    const before = await countRides();
    // Each rider retries (same Idempotency-Key) an answer meant to be retried at once, as a client would.
    const keys = burst.map(() => randomUUID());
    const answers = await runPool(burst.length, 25, (i) =>
      postRideSettled({ PickupLocation: pickups[i] }, burst[i]!.idToken, { key: keys[i], timeoutMs: 60_000 }),
    );
    const booked = answers.filter((a) => a.status === 201).map(ride);
    const refused = answers.filter((a) => a.status !== 201);
    const perUnicorn = new Map<string, number>();
    for (const r of booked) perUnicorn.set(r.UnicornName, (perUnicorn.get(r.UnicornName) ?? 0) + 1);
    const reasons = new Map<string, number>();
    for (const a of refused) {
      const reason = `${a.status} ${(a.json as { message?: string }).message}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    console.log(
      `dispatch burst: ${burst.length} riders, ${booked.length} booked on ${perUnicorn.size} of ${herd.size} unicorns, ${answers.filter((a) => a.tries > 1).length} retried, refused: ${JSON.stringify(Object.fromEntries(reasons))}`,
    );

    // Every answer is a booking, or a clean refusal: no unicorn within 30 minutes, try later.
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(answer.json).toMatchObject({ message: expect.stringMatching(/^No unicorn is free near this pickup within 30 minutes/) });
    }
    expect(booked.map((r) => r.Rider)).toEqual(burst.filter((_, i) => answers[i]!.status === 201).map((r) => r.username));
    expect(booked.every((r) => herd.has(r.UnicornName) && r.EtaSeconds <= 30 * 60)).toBe(true);
    // Refusing anyone means the whole herd was already on its way: every unicorn got a ride first.
    if (refused.length > 0) expect(perUnicorn.size).toBe(herd.size);
    // More riders than unicorns: rides were queued on unicorns already booked.
    expect(booked.length).toBeGreaterThan(herd.size);
    expect([...perUnicorn.values()].some((n) => n > 1)).toBe(true);

    // Every 201 stored exactly once, nothing stored for a refusal.
    expect(new Set(booked.map((r) => r.RideId)).size).toBe(booked.length);
    expect(await countRides()).toBe(before + booked.length);
    const stored = await Promise.all(booked.map((r) => getRide(r.RideId)));
    expect(stored.filter((item) => item === undefined)).toHaveLength(0);
    // Each rider's key claims exactly the ride that rider was told of (retried or not); a refusal claims nothing.
    const claimed = await runPool(burst.length, 20, (i) => claimedRideId(burst[i]!.username, keys[i]!));
    expect(claimed).toEqual(answers.map((a) => (a.status === 201 ? ride(a).RideId : undefined)));
    // Per unicorn, its bookings (stored, every test's so far) follow one another without overlap.
    const cityRides = (await allRides()).filter((r) => herd.has(r.UnicornName as string));
    expect(cityRides.length).toBeGreaterThanOrEqual(booked.length);
    expect(overlappingBookings(cityRides)).toEqual([]);
  }, 240_000);
});
