import type { LiveArea, UnicornSpot } from '@wildrydes/contract';
import type { LatLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { Marker, useMap, useMapEvents } from 'react-leaflet';
import { useI18n } from '../../i18n/i18n';
import { freeUnicornIcon } from '../../map/marker-icons';

const areaOf = (bounds: LatLngBounds): LiveArea => ({
  South: bounds.getSouth(),
  West: bounds.getWest(),
  North: bounds.getNorth(),
  East: bounds.getEast(),
});

/** Reports the map's view when it settles (and once at start), for the page to watch it. */
export function ViewWatcher({ onView }: { onView: (area: LiveArea) => void }) {
  const map = useMap();
  useMapEvents({ moveend: () => onView(areaOf(map.getBounds())) });
  useEffect(() => onView(areaOf(map.getBounds())), [map, onView]);
  return null;
}

/** The free unicorns near the view, one marker each, named for screen readers. */
export function FreeUnicorns({ spots }: { spots: readonly UnicornSpot[] }) {
  const { t } = useI18n();
  return (
    <>
      {spots.map((spot) => (
        <Marker
          key={spot.Name}
          position={[spot.Position.Latitude, spot.Position.Longitude]}
          icon={freeUnicornIcon}
          alt={t('live.freeUnicorn', { name: spot.Name })}
          title={t('live.freeUnicorn', { name: spot.Name })}
          keyboard={false}
          interactive={false}
        />
      ))}
    </>
  );
}
