import { type LiveArea, type LiveMessage, MAX_WATCH_CELLS, type UnicornSpot, WATCH_PRECISION } from '@wildrydes/contract';

/** The unicorns the page has heard of, by name: from `unicorns` answers and `unicorn` changes. */
export type Spots = ReadonlyMap<string, UnicornSpot>;

export function applySpots(spots: Spots, message: LiveMessage): Spots {
  if (message.type === 'unicorns') {
    // A new watch's answer is the whole picture of its area: what was outside it is dropped.
    return new Map(message.Unicorns.map((spot) => [spot.Name, spot]));
  }
  if (message.type === 'unicorn') return new Map(spots).set(message.Unicorn.Name, message.Unicorn);
  return spots;
}

const inside = (spot: UnicornSpot, area: LiveArea) =>
  spot.Position.Latitude >= area.South &&
  spot.Position.Latitude <= area.North &&
  (area.West <= area.East
    ? spot.Position.Longitude >= area.West && spot.Position.Longitude <= area.East
    : spot.Position.Longitude >= area.West || spot.Position.Longitude <= area.East);

/** The free unicorns (free from `now` or earlier) inside the view, by name. */
export function visibleSpots(spots: Spots, area: LiveArea | undefined, now: number): UnicornSpot[] {
  if (!area) return [];
  return [...spots.values()]
    .filter((spot) => Date.parse(spot.FreeFrom) <= now && inside(spot, area))
    .sort((a, b) => a.Name.localeCompare(b.Name));
}

/**
 * The next moment a known unicorn becomes free (so the markers can update then), or undefined.
 * The same rule as a ride's status: time alone frees a unicorn, no push is needed.
 */
export function nextFreeing(spots: Spots, now: number): number | undefined {
  let next: number | undefined;
  for (const spot of spots.values()) {
    const at = Date.parse(spot.FreeFrom);
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

/**
 * Map views larger than this (degrees) are not watched: the API would refuse them ("zoom in").
 * Derived from the API's own limits: a geohash cell of WATCH_PRECISION is 180° / 2^⌊5p/2⌋ high
 * and 360° / 2^⌈5p/2⌉ wide, and a view spanning n - 1 cells touches at most n of them each way.
 */
const side = Math.floor(Math.sqrt(MAX_WATCH_CELLS));
export const MAX_WATCH_SPAN_DEGREES = {
  latitude: ((side - 1) * 180) / 2 ** Math.floor((5 * WATCH_PRECISION) / 2),
  longitude: ((side - 1) * 360) / 2 ** Math.ceil((5 * WATCH_PRECISION) / 2),
};

export const watchable = (area: LiveArea) =>
  area.North - area.South <= MAX_WATCH_SPAN_DEGREES.latitude &&
  (area.West <= area.East ? area.East - area.West : area.East + 360 - area.West) <= MAX_WATCH_SPAN_DEGREES.longitude;
