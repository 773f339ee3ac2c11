/**
 * The baseline for the dispatch table of `pnpm bench`: WildRydes' dispatch as it was before the
 * cell index (commit 9a11aba), kept here so it can be measured side by side with today's. Every
 * `POST /ride` read the whole unicorns table with a consistent Scan, ranked it in memory (free
 * unicorns nearest first, then the busy one that can be there soonest) and booked in one
 * transaction: the unicorn's BusyUntil (only if still what was read) and the ride.
 *
 * Copied from packages/rides/src/{dispatch,request-ride,ride}.ts and
 * packages/functions/src/store/dynamodb-ride-store.ts at 9a11aba, cut to what a ride without an
 * Idempotency-Key runs: no claim. Items have the old shape: `{ Name, Color, Gender, Home, BusyUntil }`.
 * The answer is the old 201 body (the workshop's fields plus `EtaSeconds` and `UnicornPosition`).
 */
import { type DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

export interface Location {
  Latitude: number;
  Longitude: number;
}

/** A unicorn as the old unicorns table held it. */
export interface ScanUnicorn {
  Name: string;
  Color: string;
  Gender: string;
  Home: Location;
  /** Epoch milliseconds; at or before now means free. */
  BusyUntil: number;
}

export interface ScanTables {
  rides: string;
  unicorns: string;
}

export interface ScanDeps {
  client: DynamoDBDocumentClient;
  tables: ScanTables;
  newRideId: () => string;
  now: () => Date;
  random: () => number;
}

/** The old `POST /ride` 201 body. */
export interface ScanRideResponse {
  RideId: string;
  Unicorn: { Name: string; Color: string; Gender: string };
  UnicornName: string;
  Eta: string;
  Rider: string;
  EtaSeconds: number;
  UnicornPosition: Location;
}

export interface ScanRideResult {
  response: ScanRideResponse;
  attempts: number;
}

const UNICORN_SPEED_KMH = 120;
const RIDE_DURATION_SECONDS = 15 * 60;
const EARTH_RADIUS_KM = 6371.0088;
const ATTEMPTS = 60;
const SPREAD = 8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

function distanceKm(a: Location, b: Location): number {
  const dLat = radians(b.Latitude - a.Latitude);
  const dLng = radians(b.Longitude - a.Longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.Latitude)) * Math.cos(radians(b.Latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface Assignment {
  unicorn: ScanUnicorn;
  distanceKm: number;
  startsAt: number;
  etaSeconds: number;
  busyUntil: number;
}

function assign(unicorn: ScanUnicorn, pickup: Location, now: number): Assignment {
  const distance = distanceKm(unicorn.Home, pickup);
  const startsAt = Math.max(now, unicorn.BusyUntil);
  const arrival = startsAt + Math.round((distance / UNICORN_SPEED_KMH) * 3_600_000);
  return {
    unicorn,
    distanceKm: distance,
    startsAt,
    etaSeconds: Math.max(1, Math.ceil((arrival - now) / 1000)),
    busyUntil: arrival + RIDE_DURATION_SECONDS * 1000,
  };
}

function rankAssignments(fleet: readonly ScanUnicorn[], pickup: Location, now: number): Assignment[] {
  const assignments = fleet.map((unicorn) => assign(unicorn, pickup, now));
  const free = assignments.filter((a) => a.unicorn.BusyUntil <= now).sort((a, b) => a.distanceKm - b.distanceKm);
  const busy = assignments
    .filter((a) => a.unicorn.BusyUntil > now)
    .sort((a, b) => a.etaSeconds - b.etaSeconds || a.distanceKm - b.distanceKm);
  return [...free, ...busy];
}

function fallbackCandidates(ranked: readonly Assignment[], spread: number): Assignment[] {
  const best = ranked[0];
  if (!best) return [];
  return ranked.slice(0, spread).filter((a) => a.etaSeconds <= best.etaSeconds + RIDE_DURATION_SECONDS);
}

/** "30 seconds", "4 minutes", "1 hour 5 minutes": the workshop's human ETA. */
function formatEta(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
}

const roundCoordinate = (degrees: number) => Math.round(degrees * 1e7) / 1e7 || 0;

async function readFleet({ client, tables }: ScanDeps): Promise<ScanUnicorn[]> {
  const fleet: ScanUnicorn[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tables.unicorns, ConsistentRead: true, ExclusiveStartKey: start }));
    fleet.push(...((page.Items ?? []) as ScanUnicorn[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return fleet;
}

/** The old book(): false when another request booked the unicorn first. */
async function book({ client, tables }: ScanDeps, ride: Record<string, unknown>, assignment: Assignment): Promise<boolean> {
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tables.unicorns,
              Key: { Name: assignment.unicorn.Name },
              UpdateExpression: 'SET BusyUntil = :until',
              ConditionExpression: 'BusyUntil = :seen',
              ExpressionAttributeValues: { ':until': assignment.busyUntil, ':seen': assignment.unicorn.BusyUntil },
            },
          },
          { Put: { TableName: tables.rides, Item: ride, ConditionExpression: 'attribute_not_exists(RideId)' } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return false;
    throw error;
  }
}

/** The old requestRide() for a request without an Idempotency-Key. */
export async function scanRequestRide(rider: string, pickup: Location, deps: ScanDeps): Promise<ScanRideResult> {
  const rideId = deps.newRideId();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const requestedAt = deps.now();
    const ranked = rankAssignments(await readFleet(deps), pickup, requestedAt.getTime());
    const fallbacks = attempt === 0 ? [] : fallbackCandidates(ranked, SPREAD);
    const assignment = attempt === 0 ? ranked[0] : fallbacks[Math.floor(deps.random() * fallbacks.length)];
    if (!assignment) throw new Error('The fleet is empty: seed the unicorns table');
    const { unicorn } = assignment;
    const ride = {
      RideId: rideId,
      User: rider,
      Unicorn: { Name: unicorn.Name, Color: unicorn.Color, Gender: unicorn.Gender },
      UnicornName: unicorn.Name,
      RequestTime: requestedAt.toISOString(),
      PickupLocation: { Latitude: roundCoordinate(pickup.Latitude), Longitude: roundCoordinate(pickup.Longitude) },
      UnicornStart: { Latitude: unicorn.Home.Latitude, Longitude: unicorn.Home.Longitude },
      EtaSeconds: assignment.etaSeconds,
      BookedFrom: new Date(assignment.startsAt).toISOString(),
      BookedUntil: new Date(assignment.busyUntil).toISOString(),
    };
    if (await book(deps, ride, assignment)) {
      const response: ScanRideResponse = {
        RideId: ride.RideId,
        Unicorn: ride.Unicorn,
        UnicornName: ride.UnicornName,
        Eta: formatEta(ride.EtaSeconds),
        Rider: ride.User,
        EtaSeconds: ride.EtaSeconds,
        UnicornPosition: ride.UnicornStart,
      };
      return { response, attempts: attempt + 1 };
    }
  }
  throw new Error('Every unicorn was booked by other requests while this one was being placed');
}
