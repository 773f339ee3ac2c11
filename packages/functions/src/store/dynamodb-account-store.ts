import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AccountStore, CLAIM_KEY, RIDER_INDEX } from '@wildrydes/rides';
import type { RideTables } from './dynamodb-ride-store';
import { stringAttribute } from './dynamodb-ride-store';

/** DynamoDB takes at most 25 writes per BatchWriteItem. */
const BATCH = 25;
/** Rounds of resending what DynamoDB left unprocessed (throttling) before giving up; a retry of DELETE /me goes on. */
const UNPROCESSED_ROUNDS = 5;

type DeleteRequest = { DeleteRequest: { Key: Record<string, string> } };

/**
 * A rider's data in DynamoDB, for deleting an account: the riders table's record is closed with a
 * condition (no ride on its way), then the rides are read page by page from the rider index (never
 * a Scan) and deleted with the claims they name. Deletes are idempotent: a second run finishes the first.
 */
export function createDynamoDbAccountStore(
  client: DynamoDBDocumentClient,
  tables: Pick<RideTables, 'rides' | 'idempotency' | 'riders'>,
): AccountStore {
  async function deleteAll(requests: Record<string, DeleteRequest[]>, signal?: AbortSignal): Promise<void> {
    let pending = requests;
    for (let round = 0; Object.keys(pending).length > 0; round++) {
      if (round === UNPROCESSED_ROUNDS) throw new Error('DynamoDB left deletes unprocessed: ask again in a moment');
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: pending }), { abortSignal: signal });
      pending = (UnprocessedItems ?? {}) as Record<string, DeleteRequest[]>;
    }
  }

  return {
    async close(rider, now, holdUntil, signal) {
      try {
        await client.send(
          new PutCommand({
            TableName: tables.riders,
            Item: { User: rider, ActiveUntil: holdUntil, DeletedAt: now, ExpiresAt: Math.ceil(holdUntil / 1000) },
            // No ride on its way (no record, one that has ended, or one already closed).
            ConditionExpression: 'attribute_not_exists(#user) OR ActiveUntil <= :now OR attribute_exists(DeletedAt)',
            ExpressionAttributeNames: { '#user': 'User' },
            ExpressionAttributeValues: { ':now': now },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
          { abortSignal: signal },
        );
        return { status: 'closed' };
      } catch (error) {
        if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
        const item = (error as { Item?: Record<string, unknown> }).Item;
        return { status: 'active', rideId: stringAttribute(item?.ActiveRideId) ?? 'unknown' };
      }
    },

    async deleteRides(rider, signal) {
      let deleted = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.rides,
            IndexName: RIDER_INDEX.IndexName,
            KeyConditionExpression: '#user = :rider',
            ExpressionAttributeNames: { '#user': 'User', '#claim': CLAIM_KEY },
            ExpressionAttributeValues: { ':rider': rider },
            ProjectionExpression: 'RideId, #claim',
            // Rides and their claims fit one BatchWriteItem.
            Limit: Math.floor(BATCH / 2),
            ExclusiveStartKey: start,
          }),
          { abortSignal: signal },
        );
        const items = page.Items ?? [];
        const rides: DeleteRequest[] = items.map((item) => ({ DeleteRequest: { Key: { RideId: String(item.RideId) } } }));
        const claims: DeleteRequest[] = items
          .map((item) => stringAttribute(item[CLAIM_KEY]))
          .filter((key): key is string => key !== undefined)
          .map((key) => ({ DeleteRequest: { Key: { Key: key } } }));
        if (rides.length > 0) {
          await deleteAll({ [tables.rides]: rides, ...(claims.length > 0 ? { [tables.idempotency]: claims } : {}) }, signal);
        }
        deleted += rides.length;
        start = page.LastEvaluatedKey;
      } while (start);
      return deleted;
    },
  };
}
