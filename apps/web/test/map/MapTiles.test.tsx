import { act, render, screen, waitFor } from '@testing-library/react';
import { MapContainer } from 'react-leaflet';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAP, type MapConfig } from '../../src/config/runtime-config';
import { I18nProvider, type Lang } from '../../src/i18n/i18n';
import { MapTiles } from '../../src/map/MapTiles';
import { OFFLINE_TILE_URL, TILE_ERRORS_BEFORE_FALLBACK } from '../../src/map/tile-fallback';

// Leaflet lays tiles out from the container's size, which jsdom reports as 0: give it one, so the
// real TileLayer creates its <img> tiles. jsdom never downloads them; the test fires their load and
// error events itself, and Leaflet turns those into the layer's tileload and tileerror events.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
});

/** Renders a map with MapTiles and waits for its first tiles. */
async function renderMap(map: MapConfig, lang: Lang = 'en') {
  render(
    <I18nProvider initialLang={lang}>
      <MapContainer center={map.center} zoom={map.zoom} style={{ width: 600, height: 400 }}>
        <MapTiles map={map} />
      </MapContainer>
    </I18nProvider>,
  );
  await waitFor(() => expect(tiles().length).toBeGreaterThan(0));
}

const tiles = () => [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')];
const attribution = () => document.querySelector('.leaflet-control-attribution')?.textContent ?? '';
const fire = (tile: HTMLImageElement, type: 'load' | 'error') => act(() => void tile.dispatchEvent(new Event(type)));

describe('the map tiles', () => {
  it('asks OpenStreetMap for the tiles in view only, sends the origin as Referer, and credits it', async () => {
    await renderMap(DEFAULT_MAP);
    expect(tiles().length).toBeLessThanOrEqual(12); // a 600×400 view: no prefetching around it
    for (const tile of tiles()) {
      expect(tile.getAttribute('src')).toMatch(/^https:\/\/tile\.openstreetmap\.org\/13\/\d+\/\d+\.png$/);
      expect(tile.referrerPolicy).toBe('strict-origin-when-cross-origin');
    }
    expect(attribution()).toContain('© OpenStreetMap contributors');
    expect(screen.getByRole('link', { name: 'OpenStreetMap' }).getAttribute('href')).toBe('https://www.openstreetmap.org/copyright');
  });

  it('shows an attribution from config.json as text, never as markup', async () => {
    const attack = '<img src=x onerror="window.pwned=1"><a href="https://evil.example">Tiles</a> & co';
    await renderMap({ ...DEFAULT_MAP, tileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: attack });
    expect(attribution()).toContain(attack);
    const control = document.querySelector('.leaflet-control-attribution');
    expect(control?.querySelector('img')).toBeNull();
    expect(control?.querySelector('a[href="https://evil.example"]')).toBeNull();
  });

  it(`falls back to the offline tile by itself after ${TILE_ERRORS_BEFORE_FALLBACK} tile errors with none loaded, and says so`, async () => {
    await renderMap(DEFAULT_MAP);
    const [first, ...rest] = tiles();
    for (const tile of rest.slice(0, TILE_ERRORS_BEFORE_FALLBACK - 1)) fire(tile, 'error');
    expect(attribution()).toContain('OpenStreetMap'); // not yet
    fire(first!, 'error');
    await waitFor(() => expect(attribution()).toContain('Map tiles could not load: showing an offline placeholder without streets'));
    expect(attribution()).not.toContain('OpenStreetMap');
    expect(tiles().length).toBeGreaterThan(0);
    for (const tile of tiles()) expect(tile.getAttribute('src')).toBe(OFFLINE_TILE_URL);
  });

  it('keeps the real map when tiles load, however many others fail now and then', async () => {
    await renderMap(DEFAULT_MAP);
    // More errors than the limit in all, but a load between them: never that many in a row.
    const events = tiles().map((_, i) => (i % TILE_ERRORS_BEFORE_FALLBACK === 0 ? 'load' : 'error'));
    expect(events.filter((e) => e === 'error').length).toBeGreaterThanOrEqual(TILE_ERRORS_BEFORE_FALLBACK);
    for (const [i, tile] of tiles().entries()) fire(tile, events[i]!);
    expect(attribution()).toContain('OpenStreetMap');
    expect(tiles().some((tile) => tile.getAttribute('src')?.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
  });

  it('says it in Korean too', async () => {
    await renderMap(DEFAULT_MAP, 'ko');
    for (const tile of tiles().slice(0, TILE_ERRORS_BEFORE_FALLBACK)) fire(tile, 'error');
    await waitFor(() => expect(attribution()).toContain('지도 타일을 불러오지 못해 거리 정보가 없는 오프라인 대체 지도를 표시합니다'));
  });

  it('asks no tile server at all when the config says offline (the test profile)', async () => {
    await renderMap({ ...DEFAULT_MAP, offline: true });
    for (const tile of tiles()) expect(tile.getAttribute('src')).toBe(OFFLINE_TILE_URL);
    expect(attribution()).toContain('Offline map: a placeholder without streets');
    expect(attribution()).not.toContain('OpenStreetMap');
  });
});
