import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand as ScanItems } from '@aws-sdk/lib-dynamodb';
import { RideResponse } from '@wildrydes/contract';
import {
  apiInvocationsSince,
  apiLogOffset,
  fleetCity,
  invokeFunction,
  localDynamoDb,
  mintToken,
  pickupsAround,
  postRide,
  riderToken,
} from '@wildrydes/local-stack/testing';
import { describe, expect, it } from 'vitest';

/**
 * The metrics a deployed stage would turn into CloudWatch metrics are in the local API's log, in
 * the same embedded metric format (EMF), each line carrying its request id: a booking's, and a
 * refused request's.
 */
const pickups = () => pickupsAround(fleetCity('Singapore').centre, 2, 8);

describe('metrics in the local API log', () => {
  it('a booking writes RidesBooked, its attempts, its ETA and how far the unicorn came', async () => {
    const rider = await riderToken('metrics');
    const [pickup] = pickups();
    const offset = await apiLogOffset();
    const answer = await postRide({ PickupLocation: pickup }, { Authorization: rider.idToken });
    expect(answer.status).toBe(201);
    const ride = RideResponse.parse(answer.json);

    const { invocations } = await apiInvocationsSince(offset, 1);
    expect(invocations).toHaveLength(1);
    const { metrics } = invocations[0]!;
    expect(metrics).toEqual({
      RidesBooked: 1,
      BookingAttempts: expect.any(Number),
      DispatchEtaSeconds: ride.EtaSeconds,
      DispatchDistanceKm: expect.any(Number),
    });
    expect(metrics.BookingAttempts).toBeGreaterThanOrEqual(1);
    expect(metrics.DispatchDistanceKm).toBeLessThan(30);
  });

  it('refusals write their own: fair use, and an expired token by its reason', async () => {
    const rider = await riderToken('metrics-refused');
    const [first, second] = pickups();
    expect((await postRide({ PickupLocation: first }, { Authorization: rider.idToken })).status).toBe(201);
    const offset = await apiLogOffset();
    expect((await postRide({ PickupLocation: second }, { Authorization: rider.idToken })).status).toBe(409);
    const expired = await mintToken({ exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await postRide({ PickupLocation: second }, { Authorization: expired })).status).toBe(401);

    const { invocations } = await apiInvocationsSince(offset, 2);
    expect(invocations.map((i) => i.metrics)).toEqual([
      { RidesRefusedFairUse: 1 },
      { TokensRefused: 1, 'TokensRefused{Reason=expired}': 1 },
    ]);
  });

  it('the fleet census counts free and busy unicorns as the table holds them, and writes them', async () => {
    const { region, endpoint, tables } = await localDynamoDb();
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    // One booking at least, so some unicorn is busy.
    const rider = await riderToken('census');
    expect((await postRide({ PickupLocation: pickups()[0] }, { Authorization: rider.idToken })).status).toBe(201);
    const offset = await apiLogOffset();
    const before = Date.now();
    const counted = (await invokeFunction('FleetCensus')) as { free: number; busy: number };
    const after = Date.now();

    let total = 0;
    let busyBefore = 0;
    let busyAfter = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanItems({ TableName: tables.unicorns, ProjectionExpression: 'BusyUntil', ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        total++;
        if (Number(item.BusyUntil) > before) busyBefore++;
        if (Number(item.BusyUntil) > after) busyAfter++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    expect(counted.free + counted.busy).toBe(total);
    // Rides of other tests may end while it counts: between the two counts, inclusive.
    expect(counted.busy).toBeGreaterThanOrEqual(busyAfter);
    expect(counted.busy).toBeLessThanOrEqual(busyBefore);
    expect(counted.busy).toBeGreaterThan(0);

    const { invocations } = await apiInvocationsSince(offset, 1, { fn: 'FleetCensus' });
    expect(invocations[0]?.metrics).toEqual({ UnicornsFree: counted.free, UnicornsBusy: counted.busy });
  });
});
