import { parseRideRequest } from '@wildrydes/contract';
import { countRides, postRide, riderToken, sharedCities } from '@wildrydes/local-stack/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_ANSWERS } from '../../src/http/error-answers';

const RUNS = 1000;

/** Bodies that are near the contract (most bugs hide there), plain JSON of any shape, and raw text. */
const coordinate = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.constantFrom(-180, -90, 0, 90, 180, -180.0001, 90.0001, 1e308, -0),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const nearLocation = fc.oneof(fc.record({ Latitude: coordinate, Longitude: coordinate }, { requiredKeys: [] }), fc.jsonValue());
const nearValid = fc
  .record({ PickupLocation: nearLocation, DropoffLocation: nearLocation }, { requiredKeys: [] })
  .map((value) => JSON.stringify(value));
// Valid requests at the edges of the map (poles, the antimeridian, -0, denormals), with or without
// a drop-off, with extra keys the contract ignores: these go through dispatch's search (mostly
// out of reach of the fleet: a 503, nothing booked) and, where a unicorn is near, the booking.
const edgeOr = (min: number, max: number) =>
  fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max, 0, -0, 5e-324, -5e-324));
const edgeLocation = fc.record({ Latitude: edgeOr(-90, 90), Longitude: edgeOr(-180, 180) });
const extraKeys = fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), {
  nil: undefined,
});
const valid = fc
  .record({ PickupLocation: edgeLocation, DropoffLocation: fc.option(edgeLocation, { nil: undefined }), extra: extraKeys })
  .map(({ PickupLocation, DropoffLocation, extra }) => JSON.stringify({ ...extra, PickupLocation, DropoffLocation }));
// Valid requests where the fleet is (within ~11 km of a city's centre), with or without a drop-off
// nearby: these are booked, exercising the booking transaction with arbitrary coordinates.
const nearby = (centre: { Latitude: number; Longitude: number }) =>
  fc.record({
    Latitude: fc.double({ min: centre.Latitude - 0.1, max: centre.Latitude + 0.1, noNaN: true }),
    Longitude: fc.double({ min: centre.Longitude - 0.1, max: centre.Longitude + 0.1, noNaN: true }),
  });
const served = fc
  .constantFrom(...sharedCities().map((city) => city.centre))
  .chain((centre) =>
    fc.record({ PickupLocation: nearby(centre), DropoffLocation: fc.option(nearby(centre), { nil: undefined }), extra: extraKeys }),
  )
  .map(({ PickupLocation, DropoffLocation, extra }) => JSON.stringify({ ...extra, PickupLocation, DropoffLocation }));
const anyJson = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null');
const rawText = fc.string({ unit: 'binary', maxLength: 200 });
// serverless-offline itself stops answering JSON nested deeper than ~2,500 levels (API Gateway passes
// the body on as text); the handler's own unit test covers 8,000, the most that fits under the 16 kB limit.
const deep = fc.integer({ min: 100, max: 2000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
/** How often each kind of body is drawn, out of their sum (17): docs/security.md quotes these shares. */
const WEIGHTS = { valid: 2, served: 3, nearValid: 6, anyJson: 3, rawText: 2, deep: 1 } as const;
const TOTAL_WEIGHT = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
const body = fc.oneof(
  { weight: WEIGHTS.valid, arbitrary: valid },
  { weight: WEIGHTS.served, arbitrary: served },
  { weight: WEIGHTS.nearValid, arbitrary: nearValid },
  { weight: WEIGHTS.anyJson, arbitrary: anyJson },
  { weight: WEIGHTS.rawText, arbitrary: rawText },
  { weight: WEIGHTS.deep, arbitrary: deep },
);

describe(`fuzzing POST /ride with ${RUNS} generated bodies`, () => {
  it('answers every body the contract accepts with 201 or a 503 "no unicorn within reach", every other with a 4xx JSON message; writes only on 201', async () => {
    const before = await countRides();
    let created = 0;
    let outOfReach = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        // A rider of its own for every body: one active ride per rider.
        const { idToken } = await riderToken('fuzz');
        const { status, json, headers } = await postRide(text, { Authorization: idToken });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const parsed = parseRideRequest(text);
        if (parsed.ok) {
          if (status === 201) {
            created++;
            expect(json).toMatchObject({ RideId: expect.any(String), Eta: expect.any(String), Unicorn: { Name: expect.any(String) } });
            return;
          }
          // Nowhere near the fleet: refused with a reason and a time to retry, nothing booked.
          outOfReach++;
          expect(status).toBe(503);
          expect(headers.get('retry-after')).toMatch(/^\d+$/);
          expect(json).toMatchObject({ message: expect.stringMatching(/^No unicorn is free near this pickup/) });
          return;
        }
        expect(status).toBe(ERROR_ANSWERS[parsed.code].status);
        expect(json).toEqual({ message: expect.any(String) });
      }),
      { numRuns: RUNS },
    );
    console.log(
      `fuzz: ${RUNS} bodies (${WEIGHTS.served} in ${TOTAL_WEIGHT} drawn as pickups where the fleet is), ` +
        `${created} booked, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(await countRides()).toBe(before + created);
    // 3 in 17 of the bodies (about 18%) are drawn as valid pickups where the fleet is: more than a
    // tenth must book, so the booking path is exercised, not only the refusals.
    expect(WEIGHTS.served / TOTAL_WEIGHT).toBeGreaterThan(1 / 10);
    expect(created).toBeGreaterThan(RUNS / 10);
    expect(outOfReach).toBeGreaterThan(0);
  }, 300_000);
});
