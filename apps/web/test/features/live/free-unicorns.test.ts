import { MAX_WATCH_CELLS, type UnicornSpot } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import { applySpots, MAX_WATCH_SPAN_DEGREES, nextFreeing, visibleSpots, watchable } from '../../../src/features/live/free-unicorns';

const spot = (Name: string, FreeFrom = '2026-12-03T11:00:00.000Z', Latitude = 47.61, Longitude = -122.33): UnicornSpot => ({
  Name,
  Position: { Latitude, Longitude },
  FreeFrom,
});
const area = { South: 47.59, West: -122.36, North: 47.63, East: -122.31 };

describe('free unicorns', () => {
  it('takes a watch answer as the whole picture, and a change on top of it', () => {
    let spots = applySpots(new Map([['Old', spot('Old')]]), { type: 'unicorns', version: 1, Area: area, Unicorns: [spot('A'), spot('B')] });
    expect([...spots.keys()]).toEqual(['A', 'B']);
    spots = applySpots(spots, { type: 'unicorn', version: 1, Unicorn: spot('A', '2026-12-03T13:00:00.000Z') });
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(visibleSpots(spots, area, now).map((s) => s.Name)).toEqual(['B']);
    expect(nextFreeing(spots, now)).toBe(Date.parse('2026-12-03T13:00:00.000Z'));
    expect(visibleSpots(spots, area, Date.parse('2026-12-03T13:00:00Z')).map((s) => s.Name)).toEqual(['A', 'B']);
    expect(visibleSpots(applySpots(spots, { type: 'unicorn', version: 1, Unicorn: spot('B', undefined, 48) }), area, now)).toEqual([]);
    expect(visibleSpots(spots, undefined, now)).toEqual([]);
  });

  it('watches only views the API would accept: at most its cells', () => {
    expect(watchable(area)).toBe(true);
    expect(watchable({ South: 0, West: 0, North: MAX_WATCH_SPAN_DEGREES.latitude, East: MAX_WATCH_SPAN_DEGREES.longitude })).toBe(true);
    expect(watchable({ South: 0, West: 0, North: MAX_WATCH_SPAN_DEGREES.latitude * 1.5, East: 0.1 })).toBe(false);
    expect(watchable({ South: -60, West: -170, North: 70, East: 170 })).toBe(false);
    // A 4 x 4 block of precision-4 cells is MAX_WATCH_CELLS.
    expect(MAX_WATCH_CELLS).toBe(16);
    expect(MAX_WATCH_SPAN_DEGREES.latitude).toBeCloseTo(3 * (180 / 1024));
  });
});
