import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyRecord, RideRecord, RideStore } from '@wildrydes/rides';

export interface RideTables {
  rides: string;
  idempotency: string;
}

/** How long a key is remembered: long enough for any client's retries, short enough to stay small. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Rides in DynamoDB, one item per ride keyed by RideId; idempotency claims in their own table. */
export function createDynamoDbRideStore(client: DynamoDBDocumentClient, tables: RideTables): RideStore {
  // A ride id collision (2^-128) must fail loudly, never replace someone's ride.
  const putRide = (ride: RideRecord) => ({ TableName: tables.rides, Item: ride, ConditionExpression: 'attribute_not_exists(RideId)' });

  return {
    async put(ride) {
      try {
        await client.send(new PutCommand(putRide(ride)));
      } catch (error) {
        // The SDK retries an attempt that timed out; if that attempt did write, the retry finds
        // the ride already there. Ours, not a collision: the booking stands.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        const { Item } = await client.send(new GetCommand({ TableName: tables.rides, Key: { RideId: ride.RideId }, ConsistentRead: true }));
        if (Item?.User !== ride.User || Item.RequestTime !== ride.RequestTime) throw error;
      }
    },

    async putOnce(ride, claim: IdempotencyClaim) {
      // Copies of one request racing each other: one transaction wins, the others are cancelled
      // (claim taken, or a conflict while the winner is in flight) and answer with the winner's ride.
      for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: putRide(ride) },
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
              ],
            }),
          );
          return { created: true };
        } catch (error) {
          if (!cancelledByClaim(error)) throw error;
        }
        const existing = await readClaim(claim.scopedKey);
        if (existing) return { created: false, existing };
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
      }
      throw Object.assign(new Error('Idempotency key stayed contended'), { name: 'TransactionConflict' });
    },
  };

  async function readClaim(scopedKey: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tables.idempotency, Key: { Key: scopedKey }, ConsistentRead: true }));
    return Item ? { fingerprint: Item.Fingerprint as string, response: Item.Response as IdempotencyRecord['response'] } : undefined;
  }
}

const MAX_CLAIM_ATTEMPTS = 4;

/** True when the transaction was cancelled over the idempotency claim: taken, or being taken right now. */
function cancelledByClaim(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  const claim = reasons[1]?.Code;
  return claim === 'ConditionalCheckFailed' || claim === 'TransactionConflict' || reasons[0]?.Code === 'TransactionConflict';
}
