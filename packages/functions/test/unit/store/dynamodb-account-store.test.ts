import { CLAIM_KEY, RIDER_INDEX } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { createDynamoDbAccountStore } from '../../../src/store/dynamodb-account-store';
import { recordingClient } from '../support/recording-client';

const tables = { rides: 'rides', idempotency: 'idempotency', riders: 'riders' };

describe('the DynamoDB account store', () => {
  it('closes the rider’s record, held for the day the deletion refuses old tokens, then forgotten by TTL', async () => {
    const { client, sent } = recordingClient({ PutCommand: () => ({}) });
    expect(await createDynamoDbAccountStore(client, tables).close('ann', 1_000, 86_401_000)).toEqual({ status: 'closed' });
    expect(sent[0]?.input).toMatchObject({
      TableName: 'riders',
      Item: { User: 'ann', ActiveUntil: 86_401_000, DeletedAt: 1_000, ExpiresAt: 86_401 },
      ExpressionAttributeValues: { ':now': 1_000 },
    });
  });

  it('names the ride on its way when the record cannot be closed', async () => {
    const { client } = recordingClient({
      PutCommand: () => {
        throw Object.assign(new Error('The conditional request failed'), {
          name: 'ConditionalCheckFailedException',
          Item: { User: 'ann', ActiveRideId: 'ride-7', ActiveUntil: 9_999 },
        });
      },
    });
    expect(await createDynamoDbAccountStore(client, tables).close('ann', 1_000, 2_000)).toEqual({ status: 'active', rideId: 'ride-7' });
  });

  it('deletes every ride of the rider, page by page from the rider index, with the claims they name', async () => {
    const pages = [
      { Items: [{ RideId: 'r1', [CLAIM_KEY]: 'ann#k1' }, { RideId: 'r2' }], LastEvaluatedKey: { RideId: 'r2' } },
      { Items: [{ RideId: 'r3', [CLAIM_KEY]: 'ann#k3' }] },
    ];
    const { client, sent } = recordingClient({ QueryCommand: () => pages.shift(), BatchWriteCommand: () => ({}) });
    expect(await createDynamoDbAccountStore(client, tables).deleteRides('ann')).toBe(3);
    const queries = sent.filter((s) => s.command === 'QueryCommand').map((s) => s.input);
    expect(queries.map((q) => [q.IndexName, q.ExpressionAttributeValues, q.ExclusiveStartKey])).toEqual([
      [RIDER_INDEX.IndexName, { ':rider': 'ann' }, undefined],
      [RIDER_INDEX.IndexName, { ':rider': 'ann' }, { RideId: 'r2' }],
    ]);
    expect(sent.filter((s) => s.command === 'BatchWriteCommand').map((s) => s.input.RequestItems)).toEqual([
      {
        rides: [{ DeleteRequest: { Key: { RideId: 'r1' } } }, { DeleteRequest: { Key: { RideId: 'r2' } } }],
        idempotency: [{ DeleteRequest: { Key: { Key: 'ann#k1' } } }],
      },
      { rides: [{ DeleteRequest: { Key: { RideId: 'r3' } } }], idempotency: [{ DeleteRequest: { Key: { Key: 'ann#k3' } } }] },
    ]);
  });

  it('sends again what DynamoDB left unprocessed', async () => {
    const left = { rides: [{ DeleteRequest: { Key: { RideId: 'r1' } } }] };
    const answers = [{ UnprocessedItems: left }, {}];
    const { client, sent } = recordingClient({
      QueryCommand: () => ({ Items: [{ RideId: 'r1' }] }),
      BatchWriteCommand: () => answers.shift(),
    });
    expect(await createDynamoDbAccountStore(client, tables).deleteRides('ann')).toBe(1);
    expect(sent.filter((s) => s.command === 'BatchWriteCommand').map((s) => s.input.RequestItems)).toEqual([left, left]);
  });
});
