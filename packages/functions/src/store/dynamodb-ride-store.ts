import { type DynamoDBDocumentClient, GetCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BookOutcome, FleetUnicorn, IdempotencyRecord, RideStore } from '@wildrydes/rides';

export interface RideTables {
  rides: string;
  idempotency: string;
  unicorns: string;
}

/** How long a key is remembered: long enough for any client's retries, short enough to stay small. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * Rides, the fleet and idempotency claims in DynamoDB. A booking is one transaction: the unicorn's
 * BusyUntil moves only from the value dispatch read, the ride never overwrites another, and the
 * claim (if any) is new. The SDK reuses the transaction's ClientRequestToken on retries, so an
 * attempt that timed out after landing is not applied twice. Every call ends when `signal` aborts
 * (the request's deadline), whatever its own timeouts.
 */
export function createDynamoDbRideStore(client: DynamoDBDocumentClient, tables: RideTables): RideStore {
  return {
    async readFleet(signal) {
      // The fleet is a handful of items: one consistent page, read in full.
      const fleet: FleetUnicorn[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tables.unicorns, ConsistentRead: true, ExclusiveStartKey: start }), {
          abortSignal: signal,
        });
        fleet.push(...((page.Items ?? []) as FleetUnicorn[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return fleet;
    },

    async book(ride, booking, claim, signal): Promise<BookOutcome> {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tables.unicorns,
                  Key: { Name: booking.unicornName },
                  UpdateExpression: 'SET BusyUntil = :until',
                  ConditionExpression: 'BusyUntil = :seen',
                  ExpressionAttributeValues: { ':until': booking.busyUntil, ':seen': booking.seenBusyUntil },
                },
              },
              { Put: { TableName: tables.rides, Item: ride, ConditionExpression: 'attribute_not_exists(RideId)' } },
              ...(claim
                ? [
                    {
                      Put: {
                        TableName: tables.idempotency,
                        Item: {
                          Key: claim.scopedKey,
                          Fingerprint: claim.fingerprint,
                          Response: claim.response,
                          ExpiresAt: Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS,
                        },
                        ConditionExpression: 'attribute_not_exists(#key)',
                        ExpressionAttributeNames: { '#key': 'Key' },
                      },
                    },
                  ]
                : []),
            ],
          }),
          { abortSignal: signal },
        );
        return { status: 'booked' };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (claim) {
          // Taken, or being taken by a racing copy of this request: its ride is the answer.
          const existing = await readClaim(claim.scopedKey, signal);
          if (existing) return { status: 'claimed', existing };
        }
        if (reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return { status: 'unicornTaken' };
        throw error;
      }
    },
  };

  async function readClaim(scopedKey: string, signal: AbortSignal | undefined): Promise<IdempotencyRecord | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tables.idempotency, Key: { Key: scopedKey }, ConsistentRead: true }), {
      abortSignal: signal,
    });
    return Item ? { fingerprint: Item.Fingerprint as string, response: Item.Response as IdempotencyRecord['response'] } : undefined;
  }
}

/** The per-item reasons of a cancelled transaction, or undefined for any other error. */
function cancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  return ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}
