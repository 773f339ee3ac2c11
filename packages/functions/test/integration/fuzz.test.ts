import { countRides, demoRider, postRide, signIn } from '@wildrydes/local-stack/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

const RUNS = 1000;
let idToken: string;

beforeAll(async () => {
  idToken = (await signIn(demoRider.email, demoRider.password)).idToken;
});

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
const nearValid = fc
  .record(
    { PickupLocation: fc.oneof(fc.record({ Latitude: coordinate, Longitude: coordinate }, { requiredKeys: [] }), fc.jsonValue()) },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
// Valid requests at the edges of the map (poles, the antimeridian, -0, denormals) with extra keys
// the contract ignores: these go through dispatch and the booking transaction.
const edgeOr = (min: number, max: number) =>
  fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max, 0, -0, 5e-324, -5e-324));
const valid = fc
  .record({
    PickupLocation: fc.record({ Latitude: edgeOr(-90, 90), Longitude: edgeOr(-180, 180) }),
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined }),
  })
  .map(({ PickupLocation, extra }) => JSON.stringify({ ...extra, PickupLocation }));
const anyJson = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null');
const rawText = fc.string({ unit: 'binary', maxLength: 200 });
// serverless-offline itself stops answering JSON nested deeper than ~2,500 levels (API Gateway passes
// the body on as text); the handler's own unit test covers 8,000, the most that fits under the 16 kB limit.
const deep = fc.integer({ min: 100, max: 2000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const body = fc.oneof(
  { weight: 3, arbitrary: valid },
  { weight: 6, arbitrary: nearValid },
  { weight: 3, arbitrary: anyJson },
  { weight: 2, arbitrary: rawText },
  { weight: 1, arbitrary: deep },
);

describe(`fuzzing POST /ride with ${RUNS} generated bodies`, () => {
  it('answers every body with 201 or a 4xx JSON message — never a 5xx — and writes only on 201', async () => {
    const before = await countRides();
    let created = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const { status, json } = await postRide(text, { Authorization: idToken });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 201) {
          created++;
          expect(json).toMatchObject({ RideId: expect.any(String), Eta: expect.any(String), Unicorn: { Name: expect.any(String) } });
          return;
        }
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(json).toEqual({ message: expect.any(String) });
      }),
      { numRuns: RUNS },
    );
    console.log(`fuzz: ${RUNS} bodies, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(await countRides()).toBe(before + created);
    // A quarter of the bodies are valid: the booking path is exercised, not only the refusals.
    expect(created).toBeGreaterThan(RUNS / 10);
  }, 300_000);
});
