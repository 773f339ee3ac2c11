import { CONNECTION_RIDER_INDEX } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { createDynamoDbLiveConnections } from '../../../src/store/dynamodb-live-connections';
import { recordingClient } from '../support/recording-client';

const tables = { connections: 'connections', watches: 'watches' };
const conditionFailed = () => {
  throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
};
const writes = (sent: { command: string; input: Record<string, unknown> }[]) =>
  sent.filter((s) => s.command !== 'UpdateCommand').map((s) => [s.command, s.input.Item ?? s.input.Key]);

describe('the DynamoDB live connections', () => {
  it('records a connection under its rider with its TTL, watching nothing yet', async () => {
    const { client, sent } = recordingClient({ PutCommand: () => ({}) });
    await createDynamoDbLiveConnections(client, tables).add('c1', 'ann', 1000);
    expect(sent.map((s) => s.input)).toEqual([
      { TableName: 'connections', Item: { ConnectionId: 'c1', User: 'ann', ExpiresAt: 1000, WatchCells: [] } },
    ]);
  });

  it('replaces what a connection watches by writing only the difference, each watch forgotten with the connection', async () => {
    const { client, sent } = recordingClient({
      UpdateCommand: () => ({ Attributes: { ConnectionId: 'c1', ExpiresAt: 1000, WatchCells: ['c23n', 'c23p'] } }),
      DeleteCommand: () => ({}),
      PutCommand: () => ({}),
    });
    expect(await createDynamoDbLiveConnections(client, tables).watch('c1', ['c23p', 'c23q'])).toBe(true);
    expect(sent[0]?.input).toMatchObject({ Key: { ConnectionId: 'c1' }, ExpressionAttributeValues: { ':cells': ['c23p', 'c23q'] } });
    expect(writes(sent)).toEqual([
      ['DeleteCommand', { Cell: 'c23n', ConnectionId: 'c1' }],
      ['PutCommand', { Cell: 'c23q', ConnectionId: 'c1', ExpiresAt: 1000 }],
    ]);
  });

  it('writes no watch for a connection that closed meanwhile', async () => {
    const { client, sent } = recordingClient({ UpdateCommand: conditionFailed });
    expect(await createDynamoDbLiveConnections(client, tables).watch('gone', ['c23p'])).toBe(false);
    expect(sent.map((s) => s.command)).toEqual(['UpdateCommand']);
  });

  it('forgets a connection with the cells it watched', async () => {
    const { client, sent } = recordingClient({
      DeleteCommand: (input) => (input.TableName === 'connections' ? { Attributes: { WatchCells: ['c23n'] } } : {}),
    });
    await createDynamoDbLiveConnections(client, tables).remove('c1');
    expect(writes(sent)).toEqual([
      ['DeleteCommand', { ConnectionId: 'c1' }],
      ['DeleteCommand', { Cell: 'c23n', ConnectionId: 'c1' }],
    ]);
  });

  it('finds a rider’s connections on every page of the rider index', async () => {
    const pages = [{ Items: [{ ConnectionId: 'c1' }], LastEvaluatedKey: { ConnectionId: 'c1' } }, { Items: [{ ConnectionId: 'c2' }] }];
    const { client, sent } = recordingClient({ QueryCommand: () => pages.shift() });
    expect(await createDynamoDbLiveConnections(client, tables).ofRider('ann')).toEqual(['c1', 'c2']);
    expect(sent.map((s) => [s.input.IndexName, s.input.ExclusiveStartKey])).toEqual([
      [CONNECTION_RIDER_INDEX.IndexName, undefined],
      [CONNECTION_RIDER_INDEX.IndexName, { ConnectionId: 'c1' }],
    ]);
  });

  it('names each watcher of several cells once', async () => {
    const { client } = recordingClient({
      QueryCommand: (input) => ({
        Items:
          (input.ExpressionAttributeValues as { ':cell': string })[':cell'] === 'a'
            ? [{ ConnectionId: 'c1' }, { ConnectionId: 'c2' }]
            : [{ ConnectionId: 'c2' }],
      }),
    });
    expect(await createDynamoDbLiveConnections(client, tables).watchersOf(['a', 'b'])).toEqual(['c1', 'c2']);
  });
});
