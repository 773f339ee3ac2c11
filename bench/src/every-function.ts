/**
 * A cold start of every function `sls package` ships, interleaved round by round with the SDK
 * floor: each packaged artefact imported in a fresh process and invoked once with the event its
 * trigger sends (API Gateway REST, the WebSocket API, a DynamoDB stream, the schedule), with the
 * environment serverless.yml gives it and the signing keys shipped as a deploy ships them.
 * What a round's events need (a ride to read or cancel, a live connection) is made before it starts.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { apiEvent, type ColdResult, coldStarts, type Implementation, rideEvent } from './lambda';
import type { BenchRider, Location } from './riders';

/** What a successful first invocation answers, by function (lambda-child.mjs's `status`). */
export const EXPECTED_OUTCOME: Record<string, string> = {
  RequestUnicorn: '201',
  ListRides: '200',
  GetRide: '200',
  CancelRide: '200',
  DeleteAccount: '200',
  FleetCensus: 'returned',
  OpenApi: '200',
  LiveAuthorizer: 'Allow',
  LiveConnect: '200',
  LiveDisconnect: '200',
  LiveWatch: '200',
  LiveNotifier: 'returned',
};

export interface FunctionColdStart {
  name: string;
  handlerBytes: number;
  memoryMb: number;
  expected: string;
  cold: ColdResult;
}

export interface EveryFunctionResult {
  rounds: number;
  floor: ColdResult;
  functions: FunctionColdStart[];
}

interface Tables {
  ridesTable: string;
  connectionsTable: string;
}

/** A round's prepared state: the rides and connections its events name. */
interface Round {
  reader: BenchRider;
  readRideId: string;
  /** The ride as DynamoDB stores it (DynamoDB JSON), as its stream record carries it. */
  readRideImage: Record<string, unknown>;
  canceller: BenchRider;
  cancelRideId: string;
  watchConnection: string;
  closingConnection: string;
}

export async function measureEveryFunction(options: {
  handlers: Record<string, string>;
  handlerBytes: Record<string, number>;
  memoryMb: Record<string, number>;
  floorFile: string;
  floorEvent: () => unknown;
  rounds: number;
  workDir: string;
  /** The provider's environment with the signing keys shipped; each function's own on top. */
  env: NodeJS.ProcessEnv;
  ownEnv: Record<string, Record<string, string>>;
  dynamodb: { endpoint: string; region: string };
  tables: Tables;
  origin: string;
  mint: (username: string) => BenchRider;
  pickupAt: (k: number) => Location;
  /** Books a ride through the local API (the rider's token, a pickup); resolves with its RideId. */
  book: (rider: BenchRider, pickup: Location) => Promise<string>;
  log: (line: string) => void;
}): Promise<EveryFunctionResult> {
  const missing = Object.keys(options.handlers).filter((name) => !EXPECTED_OUTCOME[name]);
  if (missing.length) throw new Error(`no event for ${missing.join(', ')}: add it to bench/src/every-function.ts`);
  const unpackaged = Object.entries(options.handlers).filter(([, file]) => !file);
  if (unpackaged.length) throw new Error(`sls package produced no handler for ${unpackaged.map(([name]) => name).join(', ')}`);
  const client = new DynamoDBClient({
    endpoint: options.dynamodb.endpoint,
    region: options.dynamodb.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = DynamoDBDocumentClient.from(client);
  let k = 0;
  const next = (prefix: string) => {
    const n = k++;
    return { rider: options.mint(`bench-fn-${prefix}-${n}`), pickup: options.pickupAt(20_000 + n) };
  };
  const connect = async (rider: BenchRider) => {
    const id = `bench-${randomUUID()}`;
    const expires = Math.floor(Date.now() / 1000) + 3600;
    await documents.send(
      new PutCommand({
        TableName: options.tables.connectionsTable,
        Item: { ConnectionId: id, User: rider.username, ExpiresAt: expires, WatchCells: [] },
      }),
    );
    return id;
  };
  let round: Round | undefined;
  const current = () => {
    if (!round) throw new Error('no round prepared');
    return round;
  };
  // A pickup about 30 km from where the fleet lives: the unicorn needs minutes to arrive, so a ride
  // booked before the round is still cancellable when CancelRide's turn comes.
  const farFrom = ({ Latitude, Longitude }: Location): Location => ({ Latitude: Latitude + 0.27, Longitude });
  const beforeRound = async () => {
    const reader = next('reader');
    const canceller = next('canceller');
    canceller.pickup = farFrom(canceller.pickup);
    const [readRideId, cancelRideId] = await Promise.all([
      options.book(reader.rider, reader.pickup),
      options.book(canceller.rider, canceller.pickup),
    ]);
    const stored = await client.send(new GetItemCommand({ TableName: options.tables.ridesTable, Key: { RideId: { S: readRideId } } }));
    if (!stored.Item) throw new Error(`ride ${readRideId} was booked but is not in ${options.tables.ridesTable}`);
    await connect(reader.rider);
    round = {
      reader: reader.rider,
      readRideId,
      readRideImage: stored.Item,
      canceller: canceller.rider,
      cancelRideId,
      // Three connections. The local API answers 410 for a socket nobody opened, so a connection
      // something is pushed to is forgotten: the notifier's (the reader's, as the stack's own notifier
      // also pushes their ride there) and the closing one may be; the watching one belongs to a rider
      // of no rides and watches nothing yet, so nothing is pushed to it before LiveWatch's turn.
      watchConnection: await connect(next('watcher').rider),
      closingConnection: await connect(canceller.rider),
    };
  };

  const requestContext = (routeKey: string, connectionId: string) => ({
    routeKey,
    connectionId,
    requestId: `bench-${randomUUID()}`,
    domainName: 'localhost',
    stage: 'local',
    eventType: routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE',
  });
  const around = ({ Latitude, Longitude }: Location) => ({
    South: Latitude - 0.02,
    West: Longitude - 0.02,
    North: Latitude + 0.02,
    East: Longitude + 0.02,
  });
  const events: Record<string, () => unknown> = {
    RequestUnicorn: () => {
      const { rider, pickup } = next('ride');
      return rideEvent(rider.idToken, options.origin, pickup);
    },
    ListRides: () => apiEvent('GET', '/rides', '/rides', current().reader.idToken, options.origin),
    GetRide: () =>
      apiEvent('GET', '/rides/{rideId}', `/rides/${current().readRideId}`, current().reader.idToken, options.origin, {
        rideId: current().readRideId,
      }),
    CancelRide: () =>
      apiEvent('POST', '/rides/{rideId}/cancel', `/rides/${current().cancelRideId}/cancel`, current().canceller.idToken, options.origin, {
        rideId: current().cancelRideId,
      }),
    DeleteAccount: () => apiEvent('DELETE', '/me', '/me', next('leaver').rider.idToken, options.origin),
    FleetCensus: () => ({
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: new Date().toISOString(),
      region: options.dynamodb.region,
      resources: [],
      detail: {},
    }),
    OpenApi: () => apiEvent('GET', '/openapi.json', '/openapi.json', undefined, options.origin),
    LiveAuthorizer: () => ({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:000000000000:bench/local/$connect',
      headers: {},
      queryStringParameters: { token: next('live').rider.idToken },
      requestContext: requestContext('$connect', `bench-${randomUUID()}`),
    }),
    LiveConnect: () => {
      const { rider } = next('live');
      return {
        requestContext: {
          ...requestContext('$connect', `bench-${randomUUID()}`),
          authorizer: { principalId: rider.username, rider: rider.username },
        },
      };
    },
    LiveDisconnect: () => ({ requestContext: requestContext('$disconnect', current().closingConnection) }),
    LiveWatch: () => ({
      requestContext: requestContext('watch', current().watchConnection),
      body: JSON.stringify({ action: 'watch', Area: around(options.pickupAt(20_000)) }),
      isBase64Encoded: false,
    }),
    LiveNotifier: () => ({
      Records: [
        {
          eventID: randomUUID(),
          eventName: 'INSERT',
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: options.dynamodb.region,
          eventSourceARN: `arn:aws:dynamodb:${options.dynamodb.region}:000000000000:table/${options.tables.ridesTable}/stream/2026-01-01T00:00:00.000`,
          dynamodb: {
            Keys: { RideId: { S: current().readRideId } },
            NewImage: current().readRideImage,
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    }),
  };

  const impls: Implementation[] = [
    { name: 'sdkFloor', artefact: options.floorFile, nextEvent: options.floorEvent, env: options.env },
    ...Object.entries(options.handlers).map(([name, artefact]) => ({
      name: `fn:${name}` as const,
      artefact,
      nextEvent: events[name]!,
      env: { ...options.env, ...options.ownEnv[name], AWS_LAMBDA_FUNCTION_NAME: `wildrydes-dev-${name}` },
    })),
  ];
  options.log(`every function: ${options.rounds} cold-start rounds of ${impls.length - 1} functions and the SDK floor`);
  try {
    const cold = (await coldStarts(impls, options.rounds, options.workDir, options.log, beforeRound)) as Record<string, ColdResult>;
    return {
      rounds: options.rounds,
      floor: cold.sdkFloor!,
      functions: Object.keys(options.handlers).map((name) => ({
        name,
        handlerBytes: options.handlerBytes[name] ?? 0,
        memoryMb: options.memoryMb[name] ?? 0,
        expected: EXPECTED_OUTCOME[name]!,
        cold: cold[`fn:${name}`]!,
      })),
    };
  } finally {
    client.destroy();
  }
}
