import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursor, type RideHistory, type RideRecord } from '@wildrydes/rides';
import { RIDER_INDEX } from './tables';

interface PageKey {
  RideId: string;
  User: string;
  RequestTime: string;
}

/**
 * Rides read back with a Query on the rider index (never a Scan). Cursors are the index's last
 * evaluated key, base64url-encoded; one that does not decode to this rider's key is refused, so a
 * cursor can neither be forged into someone else's history nor crash the query.
 */
export function createDynamoDbRideHistory(client: DynamoDBDocumentClient, tableName: string): RideHistory {
  return {
    async listByRider(rider, { limit, cursor }) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: RIDER_INDEX,
          KeyConditionExpression: '#user = :rider',
          ExpressionAttributeNames: { '#user': 'User' },
          ExpressionAttributeValues: { ':rider': rider },
          ScanIndexForward: false,
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, rider) } : {}),
        }),
      );
      return {
        rides: Items as RideRecord[],
        ...(LastEvaluatedKey ? { nextCursor: encodeCursor(LastEvaluatedKey as unknown as PageKey) } : {}),
      };
    },

    async get(rideId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { RideId: rideId } }));
      return Item as RideRecord | undefined;
    },
  };
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify({ RideId: key.RideId, User: key.User, RequestTime: key.RequestTime })).toString('base64url');
}

export function decodeCursor(cursor: string, rider: string): PageKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('cursor is not valid: pass back the NextCursor of the previous page');
  }
  const { RideId, User, RequestTime } = (key ?? {}) as Partial<Record<keyof PageKey, unknown>>;
  if (typeof RideId !== 'string' || typeof RequestTime !== 'string' || User !== rider || Object.keys(key as object).length !== 3) {
    throw new InvalidCursor('cursor is not valid: pass back the NextCursor of the previous page');
  }
  return { RideId, User, RequestTime };
}
