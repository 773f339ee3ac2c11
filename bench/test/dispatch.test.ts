import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { distanceKm, SEED_FLEET } from '../../packages/rides/src/index';
import { type ScanDeps, type ScanUnicorn, scanRequestRide } from '../baselines/scan-dispatch/index';
import { batchPut, countCapacity, dispatchPickup, ridesFor, scanRidesIn, sizeOrder, tallySince } from '../src/dispatch';

interface Sent {
  target: string;
  body: Record<string, unknown>;
}

/** A document client whose every call is answered by `answer` (by operation), on no network at all. */
function stubClient(answer: (operation: string, body: Record<string, unknown>) => unknown) {
  const sent: Sent[] = [];
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'stub', secretAccessKey: 'stub' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body: string | Uint8Array }) => {
        const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        const body = JSON.parse(text) as Record<string, unknown>;
        const operation = (request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        sent.push({ target: operation, body });
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(JSON.stringify(answer(operation, body)))]),
          },
        };
      },
    } as never,
  });
  return { client: DynamoDBDocumentClient.from(client), sent };
}

describe('the dispatch stage', () => {
  it('rotates the order of the sizes round by round, so no size always rides first or last', () => {
    const rounds = Array.from({ length: 8 }, (_, r) => sizeOrder([38, 1_000, 10_000, 100_000], r));
    for (const fleet of [38, 1_000, 10_000, 100_000]) {
      expect(rounds.filter((order) => order[0] === fleet)).toHaveLength(2);
      expect(rounds.filter((order) => order[3] === fleet)).toHaveLength(2);
    }
  });

  it('asks from within 2 km of a home of the default fleet, the same pickups at every run', () => {
    for (let i = 0; i < 200; i++) {
      const pickup = dispatchPickup(i);
      expect(pickup).toEqual(dispatchPickup(i));
      expect(Math.min(...SEED_FLEET.map((u) => distanceKm(u.Home, pickup)))).toBeLessThanOrEqual(2.01);
    }
    expect(new Set(Array.from({ length: 200 }, (_, i) => JSON.stringify(dispatchPickup(i)))).size).toBe(200);
  });

  it('gives the Scan baseline only a few rides where each reads a big table, spread over the rounds', () => {
    expect(ridesFor(38, false)).toEqual({ geo: 300, scan: 300 });
    expect(ridesFor(100_000, false)).toEqual({ geo: 300, scan: 3 });
    expect(ridesFor(1_000, true)).toEqual({ geo: 50, scan: 10 });
    const roundsWithScan = (rounds: number, scan: number) =>
      Array.from({ length: rounds }, (_, r) => r).filter((r) => scanRidesIn(r, rounds, scan));
    expect(roundsWithScan(300, 3)).toEqual([0, 100, 200]);
    expect(roundsWithScan(300, 300)).toHaveLength(300);
    expect(roundsWithScan(300, 50)).toHaveLength(50);
    expect(roundsWithScan(50, 10)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45]);
  });
});

describe('consumed capacity, counted in the bench', () => {
  it('asks every call for ReturnConsumedCapacity TOTAL and sums reads, writes and items per kind', async () => {
    const { client, sent } = stubClient((operation, body) => {
      if (operation === 'Query') {
        return body.KeyConditionExpression === 'empty'
          ? { Count: 0, Items: [], ConsumedCapacity: { CapacityUnits: 0 } }
          : {
              Count: 3,
              Items: [{ Name: { S: 'a' } }, { Name: { S: 'b' } }, { Name: { S: 'c' } }],
              ConsumedCapacity: { CapacityUnits: 1.5 },
            };
      }
      if (operation === 'GetItem') return { Item: { User: { S: 'r' } }, ConsumedCapacity: { CapacityUnits: 1 } };
      if (operation === 'TransactWriteItems') return { ConsumedCapacity: [{ CapacityUnits: 4 }, { CapacityUnits: 2 }] };
      throw new Error(`unexpected ${operation}`);
    });
    const tally = countCapacity(client);
    await client.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'empty' }));
    await client.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'full' }));
    await client.send(new GetCommand({ TableName: 'r', Key: { User: 'r' }, ConsistentRead: true }));
    await client.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'x', Item: { K: '1' } } }] }));
    expect(sent.map((s) => [s.target, s.body.ReturnConsumedCapacity])).toEqual([
      ['Query', 'TOTAL'],
      ['Query', 'TOTAL'],
      ['GetItem', 'TOTAL'],
      ['TransactWriteItems', 'TOTAL'],
    ]);
    // The empty Query: 0 as reported, 0.5 at DynamoDB's minimum; the consistent Get: 1 either way.
    const { byCommand, ...units } = tally;
    expect(units).toEqual({ reads: 2.5, readsAtMinimum: 3, writes: 6, itemsRead: 4, requests: 4 });
    expect(Object.fromEntries(Object.entries(byCommand).map(([command, t]) => [command, t.calls]))).toEqual({
      QueryCommand: 2,
      GetItemCommand: 1,
      TransactWriteItemsCommand: 1,
    });
    // What one ride added: only its own calls.
    const before = { ...tally, byCommand: Object.fromEntries(Object.entries(byCommand).map(([k, v]) => [k, { ...v }])) };
    await client.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'full' }));
    const ride = tallySince(before, tally);
    expect(ride).toMatchObject({ reads: 1.5, readsAtMinimum: 1.5, writes: 0, itemsRead: 3, requests: 1 });
    expect(Object.keys(ride.byCommand)).toEqual(['QueryCommand']);
    expect(ride.byCommand.QueryCommand?.calls).toBe(1);
  });
});

describe('seeding', () => {
  it('writes every item once, 25 a request, retrying what DynamoDB left unprocessed', async () => {
    let first = true;
    const { client, sent } = stubClient((operation, body) => {
      expect(operation).toBe('BatchWriteItem');
      const requests = (body.RequestItems as Record<string, unknown[]>).fleet ?? [];
      if (first) {
        first = false;
        return { UnprocessedItems: { fleet: requests.slice(0, 2) } };
      }
      return { UnprocessedItems: {} };
    });
    const items = Array.from({ length: 60 }, (_, i) => ({ Name: `u${i}` }));
    const progress: number[] = [];
    await batchPut(client, 'fleet', items, 2, (written) => progress.push(written));
    const names = sent.flatMap((s) =>
      ((s.body.RequestItems as Record<string, { PutRequest: { Item: { Name: { S: string } } } }[]>).fleet ?? []).map(
        (r) => r.PutRequest.Item.Name.S,
      ),
    );
    expect(sent.map((s) => (s.body.RequestItems as Record<string, unknown[]>).fleet?.length).sort()).toEqual([10, 2, 25, 25]);
    expect(new Set(names).size).toBe(60);
    expect(names).toHaveLength(62);
    expect(progress.at(-1)).toBe(60);
  });
});

describe('the Scan baseline', () => {
  const home = { Latitude: 47.6062, Longitude: -122.3321 };
  const fleet: ScanUnicorn[] = [
    { Name: 'far', Color: 'Rose', Gender: 'Female', Home: { Latitude: 47.7, Longitude: -122.3321 }, BusyUntil: 0 },
    { Name: 'near-busy', Color: 'Rose', Gender: 'Male', Home: home, BusyUntil: Date.parse('2026-12-01T12:30:00Z') },
    { Name: 'near', Color: 'Onyx', Gender: 'Male', Home: { Latitude: 47.61, Longitude: -122.3321 }, BusyUntil: 0 },
  ];

  function deps(transactions: ('ok' | 'taken')[]) {
    const calls: unknown[] = [];
    const client = {
      send: async (command: unknown) => {
        calls.push(command);
        if (command instanceof ScanCommand) return { Items: fleet };
        if (command instanceof TransactWriteCommand) {
          if (transactions.shift() === 'taken') {
            throw Object.assign(new Error('cancelled'), {
              name: 'TransactionCanceledException',
              CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
            });
          }
          return {};
        }
        throw new Error('unexpected command');
      },
    };
    const d: ScanDeps = {
      client: client as unknown as ScanDeps['client'],
      tables: { rides: 'rides', unicorns: 'unicorns' },
      newRideId: () => 'ride-1',
      now: () => new Date('2026-12-01T12:00:00Z'),
      random: () => 0,
    };
    return { d, calls };
  }

  it('reads the whole table with a consistent Scan and books the nearest free unicorn', async () => {
    const { d, calls } = deps(['ok']);
    const { response, attempts } = await scanRequestRide('rider', home, d);
    expect(response).toMatchObject({ RideId: 'ride-1', UnicornName: 'near', Rider: 'rider', Eta: '13 seconds' });
    expect(attempts).toBe(1);
    expect((calls[0] as ScanCommand).input).toMatchObject({ TableName: 'unicorns', ConsistentRead: true });
    const update = (calls[1] as TransactWriteCommand).input.TransactItems?.[0]?.Update;
    expect(update?.ExpressionAttributeValues?.[':seen']).toBe(0);
  });

  it('reads the fleet again after a lost race and tries one of the best few', async () => {
    const { d, calls } = deps(['taken', 'ok']);
    const { attempts } = await scanRequestRide('rider', home, d);
    expect(attempts).toBe(2);
    expect(calls.filter((c) => c instanceof ScanCommand)).toHaveLength(2);
  });
});
