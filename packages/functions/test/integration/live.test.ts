/**
 * The live rides WebSocket API on the local stack, over real sockets: serverless-offline runs the
 * WebSocket API and its authorizer; the local stack delivers DynamoDB Local's stream records to
 * the same notifier function Lambda would run. Pushes start from the data, not from the request.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RideResponse } from '@wildrydes/contract';
import { readStackConfig } from '@wildrydes/local-stack';
import {
  cancelRide,
  demoRider,
  fleetCity,
  localDynamoDb,
  type MintedRider,
  mintToken,
  pickupsAround,
  postRide,
  riderToken,
  riderTokens,
  runPool,
  signIn,
} from '@wildrydes/local-stack/testing';
import { CONNECTION_RIDER_INDEX } from '@wildrydes/rides';
import { afterEach, describe, expect, it } from 'vitest';
import { handshakeStatus, type LiveSocket, openLive } from './support/live-socket';

/** The promise: a rider's sockets hear of a booking or a cancel within 2 s of its answer. */
const PUSH_WITHIN_MS = 2000;
const opened: LiveSocket[] = [];
const open = async (token: string | undefined) => {
  const socket = await openLive(token);
  opened.push(socket);
  return socket;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((socket) => socket.close()));
});

const city = fleetCity('London');
const book = async (rider: MintedRider, pickup = pickupsAround(city.centre, 1, 3)[0]!) => {
  const answer = await postRide({ PickupLocation: pickup }, { Authorization: rider.idToken });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json as RideResponse;
};

describe('$connect refuses every token the REST routes refuse', () => {
  it('opens for a valid ID token', async () => {
    expect(await handshakeStatus((await riderToken('live')).idToken)).toBe('open');
  });

  it('refuses no token, garbage, a flipped signature, an access token, an expired or a foreign-audience token', async () => {
    const valid = (await riderToken('live')).idToken;
    const [head, body, signature] = valid.split('.');
    const tokens: Record<string, string | undefined> = {
      none: undefined,
      garbage: 'not-a-token',
      'flipped signature': `${head}.${body}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`,
      'access token': (await signIn(demoRider.email, demoRider.password)).accessToken,
      expired: await mintToken({ exp: Math.floor(Date.now() / 1000) - 60 }),
      'foreign audience': await mintToken({ aud: 'another-app-client' }),
    };
    // The authorizer denies: 403 from API Gateway and serverless-offline alike (authorizer/app.ts).
    for (const [name, token] of Object.entries(tokens)) {
      expect(await handshakeStatus(token), name).toBe(403);
    }
  });
});

describe('pushes to the rider', () => {
  it('tells every socket of the rider of the booking and of the cancel within 2 s, and another rider nothing', async () => {
    const rider = await riderToken('live');
    const stranger = await riderToken('live');
    const [tab, phone, theirs] = await Promise.all([open(rider.idToken), open(rider.idToken), open(stranger.idToken)]);

    const ride = await book(rider);
    for (const socket of [tab, phone]) {
      const booked = await socket.next((m) => m.type === 'ride' && m.RideId === ride.RideId, PUSH_WITHIN_MS);
      expect(booked).toMatchObject({ type: 'ride', version: 1, Change: 'booked', Status: 'Assigned', RideId: ride.RideId });
      expect(booked.type === 'ride' && booked.Path).toEqual({
        From: ride.UnicornPosition,
        To: expect.objectContaining({}),
        Departs: expect.any(String),
        Arrives: ride.PickupTime,
      });
    }

    expect((await cancelRide(ride.RideId, rider.idToken)).status).toBe(200);
    for (const socket of [tab, phone]) {
      const cancelled = await socket.next((m) => m.type === 'ride' && m.Change === 'cancelled', PUSH_WITHIN_MS);
      expect(cancelled).toMatchObject({ RideId: ride.RideId, Status: 'Cancelled' });
    }
    // The stranger's socket was open all along, through the same notifier batches.
    expect(theirs.messages.filter((m) => m.type === 'ride')).toEqual([]);
  });

  it('holds 100 sockets while rides are booked: none dropped, each hears its own rider’s ride only', async () => {
    const riders = await riderTokens(20, 'live-many');
    const sockets = await runPool(100, 10, (i) => open(riders[i % 20]!.idToken));
    const rides = await runPool(20, 5, (i) => book(riders[i]!, pickupsAround(city.centre, 20, 8)[i]));
    await runPool(100, 100, async (i) => {
      const ride = rides[i % 20]!;
      await sockets[i]!.next((m) => m.type === 'ride' && m.RideId === ride.RideId, 15_000);
    });
    for (const [i, socket] of sockets.entries()) {
      expect(socket.closed, `socket ${i}`).toBe(false);
      const rideIds = socket.messages.flatMap((m) => (m.type === 'ride' ? [m.RideId] : []));
      expect(new Set(rideIds), `socket ${i}`).toEqual(new Set([rides[i % 20]!.RideId]));
    }
  });
});

describe('watchers of an area', () => {
  it('are sent the free unicorns in view, then see one become booked', async () => {
    const [pickup] = pickupsAround(city.centre, 1, 2);
    const area = {
      South: pickup!.Latitude - 0.05,
      West: pickup!.Longitude - 0.08,
      North: pickup!.Latitude + 0.05,
      East: pickup!.Longitude + 0.08,
    };
    const watcher = await open((await riderToken('watcher')).idToken);
    watcher.send({ action: 'watch', Area: area });
    const snapshot = await watcher.next((m) => m.type === 'unicorns', 10_000);
    expect(snapshot.type === 'unicorns' && snapshot.Unicorns.length).toBeGreaterThan(0);

    const ride = await book(await riderToken('live'), pickup);
    const moved = await watcher.next((m) => m.type === 'unicorn' && m.Unicorn.Name === ride.UnicornName, PUSH_WITHIN_MS * 2);
    expect(moved.type === 'unicorn' && Date.parse(moved.Unicorn.FreeFrom)).toBeGreaterThan(Date.now());
  });

  it('are told what is wrong with a bad watch, and stay connected', async () => {
    const watcher = await open((await riderToken('watcher')).idToken);
    watcher.send({ action: 'watch', Area: { South: -60, West: -170, North: 70, East: 170 } });
    const error = await watcher.next((m) => m.type === 'error', 10_000);
    expect(error.type === 'error' && error.message).toMatch(/zoom in/);
    watcher.send({ action: 'watch', Area: { South: 'north' } });
    await watcher.next((m) => m.type === 'error' && /South/.test(m.message), 10_000);
    expect(watcher.closed).toBe(false);
  });
});

describe('gone connections', () => {
  /** The connections table, as the functions see it, through DynamoDB Local. */
  async function connectionsTable() {
    const { endpoint, region } = await localDynamoDb();
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    const TableName = readStackConfig().connectionsTable;
    const ofRider = async (rider: string) =>
      (
        await ddb.send(
          new QueryCommand({
            TableName,
            IndexName: CONNECTION_RIDER_INDEX.IndexName,
            KeyConditionExpression: '#user = :user',
            ExpressionAttributeNames: { '#user': 'User' },
            ExpressionAttributeValues: { ':user': rider },
          }),
        )
      ).Items ?? [];
    return { ddb, TableName, ofRider };
  }

  /** Polls (100 ms apart, at most `tries`) until `done` holds; resolves whether it did. */
  async function eventually(done: () => Promise<boolean>, tries = 50): Promise<boolean> {
    for (let i = 0; i < tries; i++) {
      if (await done()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return done();
  }

  it('are forgotten when API Gateway answers 410 (their $disconnect never came)', async () => {
    const { ddb, TableName, ofRider } = await connectionsTable();
    try {
      const rider = await riderToken('live');
      const live = await open(rider.idToken);
      const ConnectionId = `gone-${Date.now()}`;
      await ddb.send(
        new PutCommand({
          TableName,
          Item: { ConnectionId, User: rider.username, ExpiresAt: Math.floor(Date.now() / 1000) + 600, WatchCells: [] },
        }),
      );
      expect(await ofRider(rider.username)).toHaveLength(2);

      const ride = await book(rider);
      await live.next((m) => m.type === 'ride' && m.RideId === ride.RideId, PUSH_WITHIN_MS);
      expect(await eventually(async () => (await ofRider(rider.username)).every((item) => item.ConnectionId !== ConnectionId))).toBe(true);
      expect(await ofRider(rider.username)).toHaveLength(1);
    } finally {
      ddb.destroy();
    }
  });

  it('closed abruptly by the client are forgotten ($disconnect)', async () => {
    const { ddb, ofRider } = await connectionsTable();
    try {
      const rider = await riderToken('live');
      const live = await openLive(rider.idToken);
      expect(await ofRider(rider.username)).toHaveLength(1);
      live.socket.terminate();
      expect(await eventually(async () => (await ofRider(rider.username)).length === 0)).toBe(true);
    } finally {
      ddb.destroy();
    }
  });
});
