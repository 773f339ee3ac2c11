import { randomBytes, randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fleetCity, localDynamoDb, pickupsAround } from '@wildrydes/local-stack/testing';
import {
  ActiveRide,
  CELL_INDEX,
  cancelRide,
  type Deadline,
  listRides,
  NoUnicornNearby,
  newRideId,
  type RequestRideDeps,
  RIDER_INDEX,
  requestRide,
  searchLevels,
} from '@wildrydes/rides';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCursorCodec } from '../../src/store/cursor';
import { createDocumentClient, dynamodbCallMaxMs } from '../../src/store/dynamodb-client';
import { createDynamoDbRideHistory } from '../../src/store/dynamodb-ride-history';
import { createDynamoDbRideStore } from '../../src/store/dynamodb-ride-store';

/**
 * The request paths never Scan, proven on the wire: the handlers' own stores, built on the same
 * client factory as the functions, run the use cases against the local stack's DynamoDB Local (and
 * its 2,000-unicorn fleet) while a middleware records every operation sent, with its table and index.
 * (The template tests prove the roles allow no Scan; this proves the code never tries one.)
 */
interface Operation {
  operation: string;
  table?: string;
  index?: string;
}
/** What the current test sent; `sent` keeps everything the file sent. */
let operations: Operation[] = [];
const sent: Operation[] = [];
let client: DynamoDBDocumentClient;
let rides: RequestRideDeps;
let history: ReturnType<typeof createDynamoDbRideHistory>;
let store: ReturnType<typeof createDynamoDbRideStore>;
let tables: Awaited<ReturnType<typeof localDynamoDb>>['tables'];

/** Each DynamoDB try's timeout here: generous, not serverless.yml's `dynamodbTimeoutMs` (this file counts operations, not time). */
const CALL_TIMEOUT_MS = 10_000;
/**
 * A deadline that never comes: this file counts operations, not time, so every use case gets time
 * for all its attempts (the deadline's own rules are the unit tests' and slow-database.test.ts's).
 */
const ampleDeadline = (storeCallMaxMs: number): Deadline => ({
  remainingMs: () => 100 * storeCallMaxMs,
  signal: new AbortController().signal,
});

const names = (ops: Operation[]) => [...new Set(ops.map((o) => o.operation))].sort();
const count = (ops: Operation[], operation: string) => ops.filter((o) => o.operation === operation).length;

beforeAll(async () => {
  const local = await localDynamoDb();
  tables = local.tables;
  client = createDocumentClient(local.region, local.endpoint, CALL_TIMEOUT_MS);
  // On the wire, after serialization: the operation is the X-Amz-Target header, table and index are in the body.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const target = request.headers?.['x-amz-target'];
      if (target) {
        const text = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : request.body;
        const body = typeof text === 'string' ? (JSON.parse(text) as { TableName?: string; IndexName?: string }) : {};
        const operation = {
          operation: target.replace(/^DynamoDB_\d+\./, ''),
          ...(body.TableName ? { table: body.TableName } : {}),
          ...(body.IndexName ? { index: body.IndexName } : {}),
        };
        operations.push(operation);
        sent.push(operation);
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordDynamoDbOperations' },
  );
  store = createDynamoDbRideStore(client, tables);
  // Listing needs a cursor key, as ListRides has: this file's own (it decodes no cursor).
  history = createDynamoDbRideHistory(client, tables.rides, createCursorCodec(randomBytes(32).toString('hex')));
  const storeCallMaxMs = dynamodbCallMaxMs(CALL_TIMEOUT_MS);
  rides = {
    store,
    newRideId,
    now: () => new Date(),
    random: Math.random,
    maxWaitMinutes: 30,
    deadline: ampleDeadline(storeCallMaxMs),
    storeCallMaxMs,
  };
});
afterAll(() => client?.destroy());
beforeEach(() => {
  operations = [];
});

describe('the request paths on DynamoDB: Query, GetItem and transactions, never a Scan', () => {
  const rider = `no-scan-${randomUUID()}`;
  const spots = pickupsAround(fleetCity('Mumbai').centre, 2, 8);
  const pickup = spots[0]!;
  const dropoff = spots[1]!;
  const key = randomUUID();
  let rideId: string;

  it('books a ride: the claim and the rider read by key, candidates by Queries of the cell index, one transaction', async () => {
    const result = await requestRide(rider, pickup, rides, key, dropoff);
    expect(result.replayed).toBe(false);
    rideId = result.response.RideId;
    expect(names(operations)).toEqual(['GetItem', 'Query', 'TransactWriteItems']);
    // Every Query goes to the unicorns' cell index, one per cell read (no page of a city's herd is left unread).
    const queries = operations.filter((o) => o.operation === 'Query');
    expect(queries.every((q) => q.table === tables.unicorns && q.index === CELL_INDEX.IndexName)).toBe(true);
    expect(queries.length).toBeGreaterThanOrEqual(result.cellsRead);
    expect(count(operations, 'TransactWriteItems')).toBe(result.attempts);
    expect(
      operations
        .filter((o) => o.operation === 'GetItem')
        .map((o) => o.table)
        .sort(),
    ).toEqual([tables.idempotency, tables.riders].sort());
  });

  it('answers a retry from its claim: GetItems only', async () => {
    const retry = await requestRide(rider, pickup, rides, key, dropoff);
    expect(retry.replayed).toBe(true);
    expect(retry.response.RideId).toBe(rideId);
    expect(names(operations)).toEqual(['GetItem']);
  });

  it('refuses a second ride of the rider from the rider’s record: GetItems only, nothing read of the fleet', async () => {
    await expect(requestRide(rider, dropoff, rides)).rejects.toBeInstanceOf(ActiveRide);
    expect(operations).toEqual([{ operation: 'GetItem', table: tables.riders }]);
  });

  it('searches ever wider for a pickup out of reach, by Query alone, and writes nothing', async () => {
    const nemo = { Latitude: -48.8767, Longitude: -123.3933 };
    await expect(requestRide(`no-scan-${randomUUID()}`, nemo, rides)).rejects.toBeInstanceOf(NoUnicornNearby);
    expect(names(operations)).toEqual(['GetItem', 'Query']);
    // Block by block outwards, and never more than the search's cells: reads are bounded, wherever the pickup.
    const levels = searchLevels(nemo);
    expect(count(operations, 'Query')).toBeGreaterThan(levels[0]!.cells.length);
    expect(count(operations, 'Query')).toBeLessThanOrEqual(levels.reduce((sum, level) => sum + level.cells.length, 0));
  });

  it('lists the rider’s rides by Query of the rider index, reads one by key, and cancels in a transaction', async () => {
    const page = await listRides(rider, { limit: 10 }, history, Date.now());
    expect(page.Rides.map((r) => r.RideId)).toEqual([rideId]);
    expect(operations).toEqual([{ operation: 'Query', table: tables.rides, index: RIDER_INDEX.IndexName }]);

    operations = [];
    const cancelled = await cancelRide(rider, rideId, { history, store, now: () => new Date() });
    expect(cancelled.Status).toBe('Cancelled');
    expect(names(operations)).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('sent nothing but GetItem, Query and TransactWriteItems in all (and the recorder does see a Scan)', async () => {
    expect(names(sent)).toEqual(['GetItem', 'Query', 'TransactWriteItems']);
    // The recorder's own check: a Scan through the same client is recorded as one.
    await client.send(new ScanCommand({ TableName: tables.unicorns, Limit: 1 }));
    expect(operations).toEqual([{ operation: 'Scan', table: tables.unicorns }]);
  });
});
