import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type BookOutcome,
  type CancelStore,
  CELL_INDEX,
  CLAIM_KEY,
  cellQuery,
  type FleetUnicorn,
  fleetItem,
  type IdempotencyRecord,
  type RideStore,
} from '@wildrydes/rides';

export interface RideTables {
  rides: string;
  idempotency: string;
  unicorns: string;
  riders: string;
}

/** How long a key is remembered: long enough for any client's retries, short enough to stay small. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Rides, the fleet, riders' active rides and idempotency claims in DynamoDB. Candidates come from
 * the unicorns' cell index (Queries, eventually consistent; never a Scan). A booking is one
 * transaction: the unicorn's BusyUntil moves only from the value dispatch read, the rider's record
 * only from "no active ride", the ride never overwrites another, and the claim (if any) is new.
 * The SDK reuses the transaction's ClientRequestToken on retries, so an attempt that timed out
 * after landing is not applied twice. Every call ends when `signal` aborts (the request's deadline).
 */
export function createDynamoDbRideStore(client: DynamoDBDocumentClient, tables: RideTables): RideStore & CancelStore {
  async function queryAll(input: QueryCommandInput, signal?: AbortSignal): Promise<FleetUnicorn[]> {
    const items: FleetUnicorn[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }), { abortSignal: signal });
      items.push(...((page.Items ?? []) as FleetUnicorn[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async function readClaim(scopedKey: string, signal?: AbortSignal): Promise<IdempotencyRecord | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tables.idempotency, Key: { Key: scopedKey }, ConsistentRead: true }), {
      abortSignal: signal,
    });
    return Item ? { fingerprint: Item.Fingerprint as string, response: Item.Response as IdempotencyRecord['response'] } : undefined;
  }

  /** The unicorn free again at `position` from `busyUntil`, its index keys moved with it. */
  const moveUnicorn = (position: FleetUnicorn['Position'], busyUntil: number) => {
    const { Position, Region, Geohash } = fleetItem({ Name: '', Color: '', Gender: 'Male', Position: position, BusyUntil: busyUntil });
    return { ':position': Position, ':region': Region, ':geohash': Geohash, ':until': busyUntil };
  };

  return {
    readClaim,

    async findUnicorns(cells, signal) {
      const pages = await Promise.all(
        cells.map((cell) => {
          const { region, prefix } = cellQuery(cell);
          return queryAll(
            {
              TableName: tables.unicorns,
              IndexName: CELL_INDEX.IndexName,
              KeyConditionExpression: prefix ? '#region = :region AND begins_with(#geohash, :prefix)' : '#region = :region',
              ExpressionAttributeNames: { '#region': 'Region', ...(prefix ? { '#geohash': 'Geohash' } : {}) },
              ExpressionAttributeValues: { ':region': region, ...(prefix ? { ':prefix': prefix } : {}) },
            },
            signal,
          );
        }),
      );
      return pages.flat();
    },

    async activeRideOf(rider, now, signal) {
      // Eventually consistent is enough: the booking transaction checks the record again.
      const { Item } = await client.send(new GetCommand({ TableName: tables.riders, Key: { User: rider } }), { abortSignal: signal });
      return Item && typeof Item.ActiveRideId === 'string' && Number(Item.ActiveUntil) > now ? Item.ActiveRideId : undefined;
    },

    async book(ride, booking, claim, signal): Promise<BookOutcome> {
      const items: TransactItem[] = [
        {
          Update: {
            TableName: tables.unicorns,
            Key: { Name: booking.unicornName },
            UpdateExpression: 'SET BusyUntil = :until, #position = :position, #region = :region, Geohash = :geohash, RideId = :ride',
            ConditionExpression: 'BusyUntil = :seen',
            ExpressionAttributeNames: { '#position': 'Position', '#region': 'Region' },
            ExpressionAttributeValues: {
              ...moveUnicorn(booking.freeAt, booking.busyUntil),
              ':seen': booking.seenBusyUntil,
              ':ride': ride.RideId,
            },
          },
        },
        {
          Put: {
            TableName: tables.rides,
            // The claim's key rides along, so deleting an account finds every claim through its rides.
            Item: claim ? { ...ride, [CLAIM_KEY]: claim.scopedKey } : ride,
            ConditionExpression: 'attribute_not_exists(RideId)',
          },
        },
        {
          // One active ride per rider: the record moves only from "no ride, or one that has ended".
          Put: {
            TableName: tables.riders,
            Item: { User: booking.rider, ActiveRideId: ride.RideId, ActiveUntil: booking.busyUntil },
            ConditionExpression: 'attribute_not_exists(#user) OR ActiveUntil <= :now',
            ExpressionAttributeNames: { '#user': 'User' },
            ExpressionAttributeValues: { ':now': booking.now },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ];
      if (claim) {
        items.push({
          Put: {
            TableName: tables.idempotency,
            Item: {
              Key: claim.scopedKey,
              Fingerprint: claim.fingerprint,
              Response: claim.response,
              ExpiresAt: Math.floor(booking.now / 1000) + IDEMPOTENCY_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(#key)',
            ExpressionAttributeNames: { '#key': 'Key' },
          },
        });
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }), { abortSignal: signal });
        return { status: 'booked' };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (claim) {
          // Taken, or being taken by a racing copy of this request: its ride is the answer.
          const existing = await readClaim(claim.scopedKey, signal);
          if (existing) return { status: 'claimed', existing };
        }
        const rider = reasons[2];
        if (rider?.code === 'ConditionalCheckFailed') {
          if (rider.item?.DeletedAt !== undefined) return { status: 'riderGone' };
          const activeRideId = stringAttribute(rider.item?.ActiveRideId);
          if (activeRideId) return { status: 'riderBusy', activeRideId };
        }
        if (reasons.some(({ code }) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict'))
          return { status: 'unicornTaken' };
        throw error;
      }
    },

    async cancel(ride, cancelTime, now, unicornAt, unicornFreeFrom) {
      const rideUpdate: TransactItem = {
        Update: {
          TableName: tables.rides,
          Key: { RideId: ride.RideId },
          UpdateExpression: 'SET CancelTime = :cancel',
          // Still the rider's, not cancelled, and not picked up (ISO times of one format compare as strings).
          ConditionExpression: '#user = :rider AND attribute_not_exists(CancelTime) AND PickupTime > :cancel',
          ExpressionAttributeNames: { '#user': 'User' },
          ExpressionAttributeValues: { ':cancel': cancelTime, ':rider': ride.User },
        },
      };
      const riderUpdate: TransactItem = {
        Update: {
          TableName: tables.riders,
          Key: { User: ride.User },
          UpdateExpression: 'SET ActiveUntil = :now',
          // Rides booked before riders had records have none: let those go too.
          ConditionExpression: 'attribute_not_exists(ActiveRideId) OR ActiveRideId = :ride',
          ExpressionAttributeValues: { ':now': now, ':ride': ride.RideId },
        },
      };
      const unicornUpdate: TransactItem = {
        Update: {
          TableName: tables.unicorns,
          Key: { Name: ride.UnicornName },
          UpdateExpression: 'SET BusyUntil = :until, #position = :position, #region = :region, Geohash = :geohash',
          ConditionExpression: 'RideId = :ride',
          ExpressionAttributeNames: { '#position': 'Position', '#region': 'Region' },
          ExpressionAttributeValues: { ...moveUnicorn(unicornAt, unicornFreeFrom), ':ride': ride.RideId },
        },
      };
      // With the unicorn first; if a later ride is queued on it (its RideId moved on), it keeps
      // that booking and only the ride and the rider's record change.
      for (const items of [
        [rideUpdate, riderUpdate, unicornUpdate],
        [rideUpdate, riderUpdate],
      ]) {
        try {
          await client.send(new TransactWriteCommand({ TransactItems: items }));
          return { status: 'cancelled' };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          // The ride itself changed (cancelled meanwhile, or its pickup passed): read it again.
          if (reasons[0]?.code === 'ConditionalCheckFailed' || reasons[0]?.code === 'TransactionConflict') return { status: 'changed' };
          if (reasons[1]?.code === 'ConditionalCheckFailed') return { status: 'changed' };
          if (items.length === 2) throw error;
        }
      }
      return { status: 'changed' };
    },
  };
}

interface Reason {
  code: string;
  item?: Record<string, unknown>;
}

/** The per-item reasons of a cancelled transaction (with the item, where asked for), or undefined for any other error. */
function cancellationReasons(error: unknown): Reason[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] }).CancellationReasons ?? [];
  return reasons.map((r) => ({ code: r.Code ?? 'None', ...(r.Item ? { item: r.Item } : {}) }));
}

/** A string attribute of an item in a cancellation reason, which the SDK leaves marshalled (`{ S: "…" }`). */
export function stringAttribute(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const s = (value as { S?: unknown } | undefined)?.S;
  return typeof s === 'string' ? s : undefined;
}
