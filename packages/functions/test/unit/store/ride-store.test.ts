import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { RideRecord } from '@wildrydes/rides';
import { createDynamoDbRideStore } from '../../../src/store/dynamodb-ride-store';

const ride: RideRecord = {
  RideId: 'r1',
  User: 'ann',
  Unicorn: { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
  UnicornName: 'Rocinante',
  RequestTime: '2026-11-22T10:00:00.000Z',
  PickupLocation: { Latitude: 1, Longitude: 2 },
};
const conditionFailed = Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

/** A client whose put was already applied by an earlier, timed-out attempt. */
function clientFinding(stored: Partial<RideRecord> | undefined) {
  return {
    send: async (command: unknown) => {
      if (command instanceof PutCommand) throw conditionFailed;
      if (command instanceof GetCommand) return { Item: stored };
      throw new Error('unexpected command');
    },
  } as unknown as DynamoDBDocumentClient;
}

describe('DynamoDB ride store', () => {
  it('treats "already there" as success when the stored ride is this very ride (a retried attempt)', async () => {
    const store = createDynamoDbRideStore(clientFinding(ride), { rides: 'rides', idempotency: 'keys' });
    await expect(store.put(ride)).resolves.toBeUndefined();
  });

  it('fails on a real id collision with someone else’s ride', async () => {
    const store = createDynamoDbRideStore(clientFinding({ ...ride, User: 'bob' }), { rides: 'rides', idempotency: 'keys' });
    await expect(store.put(ride)).rejects.toBe(conditionFailed);
  });
});
