import L from 'leaflet';

/**
 * Leaflet 1.9 cancels a tile's download by pointing the <img> at a `data:` GIF. Under the site's
 * Content-Security-Policy (`img-src 'self' <tile host>`) each of those is a blocked load and a
 * console error on every zoom or pan. Removing the `src` attribute cancels the download just as
 * well, so these three TileLayer methods are replaced with copies that do that instead.
 * They are private to Leaflet: re-check them when upgrading it (pinned at 1.9.4).
 */
interface TileEntry {
  el: HTMLImageElement;
  coords: L.Coords;
}
interface TileLayerInternals {
  _tiles: Record<string, TileEntry>;
  _tileZoom: number;
  _map: L.Map | undefined;
  fire(type: string, data: object): void;
}
// Leaflet's GridLayer methods are not in its type definitions; they are called with `this` bound.
const gridLayer = L.GridLayer.prototype as unknown as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
const tileLayer = L.TileLayer.prototype as unknown as Record<string, unknown>;

tileLayer['_abortLoading'] = function (this: TileLayerInternals) {
  for (const key of Object.keys(this._tiles)) {
    const entry = this._tiles[key];
    if (!entry || entry.coords.z === this._tileZoom) continue;
    const tile = entry.el;
    tile.onload = null;
    tile.onerror = null;
    if (!tile.complete) {
      tile.removeAttribute('src');
      tile.remove();
      delete this._tiles[key];
      this.fire('tileabort', { tile, coords: entry.coords });
    }
  }
};

tileLayer['_removeTile'] = function (this: TileLayerInternals, key: string) {
  const entry = this._tiles[key];
  if (!entry) return undefined;
  entry.el.removeAttribute('src');
  return gridLayer['_removeTile']?.call(this, key);
};

tileLayer['_tileReady'] = function (this: TileLayerInternals, coords: L.Coords, err: unknown, tile?: HTMLImageElement) {
  if (!this._map || (tile && !tile.hasAttribute('src'))) return undefined;
  return gridLayer['_tileReady']?.call(this, coords, err, tile);
};
