import './leaflet-csp';
import { useState } from 'react';
import { TileLayer } from 'react-leaflet';
import { DEFAULT_MAP, type MapConfig } from '../config/runtime-config';
import { useI18n } from '../i18n/i18n';
import { OFFLINE_TILE_URL, watchTiles } from './tile-fallback';

/** Leaflet puts attributions in the page as HTML: text from config.json (or ours) goes in as text. */
const asHtmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** OpenStreetMap's credit with the link its licence asks for: markup from this code, never from config. */
const OSM_CREDIT_HTML = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** The attribution line: a configured one as text; the default tiles' credit with its link. */
const attributionHtml = (map: Pick<MapConfig, 'tileUrl' | 'attribution'>) =>
  map.tileUrl === DEFAULT_MAP.tileUrl && map.attribution === DEFAULT_MAP.attribution ? OSM_CREDIT_HTML : asHtmlText(map.attribution);

/**
 * The map's tiles: the configured tile server (OpenStreetMap by default) with its attribution,
 * and the app's offline tile when the config says offline or when the server's tiles keep failing
 * (seen from the layer's tileerror events: no setting to know about). The attribution line says
 * which, so a street-less grid is never mistaken for the real map.
 */
export function MapTiles({ map }: { map: MapConfig }) {
  const { t } = useI18n();
  const [unreachable, setUnreachable] = useState<string | undefined>(undefined);
  const [watch] = useState(() => watchTiles());
  const fellBack = unreachable === map.tileUrl;

  if (map.offline || fellBack || map.tileUrl === OFFLINE_TILE_URL) {
    const text = map.offline || map.tileUrl === OFFLINE_TILE_URL ? t('map.offline') : t('map.fallback');
    // Keyed apart from the online layer: a fresh layer, and its attribution, replaces the other.
    return <TileLayer key="offline" url={OFFLINE_TILE_URL} attribution={asHtmlText(text)} />;
  }
  return (
    <TileLayer
      key={`online ${map.tileUrl}`}
      url={map.tileUrl}
      attribution={attributionHtml(map)}
      // OpenStreetMap's tile policy asks for a Referer; send the origin even under a stricter page policy.
      referrerPolicy="strict-origin-when-cross-origin"
      // Only the tiles in view are requested (Leaflet's default: no prefetching around them).
      eventHandlers={{
        tileload: () => watch.loaded(),
        tileerror: () => {
          if (watch.failed()) setUnreachable(map.tileUrl);
        },
      }}
    />
  );
}
