import type { PickupLocation } from '@wildrydes/contract';
import geohash from 'ngeohash';

/**
 * The fleet's geo index, on geohash cells (ngeohash, 4 kB; H3's h3-js would add 224 kB and about
 * 30 ms to every cold start, for rings this search does not need: see docs/architecture.md).
 *
 * Each unicorn is indexed by where it is free next: `Region`, its geohash of REGION_PRECISION
 * (about 156 km square at the equator), is the index's partition key, and `Geohash`, of
 * POSITION_PRECISION (a few metres), its sort key. Geohashes nest by prefix, so every cell of
 * precision 3 or finer is one Query: `Region = <first 3 characters> AND begins_with(Geohash, cell)`.
 */
export const REGION_PRECISION = 3;
export const POSITION_PRECISION = 9;

/**
 * Dispatch looks at the 3x3 block of cells around the pickup at each precision in turn, finest
 * first, and stops at the first block that holds a unicorn arriving within the flight of its
 * `coveredKm` (or whose `coveredKm` is beyond the longest wait). At the equator (east-west sizes narrow towards the poles): precision 6 cells are
 * about 1.2 km wide and 0.6 km high, a block about 3.7 km by 1.8 km; precision 5 cells about 4.9 km
 * square, a block about 15 km; precision 4 a block about 120 km by 60 km; precision 3 about 470 km.
 *
 * Precision 6 first so that a dense city costs about what a sparse one does: the first block's
 * Queries return only the unicorns within a kilometre or two, not the whole 15 km block of a
 * city (measured at 100,000 unicorns: 36 items and 5.0 read units per ride, against 1,122 and
 * 18.3 starting at precision 5). A sparse area, with nothing close enough in the first block,
 * pays one more round of 9 Queries.
 */
export const SEARCH_PRECISIONS = [6, 5, 4, 3] as const;

export const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine) in kilometres. */
export function distanceKm(a: PickupLocation, b: PickupLocation): number {
  const dLat = radians(b.Latitude - a.Latitude);
  const dLng = radians(b.Longitude - a.Longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.Latitude)) * Math.cos(radians(b.Latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The index attributes of a unicorn at `position`. */
export function indexKeys(position: PickupLocation): { Region: string; Geohash: string } {
  const hash = geohash.encode(position.Latitude, position.Longitude, POSITION_PRECISION);
  return { Region: hash.slice(0, REGION_PRECISION), Geohash: hash };
}

/** One Query of the index: the partition (`region`) and, for cells finer than it, the sort key prefix. */
interface CellQuery {
  region: string;
  prefix?: string;
}

export function cellQuery(cell: string): CellQuery {
  if (cell.length < REGION_PRECISION) throw new RangeError(`cell ${cell} is coarser than the index's partitions`);
  const region = cell.slice(0, REGION_PRECISION);
  return cell.length === REGION_PRECISION ? { region } : { region, prefix: cell };
}

interface SearchLevel {
  precision: number;
  /** The pickup's cell and its neighbours, each once (fewer than 9 at a pole). */
  cells: string[];
  /**
   * Every point farther than this from the pickup lies outside these cells: once a unicorn that
   * can arrive within this distance's flight is found, nothing unread can beat it.
   */
  coveredKm: number;
}

/** The search around a pickup, level by level (each level's cells hold the previous level's). */
export function searchLevels(pickup: PickupLocation): SearchLevel[] {
  return SEARCH_PRECISIONS.map((precision) => {
    const cell = geohash.encode(pickup.Latitude, pickup.Longitude, precision);
    const cells = [...new Set([cell, ...geohash.neighbors(cell)])];
    return { precision, cells, coveredKm: blockRadiusKm(pickup, cell) };
  });
}

/**
 * The distance from the pickup to the edge of the 3x3 block around its cell: to the parallels
 * above and below (none beyond a pole) along the meridian, and to the meridians left and right
 * along a great circle (a lower bound of the distance to any point beyond them).
 */
export function blockRadiusKm(pickup: PickupLocation, cell: string): number {
  const [south, west, north, east] = geohash.decode_bbox(cell);
  const height = north - south;
  const width = east - west;
  const blockSouth = south - height;
  const blockNorth = north + height;
  const edges: number[] = [];
  if (blockSouth > -90) edges.push((pickup.Latitude - blockSouth) * KM_PER_DEGREE);
  if (blockNorth < 90) edges.push((blockNorth - pickup.Latitude) * KM_PER_DEGREE);
  for (const degrees of [pickup.Longitude - (west - width), east + width - pickup.Longitude]) {
    const angle = Math.min(Math.PI / 2, radians(degrees));
    edges.push(EARTH_RADIUS_KM * Math.asin(Math.cos(radians(pickup.Latitude)) * Math.sin(angle)));
  }
  return Math.max(0, Math.min(...edges));
}
