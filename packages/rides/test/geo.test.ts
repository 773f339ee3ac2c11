import type { PickupLocation } from '@wildrydes/contract';
import geohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import {
  blockRadiusKm,
  cellQuery,
  distanceKm,
  EARTH_RADIUS_KM,
  indexKeys,
  POSITION_PRECISION,
  REGION_PRECISION,
  SEARCH_PRECISIONS,
  searchLevels,
} from '../src';

const at = (Latitude: number, Longitude: number): PickupLocation => ({ Latitude, Longitude });
const cellOf = (p: PickupLocation, precision: number) => geohash.encode(p.Latitude, p.Longitude, precision);
/** Longitude folded into [-180, 180). */
const wrap = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;

const seattle = at(47.6062, -122.3321);
const newYork = at(40.7128, -74.006);

/** Pickups the search must handle: cities, the equator and prime meridian, cell edges, the antimeridian, the poles. */
const PICKUPS: Record<string, PickupLocation> = {
  Seattle: seattle,
  Sydney: at(-33.8688, 151.2093),
  'the equator and prime meridian (a corner of four cells at every precision)': at(0, 0),
  'the east edge of a precision-6 cell': at(47.6, geohash.decode_bbox('c23nbc')[3]),
  'the north edge of a precision-5 cell': at(geohash.decode_bbox('c23nb')[2], -122.3),
  'the west edge of a precision-4 cell': at(47.6, geohash.decode_bbox('c23n')[1]),
  'just west of the antimeridian': at(10, 179.999),
  'just east of the antimeridian': at(10, -179.999),
  'on the antimeridian': at(-20, 180),
  'near the north pole': at(89.99, 10),
  'near the south pole': at(-89.99, 10),
};
const POLAR = new Set(['near the north pole', 'near the south pole']);

describe('distanceKm', () => {
  it('measures Seattle to New York as about 3,866 km', () => {
    const km = distanceKm(seattle, newYork);
    expect(Math.abs(km - 3866) / 3866).toBeLessThan(0.01);
    expect(distanceKm(newYork, seattle)).toBeCloseTo(km, 9);
  });

  it('knows a degree, a quarter and half of the world', () => {
    const degree = (Math.PI * EARTH_RADIUS_KM) / 180; // 111.195 km
    expect(distanceKm(at(0, 0), at(1, 0))).toBeCloseTo(degree, 6);
    expect(distanceKm(at(0, 0), at(0, 1))).toBeCloseTo(degree, 6);
    expect(distanceKm(at(0, 0), at(0, 90))).toBeCloseTo(90 * degree, 6);
    expect(distanceKm(at(90, 0), at(-90, 0))).toBeCloseTo(180 * degree, 6);
    // A degree of longitude shrinks with the cosine of the latitude.
    expect(distanceKm(at(60, 0), at(60, 1))).toBeCloseTo(degree / 2, 1);
  });

  it('is 0 from a point to itself, and goes the short way across the antimeridian', () => {
    expect(distanceKm(seattle, seattle)).toBe(0);
    expect(distanceKm(at(0, 179.5), at(0, -179.5))).toBeCloseTo(111.195, 2);
  });
});

describe('indexKeys', () => {
  it('keys a position by its geohash of precision 9 (a few metres) and the first 3 characters of it', () => {
    // The geohash article's example point: u4pruydqqvj.
    expect(indexKeys(at(57.64911, 10.40744))).toEqual({ Region: 'u4p', Geohash: 'u4pruydqq' });
    const { Region, Geohash } = indexKeys(seattle);
    expect(Geohash).toHaveLength(POSITION_PRECISION);
    expect(Region).toHaveLength(REGION_PRECISION);
    expect(Geohash.startsWith(Region)).toBe(true);
    const [south, west, north, east] = geohash.decode_bbox(Geohash);
    expect(seattle.Latitude).toBeGreaterThanOrEqual(south);
    expect(seattle.Latitude).toBeLessThanOrEqual(north);
    expect(seattle.Longitude).toBeGreaterThanOrEqual(west);
    expect(seattle.Longitude).toBeLessThanOrEqual(east);
    expect(distanceKm(at(south, west), at(north, east))).toBeLessThan(0.01);
  });

  it('puts neighbours across a region boundary in different regions', () => {
    expect(indexKeys(at(0.001, 0.001)).Region).toBe('s00');
    expect(indexKeys(at(-0.001, -0.001)).Region).toBe('7zz');
  });
});

describe('cellQuery', () => {
  it('reads a cell of the region’s precision as the whole partition, with no prefix', () => {
    expect(cellQuery('c23')).toStrictEqual({ region: 'c23' });
  });

  it('reads a finer cell as its region and a sort key prefix', () => {
    expect(cellQuery('c23n')).toStrictEqual({ region: 'c23', prefix: 'c23n' });
    expect(cellQuery('c23nb')).toStrictEqual({ region: 'c23', prefix: 'c23nb' });
    expect(cellQuery('c23nb62w2')).toStrictEqual({ region: 'c23', prefix: 'c23nb62w2' });
  });

  it('refuses a cell coarser than a region', () => {
    expect(() => cellQuery('c2')).toThrow(RangeError);
    expect(() => cellQuery('c2')).toThrow("cell c2 is coarser than the index's partitions");
    expect(() => cellQuery('')).toThrow(RangeError);
  });
});

describe('searchLevels', () => {
  describe.each(Object.entries(PICKUPS))('around %s', (name, pickup) => {
    const levels = searchLevels(pickup);

    it('searches precisions 6, 5, 4, 3 in turn', () => {
      expect(levels.map((l) => l.precision)).toEqual([6, 5, 4, 3]);
      expect(SEARCH_PRECISIONS).toEqual([6, 5, 4, 3]);
      for (const { precision, cells } of levels) for (const cell of cells) expect(cell).toHaveLength(precision);
    });

    it('holds the pickup’s cell and its 8 neighbours, each once', () => {
      for (const { precision, cells } of levels) {
        const cell = cellOf(pickup, precision);
        expect(cells[0]).toBe(cell);
        expect(new Set(cells).size).toBe(cells.length);
        expect(new Set(cells)).toEqual(new Set([cell, ...geohash.neighbors(cell)]));
        if (!POLAR.has(name)) expect(cells).toHaveLength(9);
      }
    });

    it('holds the previous level’s cells in its own (by prefix)', () => {
      for (let i = 1; i < levels.length; i++) {
        const { precision, cells } = levels[i]!;
        for (const finer of levels[i - 1]!.cells) expect(cells).toContain(finer.slice(0, precision));
      }
    });

    it('covers a distance that grows with the level', () => {
      const covered = levels.map((l) => l.coveredKm);
      for (const km of covered) expect(km).toBeGreaterThanOrEqual(0);
      if (POLAR.has(name)) {
        // Three cells of longitude near a pole are a sliver: nearly nothing is covered all round.
        for (const km of covered) expect(km).toBeLessThan(1);
      } else {
        // At least a whole cell each way: a precision-6 cell is 0.61 km high (and wider than that, up to 60°).
        expect(covered[0]).toBeGreaterThan(0.6);
      }
      for (let i = 1; i < covered.length; i++) expect(covered[i]).toBeGreaterThan(covered[i - 1]!);
    });

    it('covers every point nearer than coveredKm (a true lower bound), and not much less than that', () => {
      for (const { precision, cells, coveredKm } of levels) {
        const block = new Set(cells);
        const [south, west, north, east] = geohash.decode_bbox(cellOf(pickup, precision));
        const height = north - south;
        const width = east - west;
        // A grid over five cells each way: the whole block and a cell beyond it on every side.
        const steps = 100;
        let nearestOutside = Number.POSITIVE_INFINITY;
        const missed: PickupLocation[] = [];
        let inside = 0;
        for (let i = 0; i <= steps; i++) {
          const lat = pickup.Latitude + (i / steps - 0.5) * 5 * height;
          if (lat < -90 || lat > 90) continue;
          for (let j = 0; j <= steps; j++) {
            const point = at(lat, wrap(pickup.Longitude + (j / steps - 0.5) * 5 * width));
            const d = distanceKm(pickup, point);
            if (block.has(cellOf(point, precision))) {
              inside++;
            } else {
              if (d < coveredKm) missed.push(point);
              nearestOutside = Math.min(nearestOutside, d);
            }
          }
        }
        expect(missed, `points nearer than ${coveredKm} km outside the block at precision ${precision}`).toEqual([]);
        expect(inside).toBeGreaterThan(0);
        // The bound is tight where it matters (within the grid's step), so the search stops early.
        if (!POLAR.has(name)) expect(nearestOutside).toBeLessThan(coveredKm * 1.15);
      }
    });
  });

  it('reaches across the antimeridian, both ways', () => {
    const west = searchLevels(at(10, 179.999))[0]!;
    const east = searchLevels(at(10, -179.999))[0]!;
    // A precision-6 cell is 0.011° wide: 0.01° across the line is in the cell just beyond it.
    expect(west.precision).toBe(6);
    expect(west.cells).toContain(cellOf(at(10, -179.99), 6));
    expect(east.cells).toContain(cellOf(at(10, 179.99), 6));
    // A unicorn a few hundred metres across the line is in the first block read.
    const across = indexKeys(at(10, -179.998)).Geohash;
    expect(west.cells.some((cell) => across.startsWith(cell))).toBe(true);
  });

  it('does not list a cell twice at the poles, where the neighbours to the north (or south) fold onto the pickup’s row', () => {
    // In the row of cells that touches the pole at every precision (a precision-6 cell is 0.0055° high).
    for (const pole of [at(89.999, 10), at(-89.999, 10), at(90, 0), at(-90, 0)]) {
      for (const { cells } of searchLevels(pole)) {
        expect(cells).toHaveLength(6);
        expect(new Set(cells).size).toBe(6);
      }
    }
    // 0.01° from the pole, the precision-6 cell is in the second row: its block just reaches the
    // pole, and nothing folds; the coarser cells touch the pole and fold.
    for (const pole of [at(89.99, 10), at(-89.99, 10)]) {
      const [finest, ...coarser] = searchLevels(pole);
      expect(finest!.precision).toBe(6);
      expect(finest!.cells).toHaveLength(9);
      expect(new Set(finest!.cells).size).toBe(9);
      for (const { cells } of coarser) {
        expect(cells).toHaveLength(6);
        expect(new Set(cells).size).toBe(6);
      }
    }
  });

  it('covers at least a cell’s height from a pickup on a cell corner (the equator and prime meridian)', () => {
    const [first] = searchLevels(at(0, 0));
    expect(first!.precision).toBe(6);
    // A precision-6 cell is half as high as it is wide (0.0055° by 0.011°): its height is the nearer edge.
    const [south, west, north, east] = geohash.decode_bbox(cellOf(at(0, 0), 6));
    expect(north - south).toBeCloseTo((east - west) / 2, 12);
    expect(first!.coveredKm).toBeCloseTo(((north - south) * Math.PI * EARTH_RADIUS_KM) / 180, 6); // 0.61 km
    // Points on every side of the corner are in the block.
    for (const [dLat, dLng] of [
      [1e-6, 1e-6],
      [1e-6, -1e-6],
      [-1e-6, 1e-6],
      [-1e-6, -1e-6],
    ] as const) {
      expect(first!.cells).toContain(cellOf(at(dLat, dLng), 6));
    }
  });
});

describe('blockRadiusKm', () => {
  it('is the distance to the nearest edge of the 3x3 block: a cell and a half from the centre of a cell', () => {
    const cell = cellOf(at(0.02, 0.02), 5);
    const [south, west, north, east] = geohash.decode_bbox(cell);
    const centre = at((south + north) / 2, (west + east) / 2);
    const kmPerDegree = (Math.PI * EARTH_RADIUS_KM) / 180;
    // At the equator a precision-5 cell is as high (in degrees) as it is wide.
    expect(blockRadiusKm(centre, cell)).toBeCloseTo(1.5 * (north - south) * kmPerDegree, 3);
  });

  it('measures east and west edges along a great circle: closer than they look at high latitudes', () => {
    const cell = cellOf(at(60, 10), 4);
    const [south, west, north, east] = geohash.decode_bbox(cell);
    const centre = at((south + north) / 2, (west + east) / 2);
    const toEdge = distanceKm(centre, at(centre.Latitude, west - (east - west)));
    expect(blockRadiusKm(centre, cell)).toBeLessThanOrEqual(toEdge);
    expect(blockRadiusKm(centre, cell)).toBeGreaterThan(toEdge * 0.99);
  });
});
