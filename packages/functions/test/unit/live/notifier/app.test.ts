import { marshall } from '@aws-sdk/util-dynamodb';
import { RideMessage, UnicornMessage } from '@wildrydes/contract';
import { type FleetUnicorn, watchCellOf } from '@wildrydes/rides';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createNotifier, tableOfStream } from '../../../../src/live/notifier/app';
import { emittedMetrics } from '../../support/emitted-metrics';
import { memoryConnections, recordingPush } from '../../support/live-fakes';
import { record as storedRide } from '../../support/ride-record';

const now = Date.parse('2026-12-03T07:00:00Z');
const tables = { rides: 'wildrydes-test-rides', unicorns: 'wildrydes-test-unicorns' };
const arn = (table: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${table}/stream/2026-12-03T00:00:00.000`;

// The shared stored ride (booked 06:59, pickup 07:01): on its way at the test's clock.
const ride = storedRide;
const unicorn: FleetUnicorn = {
  Name: 'Shadowfax',
  Color: 'White',
  Gender: 'Male',
  Position: { Latitude: 47.6, Longitude: -122.32 },
  BusyUntil: 0,
};

const record = (table: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', before?: object, after?: object): DynamoDBRecord =>
  ({
    eventName,
    eventSourceARN: arn(table),
    dynamodb: {
      ...(before ? { OldImage: marshall(before, { removeUndefinedValues: true }) } : {}),
      ...(after ? { NewImage: marshall(after, { removeUndefinedValues: true }) } : {}),
    },
  }) as DynamoDBRecord;

async function setUp(options: { gone?: string[]; failing?: string[] } = {}) {
  const store = memoryConnections();
  await store.connections.add('mine-1', 'rider-1', 0);
  await store.connections.add('mine-2', 'rider-1', 0);
  await store.connections.add('theirs', 'rider-2', 0);
  const pushes = recordingPush(options);
  const notify = createNotifier({ tables, connections: store.connections, push: pushes.push, now: () => now });
  const run = (...records: DynamoDBRecord[]) => notify({ Records: records } as DynamoDBStreamEvent);
  return { ...store, ...pushes, run };
}

describe('the live notifier', () => {
  it('reads the table from a stream ARN', () => {
    expect(tableOfStream(arn('wildrydes-dev-rides'))).toBe('wildrydes-dev-rides');
    expect(tableOfStream('arn:aws:dynamodb:ddblocal:000000000000:table/wildrydes-local-rides/stream/2026-12-03T10:00:00.000')).toBe(
      'wildrydes-local-rides',
    );
    expect(tableOfStream(undefined)).toBeUndefined();
  });

  it('pushes a booked ride to every connection of its rider, and to nobody else', async () => {
    const { run, of } = await setUp();
    const report = await run(record(tables.rides, 'INSERT', undefined, ride));
    expect(report).toEqual({ sent: 2, gone: 0, failed: 0 });
    for (const id of ['mine-1', 'mine-2']) {
      const [message] = of(id).map((m) => RideMessage.parse(m));
      expect(message).toMatchObject({ Change: 'booked', RideId: 'ride-1', Status: 'Assigned' });
      expect(message?.Path).toEqual({
        From: ride.UnicornStart,
        To: ride.PickupLocation,
        Departs: ride.BookedFrom,
        Arrives: ride.PickupTime,
      });
    }
    expect(of('theirs')).toEqual([]);
  });

  it('pushes a cancel as cancelled, with the Cancelled status', async () => {
    const { run, of } = await setUp();
    await run(record(tables.rides, 'MODIFY', ride, { ...ride, CancelTime: '2026-12-03T07:00:00.000Z' }));
    expect(RideMessage.parse(of('mine-1')[0])).toMatchObject({ Change: 'cancelled', Status: 'Cancelled' });
  });

  it('pushes a moved unicorn to the watchers of the cells it left and entered only', async () => {
    const { run, of, connections } = await setUp();
    const to = { Latitude: 37.56, Longitude: 126.98 };
    await connections.watch('mine-1', [watchCellOf(unicorn.Position)]);
    await connections.watch('theirs', [watchCellOf(to)]);
    await connections.watch('mine-2', ['u000']);
    const booked = { ...unicorn, Position: to, BusyUntil: now + 600_000 };
    await run(record(tables.unicorns, 'MODIFY', unicorn, booked));
    for (const id of ['mine-1', 'theirs']) {
      expect(UnicornMessage.parse(of(id)[0]).Unicorn).toEqual({
        Name: 'Shadowfax',
        Position: to,
        FreeFrom: new Date(now + 600_000).toISOString(),
      });
    }
    expect(of('mine-2')).toEqual([]);
  });

  it('forgets connections API Gateway no longer knows (410), and goes on past one that fails', async () => {
    const { run, riders, of } = await setUp({ gone: ['mine-1'], failing: ['mine-2'] });
    riders.set('other', 'rider-1');
    const report = await run(record(tables.rides, 'INSERT', undefined, ride));
    expect(report).toEqual({ sent: 1, gone: 1, failed: 1 });
    expect(riders.has('mine-1')).toBe(false);
    expect(riders.has('mine-2')).toBe(true);
    expect(of('other')).toHaveLength(1);
  });

  it('counts what it sent, the connections that were gone and the posts that failed', async () => {
    const { run } = await setUp({ gone: ['mine-1'], failing: ['mine-2'] });
    const other = await setUp();
    expect(await emittedMetrics(() => run(record(tables.rides, 'INSERT', undefined, ride)))).toEqual({
      PushesSent: [0],
      ConnectionsGone: [1],
      PushesFailed: [1],
    });
    expect(await emittedMetrics(() => other.run(record(tables.rides, 'INSERT', undefined, ride)))).toMatchObject({ PushesSent: [2] });
  });

  it('sends nothing for removed items, unchanged unicorns, or another table', async () => {
    const { run, received } = await setUp();
    const report = await run(
      record(tables.rides, 'REMOVE', ride, undefined),
      record(tables.unicorns, 'MODIFY', unicorn, { ...unicorn, RideId: 'ride-9' }),
      record('wildrydes-test-riders', 'INSERT', undefined, { User: 'rider-1' }),
    );
    expect(report).toEqual({ sent: 0, gone: 0, failed: 0 });
    expect(received.size).toBe(0);
  });
});
