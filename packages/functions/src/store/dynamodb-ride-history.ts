import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RIDER_INDEX, type RideHistory, type RideRecord } from '@wildrydes/rides';
import type { CursorCodec, PageKey } from './cursor';

/**
 * Rides read back with a Query on the rider index (never a Scan). Cursors are the index's last
 * evaluated key, signed (cursor.ts): one this API did not issue to this rider is refused with
 * InvalidCursor before any query, so a cursor can neither reach someone else's history nor make
 * DynamoDB fail. GetRide never lists, so it builds this without `cursors` (and without the key).
 */
export function createDynamoDbRideHistory(client: DynamoDBDocumentClient, tableName: string, cursors?: CursorCodec): RideHistory {
  return {
    async listByRider(rider, { limit, cursor }) {
      if (!cursors) throw new Error('This ride history was built without a cursor key, so it cannot list');
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: RIDER_INDEX.IndexName,
          KeyConditionExpression: '#user = :rider',
          ExpressionAttributeNames: { '#user': 'User' },
          ExpressionAttributeValues: { ':rider': rider },
          ScanIndexForward: false,
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: cursors.decode(cursor, rider) } : {}),
        }),
      );
      return {
        rides: Items as RideRecord[],
        ...(LastEvaluatedKey ? { nextCursor: cursors.encode(LastEvaluatedKey as unknown as PageKey) } : {}),
      };
    },

    async get(rideId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { RideId: rideId } }));
      return Item as RideRecord | undefined;
    },
  };
}
