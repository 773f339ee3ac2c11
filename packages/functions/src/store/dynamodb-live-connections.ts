import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CONNECTION_RIDER_INDEX } from '@wildrydes/rides';

/** The live API's bookkeeping: who is connected, and which map cells each connection watches. */
export interface LiveConnections {
  /** Records an open connection of `rider`, forgotten by the table's TTL at `expiresAt` (epoch seconds) if never removed. */
  add(connectionId: string, rider: string, expiresAt: number): Promise<void>;
  /** Forgets a connection and its watches; nothing happens for one already gone. */
  remove(connectionId: string): Promise<void>;
  /**
   * Replaces the cells the connection watches. Resolves false when the connection is not known
   * (closed meanwhile): nothing is written then.
   */
  watch(connectionId: string, cells: readonly string[]): Promise<boolean>;
  /** Every open connection of the rider (all their tabs and devices). */
  ofRider(rider: string): Promise<string[]>;
  /** The connections watching any of these cells, each once. */
  watchersOf(cells: readonly string[]): Promise<string[]>;
}

interface LiveTables {
  connections: string;
  watches: string;
}

export function createDynamoDbLiveConnections(client: DynamoDBDocumentClient, tables: LiveTables): LiveConnections {
  async function queryIds(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) if (typeof item.ConnectionId === 'string') ids.push(item.ConnectionId);
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  const unwatch = (connectionId: string, cells: readonly string[]) =>
    Promise.all(
      cells.map((Cell) => client.send(new DeleteCommand({ TableName: tables.watches, Key: { Cell, ConnectionId: connectionId } }))),
    );

  return {
    async add(connectionId, rider, expiresAt) {
      await client.send(
        new PutCommand({
          TableName: tables.connections,
          Item: { ConnectionId: connectionId, User: rider, ExpiresAt: expiresAt, WatchCells: [] },
        }),
      );
    },

    async remove(connectionId) {
      const { Attributes } = await client.send(
        new DeleteCommand({ TableName: tables.connections, Key: { ConnectionId: connectionId }, ReturnValues: 'ALL_OLD' }),
      );
      await unwatch(connectionId, cellsOf(Attributes));
    },

    async watch(connectionId, cells) {
      let before: Record<string, unknown> | undefined;
      try {
        // The connection must still exist: a watch racing its $disconnect writes nothing.
        ({ Attributes: before } = await client.send(
          new UpdateCommand({
            TableName: tables.connections,
            Key: { ConnectionId: connectionId },
            UpdateExpression: 'SET WatchCells = :cells',
            ConditionExpression: 'attribute_exists(ConnectionId)',
            ExpressionAttributeValues: { ':cells': [...cells] },
            ReturnValues: 'ALL_OLD',
          }),
        ));
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
      const expiresAt = Number(before?.ExpiresAt) || undefined;
      const old = cellsOf(before);
      await unwatch(
        connectionId,
        old.filter((cell) => !cells.includes(cell)),
      );
      await Promise.all(
        cells
          .filter((cell) => !old.includes(cell))
          .map((Cell) =>
            client.send(
              new PutCommand({
                TableName: tables.watches,
                Item: { Cell, ConnectionId: connectionId, ...(expiresAt ? { ExpiresAt: expiresAt } : {}) },
              }),
            ),
          ),
      );
      return true;
    },

    ofRider(rider) {
      return queryIds({
        TableName: tables.connections,
        IndexName: CONNECTION_RIDER_INDEX.IndexName,
        KeyConditionExpression: '#user = :user',
        ExpressionAttributeNames: { '#user': 'User' },
        ExpressionAttributeValues: { ':user': rider },
      });
    },

    async watchersOf(cells) {
      const pages = await Promise.all(
        cells.map((cell) =>
          queryIds({
            TableName: tables.watches,
            KeyConditionExpression: 'Cell = :cell',
            ExpressionAttributeValues: { ':cell': cell },
          }),
        ),
      );
      return [...new Set(pages.flat())];
    },
  };
}

function cellsOf(item: Record<string, unknown> | undefined): string[] {
  const cells = item?.WatchCells;
  return Array.isArray(cells) ? cells.filter((cell): cell is string => typeof cell === 'string') : [];
}
