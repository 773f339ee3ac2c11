/** The tile the app ships (public/tiles/local.png): a street-less grid that works with no network. */
export const OFFLINE_TILE_URL = '/tiles/local.png';

/**
 * After this many tile errors with no tile loaded in between, the tile server counts as out of
 * reach (offline, blocked, or down) and the map switches to the offline tile. One tile that fails
 * among many that load is left alone: a first screen asks for about a dozen.
 */
export const TILE_ERRORS_BEFORE_FALLBACK = 4;

/** Counts a tile layer's tile loads and errors; `failed()` answers whether it is time to fall back. */
export function watchTiles(threshold = TILE_ERRORS_BEFORE_FALLBACK) {
  let errorsSinceLoad = 0;
  return {
    loaded(): void {
      errorsSinceLoad = 0;
    },
    failed(): boolean {
      errorsSinceLoad += 1;
      return errorsSinceLoad >= threshold;
    },
  };
}
