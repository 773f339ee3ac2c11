import { describe, expect, it } from 'vitest';
import { createDynamoDbFleetCensus } from '../../../src/store/dynamodb-fleet-census';
import { recordingClient } from '../support/recording-client';

describe('the DynamoDB fleet census', () => {
  it('counts the whole fleet, free and busy, over every page of a Scan of BusyUntil alone', async () => {
    const now = 1_000;
    const pages = [
      { Items: [{ BusyUntil: 0 }, { BusyUntil: 2_000 }], LastEvaluatedKey: { Name: 'b' } },
      { Items: [{ BusyUntil: 1_000 }, { BusyUntil: 5_000 }, { BusyUntil: 10 }] },
    ];
    const { client, sent } = recordingClient({ ScanCommand: () => pages.shift() });
    expect(await createDynamoDbFleetCensus(client, 'unicorns')(now)).toEqual({ free: 3, busy: 2 });
    expect(sent.map((s) => s.input)).toEqual([
      { TableName: 'unicorns', ProjectionExpression: 'BusyUntil', ExclusiveStartKey: undefined },
      { TableName: 'unicorns', ProjectionExpression: 'BusyUntil', ExclusiveStartKey: { Name: 'b' } },
    ]);
  });
});
