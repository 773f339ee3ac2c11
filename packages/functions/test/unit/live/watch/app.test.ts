import { LiveMessage, MAX_WATCH_CELLS, UnicornsMessage } from '@wildrydes/contract';
import { type FleetUnicorn, watchCellOf } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { createWatchHandler } from '../../../../src/live/watch/app';
import { memoryConnections, recordingPush } from '../../support/live-fakes';

const now = Date.parse('2026-12-03T12:00:00Z');
const seattle = { South: 47.59, West: -122.36, North: 47.63, East: -122.31 };
const unicorn = (Name: string, Latitude: number, Longitude: number, BusyUntil = 0): FleetUnicorn => ({
  Name,
  Color: 'Golden',
  Gender: 'Female',
  Position: { Latitude, Longitude },
  BusyUntil,
});
const fleet = [unicorn('Near', 47.61, -122.335), unicorn('Busy', 47.612, -122.33, now + 60_000), unicorn('Outside', 47.7, -122.335)];

async function setUp(options: { gone?: string[] } = {}) {
  const store = memoryConnections();
  await store.connections.add('c1', 'rider-1', 0);
  const pushes = recordingPush(options);
  const asked: string[][] = [];
  const watch = createWatchHandler({
    connections: store.connections,
    fleet: {
      findUnicorns: async (cells: string[]) => {
        asked.push(cells);
        return fleet;
      },
    },
    push: pushes.push,
    now: () => now,
  });
  const send = (body: unknown) =>
    watch({ requestContext: { connectionId: 'c1', requestId: 'r1' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { ...store, ...pushes, asked, send };
}

describe('the live API’s watch route', () => {
  it('watches the cells covering the area and answers with the free unicorns inside it', async () => {
    const { send, of, cells, asked } = await setUp();
    expect((await send({ action: 'watch', Area: seattle })).statusCode).toBe(200);
    const watched = cells.get('c1') ?? [];
    expect(watched).toContain(watchCellOf({ Latitude: 47.61, Longitude: -122.335 }));
    expect(asked).toEqual([watched]);
    const [answer] = of('c1');
    const message = UnicornsMessage.parse(answer);
    expect(message.Area).toEqual(seattle);
    expect(message.Unicorns.map((u) => u.Name)).toEqual(['Near']);
  });

  it('replaces the previous watch', async () => {
    const { send, cells } = await setUp();
    await send({ action: 'watch', Area: seattle });
    await send({ action: 'watch', Area: { South: 37.55, West: 126.96, North: 37.58, East: 127.0 } });
    expect(cells.get('c1')).toEqual([watchCellOf({ Latitude: 37.56, Longitude: 126.98 })]);
  });

  it('answers a bad request with an error message naming the problem, and watches nothing', async () => {
    const { send, of, cells } = await setUp();
    const cases: [unknown, RegExp][] = [
      ['not json', /not valid JSON/],
      [{ action: 'watch' }, /Area/],
      [{ action: 'watch', Area: { ...seattle, South: 48 } }, /South/],
      [
        { action: 'watch', Area: { South: -60, West: -170, North: 70, East: 170 } },
        new RegExp(`zoom in \\(at most ${MAX_WATCH_CELLS} cells`),
      ],
    ];
    for (const [body, expected] of cases) {
      expect((await send(body)).statusCode).toBe(400);
      const last = LiveMessage.parse(of('c1').at(-1));
      expect(last.type).toBe('error');
      expect(last.type === 'error' && last.message).toMatch(expected);
    }
    expect(cells.get('c1')).toEqual([]);
  });

  it('writes nothing for a connection closed meanwhile', async () => {
    const { send, connections, of, asked } = await setUp();
    await connections.remove('c1');
    expect((await send({ action: 'watch', Area: seattle })).statusCode).toBe(410);
    expect(asked).toEqual([]);
    expect(of('c1')).toEqual([]);
  });
});
