/**
 * `POST /ride` at fleets of 38 to 100,000 unicorns, on the bench's DynamoDB Local: today's
 * dispatch (the cell index: `requestRide` with the DynamoDB store) side by side with the Scan
 * dispatch it replaced (bench/baselines/scan-dispatch).
 *
 * Each ride is one invocation of the RequestUnicorn handler (`createRequestUnicornHandler`, the
 * function's own code: the ID token verified against cognito-local's JWKS, the body validated, the
 * ride booked, the 201 answered), called in-process with an API Gateway event: no HTTP server, so
 * the time is the function and DynamoDB Local, not serverless-offline. The Scan side runs the same
 * handler with the old dispatch in place of today's. The function's settings (DynamoDB timeouts,
 * reach, token issuer) are the local stage's, read from serverless.yml.
 *
 * Read and write units: the bench's DynamoDB clients carry a middleware (here, not in the
 * function) that adds `ReturnConsumedCapacity: TOTAL` to every call and sums what DynamoDB Local
 * returns, per ride. The function's code paths are unchanged.
 *
 * For each size: fresh tables with the local stack's own definitions, the fleet `generateFleet(n)`
 * seeded (BatchWriteItem, timed apart), then rides one after another, each by a new rider.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PickupLocation as Location } from '@wildrydes/contract';
import { ensureTable } from '@wildrydes/local-stack';

// Workspace packages the bench does not declare (declaring them would change pnpm-lock.yaml): by
// path. The store modules directly: the functions package exports only its handlers' parts.
import { createIdTokenVerifier } from '../../packages/functions/src/auth/id-token';
import { readConfig } from '../../packages/functions/src/config';
import type { Handler } from '../../packages/functions/src/http/api-handler';
import { createRequestUnicornHandler, type RequestUnicornDeps } from '../../packages/functions/src/request-unicorn/app';
import { createDocumentClient, dynamodbCallMaxMs } from '../../packages/functions/src/store/dynamodb-client';
import { createDynamoDbRideStore } from '../../packages/functions/src/store/dynamodb-ride-store';
import {
  type Deadline,
  DomainError,
  type FleetSeed,
  fleetItem,
  generateFleet,
  newRideId,
  type RideRequestResult,
  requestRide,
  SEED_FLEET,
  seeded,
  TABLES,
  type TableDefinition,
  toFleetUnicorn,
} from '../../packages/rides/src/index';
import { type ScanDeps, type ScanUnicorn, scanRequestRide } from '../baselines/scan-dispatch/index';
import { rideEvent } from './lambda';

const withoutStream = ({ stream: _stream, ...table }: TableDefinition): TableDefinition => table;

import { type Summary, summarize } from './stats';

export const FLEET_SIZES = [38, 1_000, 10_000, 100_000] as const;
/** A quick run stops at 1,000. */
export const QUICK_FLEET_SIZES = [38, 1_000] as const;

/**
 * The rides' clock moves on this much between rides, so each ride meets a fleet at rest, as in a
 * service sized for its demand. On the wall clock, 38 unicorns would be sold out after about 76
 * rides (two each within the 30-minute reach) and every later ride would time a refusal.
 */
export const CLOCK_STEP_MINUTES = 60;
/** Rides before the measured ones at each size, not counted (JIT, connections, DynamoDB Local's caches). */
export const WARMUP_RIDES = 3;
/** What the invocations are given to run in: Lambda's longest timeout, as in lambda-child.mjs (speed is measured, not cut short). */
const INVOCATION_MS = 15 * 60_000;
/**
 * The Scan side's DynamoDB timeout per try: a Scan page of 1 MB takes about a second on DynamoDB
 * Local here, more on a busy machine, and the old function's settings are not what is measured.
 */
const SCAN_TIMEOUT_MS = 60_000;

export interface DispatchRun {
  /** Rides measured. */
  rides: number;
  /** `booked` (a 201), or the status and the domain's error code (`503 NoUnicornNearby`, …). */
  outcomes: Record<string, number>;
  /** The whole invocation: event in, answer out. */
  ms: Summary;
  /** The part of it spent in dispatch (`requestRide`: reads, ranking, the booking transaction). */
  dispatchMs: Summary;
  /** Read capacity units per ride, as DynamoDB Local reports them (ReturnConsumedCapacity). */
  rcu: Summary;
  /**
   * The same with each read at least DynamoDB's minimum charge (0.5 unit eventually consistent,
   * 1 consistent): DynamoDB Local reports 0 for a Query that finds nothing.
   */
  rcuAtMinimum: Summary;
  /** Write capacity units per ride (the booking transaction, its index update included). */
  wcu: Summary;
  /** Items the reads returned, per ride. */
  itemsRead: Summary;
  /** DynamoDB requests per ride. */
  requests: Summary;
  /**
   * By low-level command (`GetItemCommand`, `QueryCommand`, `TransactWriteItemsCommand`, …): calls
   * per ride, and the mean time of one call (the 9 Queries of a block run in parallel, so their
   * times overlap).
   */
  calls: Record<string, { perRide: number; meanMs: number }>;
}

export interface DispatchSize {
  fleet: number;
  /** Seconds to seed each table (BatchWriteItem, 25 items a request, 4 in flight). */
  seedS: { geo: number; scan: number };
  geo: DispatchRun;
  scan: DispatchRun;
}

export interface DispatchResult {
  clockStepMinutes: number;
  warmupRides: number;
  maxWaitMinutes: number;
  /** The function's DynamoDB timeout per try for today's dispatch (the local stage's). */
  dynamodbTimeoutMs: number;
  sizes: DispatchSize[];
}

/** Rides per size: all sizes for the cell index; the Scan baseline gets fewer where each ride reads the whole table. */
export function ridesFor(fleet: number, quick: boolean): { geo: number; scan: number } {
  const geo = quick ? 50 : 300;
  const scan = fleet <= 100 ? geo : fleet <= 1_000 ? (quick ? 10 : 50) : fleet <= 10_000 ? 10 : 3;
  return { geo, scan };
}

export interface Tally {
  reads: number;
  readsAtMinimum: number;
  writes: number;
  itemsRead: number;
  requests: number;
  /** Calls and their summed time (request sent to answer parsed) by low-level command, `QueryCommand`, … */
  byCommand: Record<string, CommandTime>;
}

export interface CommandTime {
  calls: number;
  ms: number;
}

/** What `after` added to `before`. */
export function tallySince(before: Tally, after: Tally): Tally {
  const byCommand: Record<string, CommandTime> = {};
  for (const [command, { calls, ms }] of Object.entries(after.byCommand)) {
    const earlier = before.byCommand[command] ?? { calls: 0, ms: 0 };
    if (calls > earlier.calls) byCommand[command] = { calls: calls - earlier.calls, ms: ms - earlier.ms };
  }
  return {
    reads: after.reads - before.reads,
    readsAtMinimum: after.readsAtMinimum - before.readsAtMinimum,
    writes: after.writes - before.writes,
    itemsRead: after.itemsRead - before.itemsRead,
    requests: after.requests - before.requests,
    byCommand,
  };
}

const copyTally = (t: Tally): Tally => ({
  ...t,
  byCommand: Object.fromEntries(Object.entries(t.byCommand).map(([k, v]) => [k, { ...v }])),
});

interface Capacity {
  CapacityUnits?: number;
}

/** The low-level commands that read (the document client's Get/Query/Scan send these). */
const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

/** Adds `ReturnConsumedCapacity: TOTAL` to every call of `client` and sums what comes back in the returned tally. */
export function countCapacity(client: DynamoDBDocumentClient): Tally {
  const tally: Tally = { reads: 0, readsAtMinimum: 0, writes: 0, itemsRead: 0, requests: 0, byCommand: {} };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input: Record<string, unknown> = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'TOTAL' };
      const started = performance.now();
      const result = await next({ ...args, input });
      const command = context.commandName ?? 'unknown';
      const time = tally.byCommand[command] ?? { calls: 0, ms: 0 };
      tally.byCommand[command] = time;
      time.calls++;
      time.ms += performance.now() - started;
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[]; Count?: number; Item?: unknown };
      const units = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      tally.requests++;
      if (READS.has(command)) {
        tally.reads += units;
        tally.readsAtMinimum += Math.max(units, input.ConsistentRead === true ? 1 : 0.5);
        tally.itemsRead += output.Count ?? (output.Item ? 1 : 0);
      } else {
        tally.writes += units;
      }
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return tally;
}

/**
 * Where ride `i` is asked from, the same at every fleet size: within 2 km of a home of the default
 * fleet (its 38 unicorns live in 6 of the 20 cities; a pickup in the other 14 would find none
 * within reach at 38). Larger fleets have their herds in all 20 cities, these 6 included.
 */
export function dispatchPickup(i: number): Location {
  const home = (SEED_FLEET[(i * 7) % SEED_FLEET.length] as FleetSeed).Home;
  const random = seeded(1_000 + i);
  const r = 0.018 * Math.sqrt(random());
  const theta = 2 * Math.PI * random();
  return {
    Latitude: Math.round((home.Latitude + r * Math.cos(theta)) * 1e6) / 1e6,
    Longitude: Math.round((home.Longitude + (r * Math.sin(theta)) / Math.cos((home.Latitude * Math.PI) / 180)) * 1e6) / 1e6,
  };
}

/**
 * Puts `items` 25 a request, `concurrency` requests in flight, retrying what DynamoDB leaves
 * unprocessed; `progress` hears the count written after each request.
 */
export async function batchPut(
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly object[],
  concurrency = 4,
  progress?: (written: number) => void,
) {
  let next = 0;
  let written = 0;
  const worker = async () => {
    for (let start = next; start < items.length; start = next) {
      next += 25;
      const chunk = items.slice(start, start + 25);
      let request: Record<string, { PutRequest: { Item: object } }[]> | undefined = {
        [table]: chunk.map((Item) => ({ PutRequest: { Item } })),
      };
      while (request && Object.keys(request).length > 0) {
        const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: request }));
        request = UnprocessedItems as typeof request;
      }
      written += chunk.length;
      progress?.(written);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

export interface RideSample {
  ms: number;
  dispatchMs: number;
  outcome: string;
  tally: Tally;
}

export function summarizeRun(samples: readonly RideSample[]): DispatchRun {
  const outcomes: Record<string, number> = {};
  for (const s of samples) outcomes[s.outcome] = (outcomes[s.outcome] ?? 0) + 1;
  const of = (key: Exclude<keyof Tally, 'byCommand'>) => summarize(samples.map((s) => s.tally[key]));
  const calls: Record<string, { perRide: number; meanMs: number }> = {};
  for (const command of new Set(samples.flatMap((s) => Object.keys(s.tally.byCommand)))) {
    const times = samples.map((s) => s.tally.byCommand[command] ?? { calls: 0, ms: 0 });
    const total = times.reduce((sum, t) => sum + t.calls, 0);
    calls[command] = { perRide: total / samples.length, meanMs: times.reduce((sum, t) => sum + t.ms, 0) / total };
  }
  return {
    rides: samples.length,
    outcomes,
    ms: summarize(samples.map((s) => s.ms)),
    dispatchMs: summarize(samples.map((s) => s.dispatchMs)),
    rcu: of('reads'),
    rcuAtMinimum: of('readsAtMinimum'),
    wcu: of('writes'),
    itemsRead: of('itemsRead'),
    requests: of('requests'),
    calls,
  };
}

/** Which sizes ride in round `round`: every size, in an order that rotates (no size always first). */
export function sizeOrder<T>(sizes: readonly T[], round: number): T[] {
  const shift = round % sizes.length;
  const rotated = [...sizes.slice(shift), ...sizes.slice(0, shift)];
  return Math.floor(round / sizes.length) % 2 === 0 ? rotated : rotated.reverse();
}

/** Round by round, whether the Scan side rides too: `scanRides` of `rounds`, spread evenly, from the first round. */
export function scanRidesIn(round: number, rounds: number, scanRides: number): boolean {
  const every = Math.max(1, Math.floor(rounds / scanRides));
  return round % every === 0 && round / every < scanRides;
}

/** Dispatch as the handler calls it, with the invocation's deadline. */
type RequestRide = (rider: string, pickup: Location, deadline: Deadline) => Promise<RideRequestResult>;

/**
 * One side at one size: the RequestUnicorn handler around `dispatch`, its DynamoDB client's
 * tally, and the rides measured.
 */
class Side {
  readonly samples: RideSample[] = [];
  private dispatchMs = 0;
  /** What dispatch came to in the current ride: `booked`, a domain error's code, or never reached. */
  private outcome = 'not dispatched';
  private readonly handler: Handler;

  constructor(
    apiDeps: Omit<RequestUnicornDeps, 'requestRide'>,
    private readonly tally: Tally,
    dispatch: RequestRide,
    private readonly event: (i: number) => unknown,
  ) {
    this.handler = createRequestUnicornHandler({
      ...apiDeps,
      requestRide: async (rider, pickup, deadline) => {
        const started = performance.now();
        try {
          const result = await dispatch(rider, pickup, deadline);
          this.outcome = 'booked';
          return result;
        } catch (error) {
          this.outcome = error instanceof DomainError ? error.code : error instanceof Error ? error.name : 'error';
          throw error;
        } finally {
          this.dispatchMs = performance.now() - started;
        }
      },
    });
  }

  /** Ride `i`: the event is made (its token signed) before the clock starts. */
  async ride(i: number): Promise<RideSample> {
    const event = this.event(i) as Parameters<Handler>[0];
    const deadline = Date.now() + INVOCATION_MS;
    const context = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() };
    const before = copyTally(this.tally);
    this.outcome = 'not dispatched';
    this.dispatchMs = 0;
    const started = performance.now();
    const answer = await this.handler(event, context);
    const ms = performance.now() - started;
    const tally = tallySince(before, this.tally);
    const outcome = answer.statusCode === 201 ? 'booked' : `${answer.statusCode} ${this.outcome}`;
    return { ms, dispatchMs: this.dispatchMs, outcome, tally };
  }
}

interface Prepared {
  fleet: number;
  rides: { geo: number; scan: number };
  seedS: { geo: number; scan: number };
  tables: string[];
  geo: Side;
  scan: Side;
}

/**
 * Lets the bench's own lines through and drops the function's JSON log lines (one per ride) while
 * `run` runs: the function still builds each line, only the write to the terminal is left out.
 */
async function quietFunctionLogs<T>(run: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('{"level":')) return;
    original(...args);
  };
  try {
    return await run();
  } finally {
    console.log = original;
  }
}

/**
 * The whole stage. Every size's tables are seeded first; then the rides go round by round, one
 * ride at each size per round (the Scan baseline's few rides spread evenly over the rounds), so a
 * busy spell of the shared machine hits every size alike instead of whichever size ran then.
 */
export async function measureDispatch(options: {
  endpoint: string;
  region: string;
  quick: boolean;
  /** The function's environment under the local stack (serverless.yml's local stage). */
  functionEnv: NodeJS.ProcessEnv;
  /** The `Origin` the events carry (an allowed one). */
  origin: string;
  /** A valid ID token of the stack's pool for a new rider. */
  idTokenFor: (username: string) => string;
  log: (line: string) => void;
  /** The sizes to measure (default: all four, or 38 and 1,000 in a quick run). */
  sizes?: readonly number[];
}): Promise<DispatchResult> {
  const { endpoint, region, quick, log } = options;
  const config = readConfig(options.functionEnv);
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const admin = new DynamoDBClient({ region, endpoint, credentials });
  const seeder = DynamoDBDocumentClient.from(admin);
  // Today's dispatch on a client with the function's own settings; the Scan on one with room for 1 MB pages.
  const geoClient = createDocumentClient(region, endpoint, config.dynamodbTimeoutMs);
  const scanClient = createDocumentClient(region, endpoint, SCAN_TIMEOUT_MS);
  const geoTally = countCapacity(geoClient);
  const scanTally = countCapacity(scanClient);
  const apiDeps = {
    verifier: createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.userPoolClientId, prefetch: true }),
    allowedOrigins: config.allowedOrigins,
    answerReserveMs: config.answerReserveMs,
  };
  // One simulated clock for every ride, moving on CLOCK_STEP_MINUTES before each.
  let clock = Date.now();
  const now = () => new Date(clock);
  const tick = () => {
    clock += CLOCK_STEP_MINUTES * 60_000;
  };
  const event = (prefix: string) => (i: number) => {
    const pickup = dispatchPickup(i);
    return rideEvent(options.idTokenFor(`${prefix}-${i}`), options.origin, pickup);
  };
  const prepared: Prepared[] = [];
  try {
    for (const fleet of options.sizes ?? (quick ? QUICK_FLEET_SIZES : FLEET_SIZES)) {
      const prefix = `bench-dispatch-${fleet}`;
      const tables = {
        rides: `${prefix}-rides`,
        idempotency: `${prefix}-idempotency`,
        unicorns: `${prefix}-unicorns`,
        riders: `${prefix}-riders`,
      };
      const scanTables = { rides: `${prefix}-scan-rides`, unicorns: `${prefix}-scan-unicorns` };
      // As packages/functions/src/request-unicorn/handler.ts builds it, but on this size's tables and the rides' clock.
      const geoDeps = {
        store: createDynamoDbRideStore(geoClient, tables),
        newRideId: () => newRideId(),
        now,
        random: Math.random,
        maxWaitMinutes: config.maxWaitMinutes,
        storeCallMaxMs: dynamodbCallMaxMs(config.dynamodbTimeoutMs),
      };
      const geoDispatch: RequestRide = (rider, pickup, deadline) => {
        tick();
        return requestRide(rider, pickup, { ...geoDeps, deadline });
      };
      const scanDeps: ScanDeps = { client: scanClient, tables: scanTables, newRideId: () => newRideId(), now, random: Math.random };
      const scanDispatch: RequestRide = async (rider, pickup) => {
        tick();
        const { response, attempts } = await scanRequestRide(rider, pickup, scanDeps);
        // The old 201 body, answered as it is (it predates Status and the ride's times).
        return { response: response as unknown as RideRequestResult['response'], replayed: false, attempts, cellsRead: 0 };
      };
      const size: Prepared = {
        fleet,
        rides: ridesFor(fleet, quick),
        seedS: { geo: 0, scan: 0 },
        tables: [...Object.values(tables), ...Object.values(scanTables)],
        geo: new Side(apiDeps, geoTally, geoDispatch, event(`${prefix}-rider`)),
        scan: new Side(apiDeps, scanTally, scanDispatch, event(`${prefix}-scan-rider`)),
      };
      prepared.push(size);
      // Without the streams the live notifier reads: in AWS a stream costs a write nothing, while
      // DynamoDB Local keeps every record itself and seeds these fleets several times slower.
      await ensureTable(admin, tables.rides, withoutStream(TABLES.rides));
      await ensureTable(admin, tables.idempotency, TABLES.idempotency);
      await ensureTable(admin, tables.unicorns, withoutStream(TABLES.unicorns));
      await ensureTable(admin, tables.riders, TABLES.riders);
      await ensureTable(admin, scanTables.rides, withoutStream(TABLES.rides));
      await ensureTable(admin, scanTables.unicorns, { key: TABLES.unicorns.key });

      const seeds = generateFleet(fleet);
      const every = 10_000;
      const progress = (what: string, started: number) => (written: number) => {
        if (written % every === 0) {
          log(`dispatch: ${what}: ${written.toLocaleString('en')} of ${fleet.toLocaleString('en')} (${seconds(started)} s)`);
        }
      };
      log(`dispatch: seeding ${fleet.toLocaleString('en')} unicorns, for the cell index and for the Scan`);
      let started = performance.now();
      await batchPut(
        seeder,
        tables.unicorns,
        seeds.map((seed) => fleetItem(toFleetUnicorn(seed))),
        4,
        progress('cell index table', started),
      );
      size.seedS.geo = seconds(started);
      started = performance.now();
      await batchPut(
        seeder,
        scanTables.unicorns,
        seeds.map(({ Name, Color, Gender, Home }): ScanUnicorn => ({ Name, Color, Gender, Home, BusyUntil: 0 })),
        4,
        progress('Scan table', started),
      );
      size.seedS.scan = seconds(started);
      log(`dispatch: seeded ${fleet.toLocaleString('en')} unicorns in ${size.seedS.geo} s + ${size.seedS.scan} s`);
    }

    await quietFunctionLogs(async () => {
      // Warm-up, not counted: JIT, connections, the JWKS, DynamoDB Local's caches (one Scan where each reads thousands of items).
      for (const size of prepared) {
        for (let i = 0; i < WARMUP_RIDES; i++) await size.geo.ride(1_000_000 + i);
        for (let i = 0; i < (size.fleet <= 1_000 ? WARMUP_RIDES : 1); i++) await size.scan.ride(1_000_000 + i);
      }

      const rounds = Math.max(...prepared.map((p) => p.rides.geo));
      log(
        `dispatch: ${rounds} rounds of one ride at each size (${prepared.map((p) => `${p.fleet}: ${p.rides.geo} + ${p.rides.scan} Scan`).join(', ')})`,
      );
      for (let round = 0; round < rounds; round++) {
        for (const size of sizeOrder(prepared, round)) {
          if (round < size.rides.geo) size.geo.samples.push(await size.geo.ride(round));
          if (scanRidesIn(round, size.rides.geo, size.rides.scan)) size.scan.samples.push(await size.scan.ride(size.scan.samples.length));
        }
        if ((round + 1) % 50 === 0) log(`dispatch: ${round + 1}/${rounds} rounds`);
      }
    });
  } finally {
    for (const table of prepared.flatMap((p) => p.tables)) {
      await admin.send(new DeleteTableCommand({ TableName: table })).catch(() => {});
    }
    geoClient.destroy();
    scanClient.destroy();
    admin.destroy();
  }
  const sizes = prepared.map(({ fleet, seedS, geo, scan }) => ({
    fleet,
    seedS,
    geo: summarizeRun(geo.samples),
    scan: summarizeRun(scan.samples),
  }));
  for (const s of sizes) {
    log(
      `dispatch at ${s.fleet.toLocaleString('en')}: cell index median ${s.geo.ms.median.toFixed(1)} ms, ${s.geo.rcu.mean.toFixed(2)} RCU/ride; ` +
        `Scan median ${s.scan.ms.median.toFixed(1)} ms, ${s.scan.rcu.mean.toFixed(1)} RCU/ride`,
    );
  }
  return {
    clockStepMinutes: CLOCK_STEP_MINUTES,
    warmupRides: WARMUP_RIDES,
    maxWaitMinutes: config.maxWaitMinutes,
    dynamodbTimeoutMs: config.dynamodbTimeoutMs,
    sizes,
  };
}
