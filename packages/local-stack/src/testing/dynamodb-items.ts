/** What the stack's DynamoDB Local holds, read (consistently) and seeded directly: tests check what the API wrote. */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand as ScanItemsCommand } from '@aws-sdk/lib-dynamodb';
import { type FleetSeed, type FleetUnicorn, scopeIdempotencyKey } from '@wildrydes/rides';
import { seedFleet } from '../bootstrap';
import { config, credentials, localClients, readStack } from './stack-access';

/** A ride item as stored in DynamoDB Local. */
export async function getRide(rideId: string): Promise<Record<string, unknown> | undefined> {
  const { ddb } = await localClients();
  const { dynamodb } = await readStack();
  const { Item } = await ddb.send(new GetCommand({ TableName: dynamodb.ridesTable, Key: { RideId: rideId }, ConsistentRead: true }));
  return Item;
}

/** The ride a rider's Idempotency-Key is claimed for (written with the ride, in one transaction), if any. */
export async function claimedRideId(rider: string, key: string): Promise<string | undefined> {
  const { ddb } = await localClients();
  const { Item } = await ddb.send(
    new GetCommand({ TableName: config.idempotencyTable, Key: { Key: scopeIdempotencyKey(rider, key) }, ConsistentRead: true }),
  );
  return (Item?.Response as { RideId?: string } | undefined)?.RideId;
}

/** A unicorn of the fleet as stored in DynamoDB Local: where it is free next, from when, and its index keys. */
interface StoredUnicorn extends FleetUnicorn {
  Region: string;
  Geohash: string;
}

/** A unicorn item as stored in DynamoDB Local (read consistently). */
export async function getUnicorn(name: string): Promise<StoredUnicorn | undefined> {
  const { ddb } = await localClients();
  const { Item } = await ddb.send(new GetCommand({ TableName: config.unicornsTable, Key: { Name: name }, ConsistentRead: true }));
  return Item as StoredUnicorn | undefined;
}

/** A rider's record in the riders table (their active ride and until when), if they ever booked. */
export async function getRiderRecord(username: string): Promise<Record<string, unknown> | undefined> {
  const { ddb } = await localClients();
  const { Item } = await ddb.send(new GetCommand({ TableName: config.ridersTable, Key: { User: username }, ConsistentRead: true }));
  return Item;
}

/** Where the stack's DynamoDB Local listens and what its tables are called, for tests that drive the stores directly. */
export async function localDynamoDb(): Promise<{
  region: string;
  endpoint: string;
  tables: { rides: string; idempotency: string; unicorns: string; riders: string };
}> {
  const { dynamodb } = await readStack();
  return {
    region: dynamodb.region,
    endpoint: dynamodb.endpoint,
    tables: { rides: config.ridesTable, idempotency: config.idempotencyTable, unicorns: config.unicornsTable, riders: config.ridersTable },
  };
}

/** How many rides the table holds: tests compare it before and after to prove nothing was written. */
export async function countRides(): Promise<number> {
  const { ddb } = await localClients();
  const { dynamodb } = await readStack();
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new ScanCommand({ TableName: dynamodb.ridesTable, Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: start as never }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Adds unicorns to the local fleet (free, at the given homes), for dispatch tests in places no one else rides. */
export async function addUnicorns(seeds: readonly FleetSeed[]): Promise<void> {
  const stack = await readStack();
  const client = new DynamoDBClient({ region: stack.dynamodb.region, endpoint: stack.dynamodb.endpoint, credentials });
  try {
    await seedFleet(client, config.unicornsTable, seeds);
  } finally {
    client.destroy();
  }
}

/** Every ride in the table (a Scan: tests only). */
export async function allRides(): Promise<Record<string, unknown>[]> {
  const { ddb } = await localClients();
  const { dynamodb } = await readStack();
  const rides: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanItemsCommand({ TableName: dynamodb.ridesTable, ConsistentRead: true, ExclusiveStartKey: start }));
    rides.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return rides;
}
