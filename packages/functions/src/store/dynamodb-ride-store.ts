import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RideRecord, RideStore } from '@wildrydes/rides';

/** Rides in DynamoDB, one item per ride, keyed by RideId. */
export function createDynamoDbRideStore(client: DynamoDBDocumentClient, tableName: string): RideStore {
  return {
    async put(ride: RideRecord) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: ride,
          // A ride id collision (2^-128) must fail loudly, never replace someone's ride.
          ConditionExpression: 'attribute_not_exists(RideId)',
        }),
      );
    },
  };
}
