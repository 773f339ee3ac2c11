import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type IdTokenVerifier, Unauthorized } from '../../../src/auth/id-token';
import { createListRidesHandler } from '../../../src/list-rides/app';
import { createCursorCodec } from '../../../src/store/cursor';
import { createDynamoDbRideHistory } from '../../../src/store/dynamodb-ride-history';

const verifier: IdTokenVerifier = {
  verify: async (authorization) => {
    if (authorization !== 'good-token') throw new Unauthorized('Unauthorized: the token is not valid');
    return { username: 'ann', sub: 'sub-ann' };
  },
};
const cursors = createCursorCodec('s'.repeat(48));
const lastKey = { RideId: 'r2', User: 'ann', RequestTime: '2026-11-22T10:00:00.000Z' };

/** The handler over a DynamoDB client that records each query and answers one page with a next key. */
function setup() {
  const queries: Record<string, unknown>[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      queries.push(command.input);
      return { Items: [], LastEvaluatedKey: lastKey };
    },
  } as unknown as DynamoDBDocumentClient;
  const handler = createListRidesHandler({
    verifier,
    allowedOrigins: ['http://localhost:5173'],
    answerReserveMs: 1000,
    history: createDynamoDbRideHistory(client, 'rides', cursors),
    now: () => new Date('2026-11-22T10:00:00.000Z'),
  });
  const get = (cursor: string) =>
    handler(
      { headers: { Authorization: 'good-token' }, queryStringParameters: { limit: '2', cursor } } as unknown as APIGatewayProxyEvent,
      { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 },
    );
  return { get, queries };
}

const unsigned = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('ListRides handler', () => {
  it('pages on with a cursor it issued: the query starts at the key inside', async () => {
    const { get, queries } = setup();
    const response = await get(cursors.encode(lastKey));
    expect(response.statusCode).toBe(200);
    expect(queries[0]).toMatchObject({ ExclusiveStartKey: lastKey, KeyConditionExpression: '#user = :rider' });
    expect(cursors.decode(JSON.parse(response.body).NextCursor, 'ann')).toEqual(lastKey);
  });

  it.each([
    ['an empty RideId', unsigned({ ...lastKey, RideId: '' })],
    ['an empty RequestTime', unsigned({ ...lastKey, RequestTime: '' })],
    ['an empty RideId and RequestTime', unsigned({ ...lastKey, RideId: '', RequestTime: '' })],
    ['an unsigned key of the caller’s own', unsigned(lastKey)],
    ['another rider’s cursor', cursors.encode({ ...lastKey, User: 'bob' })],
    ['garbage', 'not-a-cursor'],
  ])('refuses %s with 400 before any query reaches DynamoDB', async (_name, cursor) => {
    const { get, queries } = setup();
    const response = await get(cursor);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: expect.stringMatching(/^cursor is not one this API issued/) });
    expect(queries).toEqual([]);
  });
});
