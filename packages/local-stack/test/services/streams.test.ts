import { describe, expect, it } from 'vitest';
import { batches, toLambdaRecord } from '../../src/services/streams';

const arn = 'arn:aws:dynamodb:ddblocal:000000000000:table/wildrydes-local-rides/stream/2026-12-03T10:00:00.000';

describe('stream records as Lambda hands them to a function', () => {
  it('carries the images and keys as DynamoDB JSON, the time in epoch seconds, and the source', () => {
    const record = toLambdaRecord(
      {
        eventID: 'e1',
        eventName: 'MODIFY',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'ddblocal',
        dynamodb: {
          ApproximateCreationDateTime: new Date('2026-12-03T10:00:01.900Z'),
          Keys: { RideId: { S: 'r1' } },
          OldImage: { RideId: { S: 'r1' } },
          NewImage: { RideId: { S: 'r1' }, CancelTime: { S: '2026-12-03T10:00:01.000Z' } },
          SequenceNumber: '100',
          SizeBytes: 42,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
      arn,
      'us-east-1',
    );
    expect(record).toEqual({
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: 1796292001,
        Keys: { RideId: { S: 'r1' } },
        OldImage: { RideId: { S: 'r1' } },
        NewImage: { RideId: { S: 'r1' }, CancelTime: { S: '2026-12-03T10:00:01.000Z' } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: arn,
    });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('batches in order, none larger than the batch size', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 25)).toEqual([]);
    expect(batches([1, 2], 25)).toEqual([[1, 2]]);
  });
});
