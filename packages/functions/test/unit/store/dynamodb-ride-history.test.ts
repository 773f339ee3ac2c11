import type { RideRecord } from '@wildrydes/rides';
import { InvalidCursor, RIDER_INDEX } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { createCursorCodec } from '../../../src/store/cursor';
import { createDynamoDbRideHistory } from '../../../src/store/dynamodb-ride-history';
import { recordingClient } from '../support/recording-client';

const cursors = createCursorCodec('k'.repeat(48));
const lastKey = { RideId: 'r2', User: 'ann', RequestTime: '2026-11-22T10:00:00.000Z' };
const ride = { RideId: 'r1', User: 'ann' } as RideRecord;

describe('the DynamoDB ride history', () => {
  it('lists a rider’s rides newest first from the rider index, a page at a time, with a signed cursor to the next', async () => {
    const { client, sent } = recordingClient({ QueryCommand: () => ({ Items: [ride], LastEvaluatedKey: lastKey }) });
    const page = await createDynamoDbRideHistory(client, 'rides', cursors).listByRider('ann', { limit: 5 });
    expect(page.rides).toEqual([ride]);
    expect(cursors.decode(page.nextCursor ?? '', 'ann')).toEqual(lastKey);
    expect(sent).toEqual([
      expect.objectContaining({
        command: 'QueryCommand',
        input: expect.objectContaining({
          TableName: 'rides',
          IndexName: RIDER_INDEX.IndexName,
          ExpressionAttributeValues: { ':rider': 'ann' },
          ScanIndexForward: false,
          Limit: 5,
        }),
      }),
    ]);
  });

  it('starts the next page after the cursor’s key, and gives no cursor after the last page', async () => {
    const { client, sent } = recordingClient({ QueryCommand: () => ({ Items: [] }) });
    const page = await createDynamoDbRideHistory(client, 'rides', cursors).listByRider('ann', {
      limit: 5,
      cursor: cursors.encode(lastKey),
    });
    expect(sent[0]?.input.ExclusiveStartKey).toEqual(lastKey);
    expect(page).toEqual({ rides: [] });
  });

  it('refuses a cursor it did not issue to this rider before any query', async () => {
    const { client, sent } = recordingClient({ QueryCommand: () => ({ Items: [] }) });
    const history = createDynamoDbRideHistory(client, 'rides', cursors);
    await expect(history.listByRider('bob', { limit: 5, cursor: cursors.encode(lastKey) })).rejects.toBeInstanceOf(InvalidCursor);
    expect(sent).toEqual([]);
  });

  it('reads one ride by its id; built without a cursor key, it reads but never lists', async () => {
    const { client, sent } = recordingClient({ GetCommand: () => ({ Item: ride }) });
    const history = createDynamoDbRideHistory(client, 'rides');
    expect(await history.get('r1')).toEqual(ride);
    expect(sent[0]?.input).toEqual({ TableName: 'rides', Key: { RideId: 'r1' } });
    await expect(history.listByRider('ann', { limit: 5 })).rejects.toThrow(/without a cursor key/);
  });
});
