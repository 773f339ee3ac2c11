/**
 * Idempotent set-up of what serverless.yml declares for AWS: a second start finds and reuses
 * everything. The tables come from their definitions in @wildrydes/rides (tables.ts), the user
 * pool from the settings below; the template test proves serverless.yml declares the same.
 */

import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PASSWORD_POLICY } from '@wildrydes/contract';
import { type FleetSeed, fleetItem, SEED_FLEET, type TableDefinition, toFleetUnicorn } from '@wildrydes/rides';

/**
 * Puts each seed unicorn that is not there yet, free at its home; a unicorn already in the table
 * keeps its state (a redeploy must not free a booked unicorn), except that one stored before the
 * cell index existed gets its position and index keys (so the index finds it). Used by the local
 * stack, `pnpm fleet` and `pnpm run deploy`. Writes a few at a time: a big fleet takes seconds, not minutes.
 */
export async function seedFleet(
  client: DynamoDBClient,
  tableName: string,
  seeds: readonly FleetSeed[] = SEED_FLEET,
  concurrency = 16,
): Promise<number> {
  let added = 0;
  let next = 0;
  const documents = DynamoDBDocumentClient.from(client);
  const put = async (seed: FleetSeed) => {
    const item = fleetItem(toFleetUnicorn(seed));
    try {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#name)',
          ExpressionAttributeNames: { '#name': 'Name' },
        }),
      );
      added++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await documents
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: { Name: item.Name },
            UpdateExpression: 'SET #position = :position, #region = :region, Geohash = :geohash REMOVE Home',
            ConditionExpression: 'attribute_not_exists(#region)',
            ExpressionAttributeNames: { '#position': 'Position', '#region': 'Region' },
            ExpressionAttributeValues: { ':position': item.Position, ':region': item.Region, ':geohash': item.Geohash },
          }),
        )
        .catch((e: unknown) => {
          if (!(e instanceof ConditionalCheckFailedException)) throw e;
        });
    }
  };
  const worker = async () => {
    for (let i = next++; i < seeds.length; i = next++) await put(seeds[i] as FleetSeed);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return added;
}

export const USER_POOL_SETTINGS = {
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  Policies: { PasswordPolicy: PASSWORD_POLICY },
  // Riders may turn on an authenticator app (TOTP); nobody has to.
  MfaConfiguration: 'OPTIONAL',
} as const;

/**
 * The app client's settings that change what the web app does, as serverless.yml sets them
 * (packages/infra/test/template.test.ts proves it): refresh tokens rotate, so the app refreshes
 * with GetTokensFromRefreshToken and keeps the new refresh token each time.
 */
export const USER_POOL_CLIENT_SETTINGS = {
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
} as const;

/**
 * Creates the table if missing, and adds what an older local table lacks (data is kept): an index,
 * its stream, its TTL.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  { key, sortKey, indexes = [], stream, ttl }: TableDefinition,
): Promise<void> {
  const attributes = new Map<string, 'S'>([[key.AttributeName, key.AttributeType]]);
  if (sortKey) attributes.set(sortKey.AttributeName, sortKey.AttributeType);
  for (const index of indexes) for (const part of index.KeySchema) attributes.set(part.AttributeName, 'S');
  const definitions = [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
  const gsi = (index: (typeof indexes)[number]) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema.map((part) => ({ ...part })),
    Projection: { ...index.Projection },
  });
  const streamSpecification = stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream } } : {};
  let existing: string[] | undefined;
  let streaming = false;
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? '');
    streaming = Table?.StreamSpecification?.StreamEnabled === true;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (existing === undefined) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: definitions,
        KeySchema: [key, ...(sortKey ? [sortKey] : [])].map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })),
        ...(indexes.length ? { GlobalSecondaryIndexes: indexes.map(gsi) } : {}),
        ...streamSpecification,
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    if (ttl) {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttl, Enabled: true } }),
      );
    }
    return;
  }
  if (ttl) {
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttl, Enabled: true } }),
      );
    }
  }
  if (stream && !streaming) await client.send(new UpdateTableCommand({ TableName: tableName, ...streamSpecification }));
  for (const index of indexes.filter((i) => !existing.includes(i.IndexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: definitions,
        GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
      }),
    );
  }
}

export async function ensureUserPool(client: CognitoIdentityProviderClient, name: string): Promise<string> {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === name);
  if (existing?.Id) return existing.Id;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: [...USER_POOL_SETTINGS.UsernameAttributes],
      AutoVerifiedAttributes: [...USER_POOL_SETTINGS.AutoVerifiedAttributes],
      Policies: USER_POOL_SETTINGS.Policies,
      MfaConfiguration: USER_POOL_SETTINGS.MfaConfiguration,
    }),
  );
  if (!UserPool?.Id) throw new Error('cognito-local created a user pool without an id');
  return UserPool.Id;
}

export async function ensureUserPoolClient(client: CognitoIdentityProviderClient, userPoolId: string, name: string): Promise<string> {
  const { UserPoolClients = [] } = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const existing = UserPoolClients.find((c) => c.ClientName === name);
  if (existing?.ClientId) return existing.ClientId;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: name,
      GenerateSecret: false,
      // cognito-local signs in only with USER_PASSWORD_AUTH; AWS keeps SRP (serverless.yml).
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenRotation: { ...USER_POOL_CLIENT_SETTINGS.RefreshTokenRotation },
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error('cognito-local created an app client without an id');
  return UserPoolClient.ClientId;
}

/** A confirmed rider who can sign in at once: registers (if new) and confirms without the emailed code. */
export async function ensureRider(
  client: CognitoIdentityProviderClient,
  ids: { userPoolId: string; userPoolClientId: string },
  rider: { email: string; password: string },
): Promise<void> {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: rider.email }));
    return;
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
  }
  await client.send(
    new SignUpCommand({
      ClientId: ids.userPoolClientId,
      Username: rider.email,
      Password: rider.password,
      UserAttributes: [{ Name: 'email', Value: rider.email }],
    }),
  );
  await client.send(new AdminConfirmSignUpCommand({ UserPoolId: ids.userPoolId, Username: rider.email }));
}
