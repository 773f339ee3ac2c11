/**
 * The AWS SDK v3 on its own, for the cold-start table: what any function built on
 * `@aws-sdk/lib-dynamodb` pays before its own code runs. The client is created at import, as in
 * WildRydes; one invocation writes the workshop's ride item with one PutItem. No token check, no
 * validation, no dispatch: not a product, a floor. `pnpm bench` bundles it with the esbuild options
 * serverless.yml gives the real functions.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
export const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION, ...(endpoint ? { endpoint } : {}) }),
);

export const handler = async (): Promise<{ statusCode: number; body: string }> => {
  const item = {
    RideId: `sdk-floor-${randomUUID()}`,
    User: 'bench-sdk-floor',
    Unicorn: { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
    UnicornName: 'Bucephalus',
    RequestTime: new Date().toISOString(),
  };
  await client.send(new PutCommand({ TableName: process.env.RIDES_TABLE, Item: item }));
  return { statusCode: 201, body: JSON.stringify({ RideId: item.RideId }) };
};
