import {
  LIVE_PROTOCOL_VERSION,
  type LiveArea,
  MAX_WATCH_CELLS,
  type PickupLocation,
  type RideMessage,
  type UnicornMessage,
  type UnicornSpot,
  WATCH_PRECISION,
} from '@wildrydes/contract';
import geohash from 'ngeohash';
import type { FleetUnicorn } from './dispatch';
import { distanceKm } from './geo';
import { toRide } from './history';
import type { RideRecord } from './ride';

/**
 * Who receives what on the live-rides WebSocket. Pure: the notifier function feeds it the old and
 * new images of each written item (from DynamoDB Streams) and sends what it returns.
 */

/** The watch cell of a position (WATCH_PRECISION): watchers of an area are found by these cells. */
export const watchCellOf = (position: PickupLocation): string => geohash.encode(position.Latitude, position.Longitude, WATCH_PRECISION);

/**
 * The watch cells covering an area, or `undefined` when it needs more than MAX_WATCH_CELLS (the
 * caller says "zoom in"). An area whose West is east of its East crosses the antimeridian.
 */
export function watchCells(area: LiveArea): string[] | undefined {
  const boxes: [number, number, number, number][] =
    area.West <= area.East
      ? [[area.South, area.West, area.North, area.East]]
      : [
          [area.South, area.West, area.North, 180],
          [area.South, -180, area.North, area.East],
        ];
  const cells = new Set<string>();
  for (const [south, west, north, east] of boxes) {
    // Counted before listing, so a continent-sized area is refused without building its cells.
    if (cellCount(south, west, north, east) + cells.size > MAX_WATCH_CELLS) return undefined;
    for (const cell of geohash.bboxes(south, west, north, east, WATCH_PRECISION)) cells.add(cell);
  }
  return cells.size <= MAX_WATCH_CELLS ? [...cells] : undefined;
}

/** How many cells of WATCH_PRECISION a box spans (corner cells' distance in cells, both ways). */
function cellCount(south: number, west: number, north: number, east: number): number {
  const [cellSouth, cellWest, cellNorth, cellEast] = geohash.decode_bbox(geohash.encode(south, west, WATCH_PRECISION));
  const height = cellNorth - cellSouth;
  const width = cellEast - cellWest;
  const rows = Math.floor((north - cellSouth) / height) + 1;
  const columns = Math.floor((east - cellWest) / width) + 1;
  return rows * columns;
}

export function inArea(position: PickupLocation, area: LiveArea): boolean {
  if (position.Latitude < area.South || position.Latitude > area.North) return false;
  return area.West <= area.East
    ? position.Longitude >= area.West && position.Longitude <= area.East
    : position.Longitude >= area.West || position.Longitude <= area.East;
}

const unicornSpot = (unicorn: Pick<FleetUnicorn, 'Name' | 'Position' | 'BusyUntil'>): UnicornSpot => ({
  Name: unicorn.Name,
  Position: { Latitude: unicorn.Position.Latitude, Longitude: unicorn.Position.Longitude },
  FreeFrom: new Date(unicorn.BusyUntil).toISOString(),
});

/** The free unicorns (at `now`) inside the area, nearest its centre first, at most `limit`. */
export function freeUnicornsIn(area: LiveArea, unicorns: readonly FleetUnicorn[], now: number, limit: number): UnicornSpot[] {
  const centre = {
    Latitude: (area.South + area.North) / 2,
    Longitude: area.West <= area.East ? (area.West + area.East) / 2 : (((area.West + area.East + 360) / 2 + 180) % 360) - 180,
  };
  return unicorns
    .filter((unicorn) => unicorn.BusyUntil <= now && inArea(unicorn.Position, area))
    .map((unicorn) => ({ unicorn, km: distanceKm(centre, unicorn.Position) }))
    .sort((a, b) => a.km - b.km || a.unicorn.Name.localeCompare(b.unicorn.Name))
    .slice(0, limit)
    .map(({ unicorn }) => unicornSpot(unicorn));
}

/** A push for the rider's own connections. */
interface RidePush {
  rider: string;
  message: RideMessage;
}

/**
 * The push for one written ride item (`undefined` for a deleted one: nothing to show). Status is
 * the domain's status at `now`; a cancel is told apart from any other change.
 */
export function ridePush(before: RideRecord | undefined, after: RideRecord | undefined, now: number): RidePush | undefined {
  if (!after) return undefined;
  const change = !before ? 'booked' : before.CancelTime === undefined && after.CancelTime !== undefined ? 'cancelled' : 'changed';
  const ride = toRide(after, now);
  return {
    rider: after.User,
    message: {
      type: 'ride',
      version: LIVE_PROTOCOL_VERSION,
      Change: change,
      RideId: ride.RideId,
      Status: ride.Status,
      Ride: ride,
      Path: { From: after.UnicornStart, To: after.PickupLocation, Departs: after.BookedFrom, Arrives: after.PickupTime },
    },
  };
}

/** A push for the watchers of some cells. */
interface UnicornPush {
  cells: string[];
  message: UnicornMessage;
}

type UnicornImage = Pick<FleetUnicorn, 'Name' | 'Position' | 'BusyUntil'>;

/**
 * The push for one written unicorn item, to the watchers of the cell it left and the cell it will
 * be free in; `undefined` when nothing a watcher sees changed (or the unicorn was removed).
 */
export function unicornPush(before: UnicornImage | undefined, after: UnicornImage | undefined): UnicornPush | undefined {
  if (!after) return undefined;
  if (
    before &&
    before.BusyUntil === after.BusyUntil &&
    before.Position.Latitude === after.Position.Latitude &&
    before.Position.Longitude === after.Position.Longitude
  ) {
    return undefined;
  }
  const cells = [...new Set([...(before ? [watchCellOf(before.Position)] : []), watchCellOf(after.Position)])];
  return { cells, message: { type: 'unicorn', version: LIVE_PROTOCOL_VERSION, Unicorn: unicornSpot(after) } };
}
