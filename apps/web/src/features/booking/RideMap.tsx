import 'leaflet/dist/leaflet.css';
import type { LiveArea, PickupLocation, UnicornSpot } from '@wildrydes/contract';
import type { Map as LeafletMap } from 'leaflet';
import { MapContainer, Marker, useMapEvents } from 'react-leaflet';
import type { MapConfig } from '../../config/runtime-config';
import { useI18n } from '../../i18n/i18n';
import { MapTiles } from '../../map/MapTiles';
import { dropoffIcon, pickupIcon } from '../../map/marker-icons';
import { FreeUnicorns, ViewWatcher } from '../live/FreeUnicorns';
import { UnicornFlight } from './UnicornFlight';

function ClickToPick({ onPick }: { onPick: (point: PickupLocation) => void }) {
  useMapEvents({
    click: (event) => onPick({ Latitude: event.latlng.lat, Longitude: event.latlng.lng }),
  });
  return null;
}

/** One leg of the unicorn's flight; `key` restarts it (per ride, per leg). */
export interface UnicornLeg {
  key: string;
  from: PickupLocation | undefined;
  to: PickupLocation;
}

export interface RideMapProps {
  map: MapConfig;
  pickup: PickupLocation | undefined;
  dropoff: PickupLocation | undefined;
  /** What a click sets; the map's label says so too. */
  picking: 'pickup' | 'dropoff';
  /** Set while a ride is on: the unicorn flies to the pickup, then on to the drop-off. */
  unicorn: UnicornLeg | undefined;
  /** Free unicorns near the view (live). */
  freeUnicorns?: readonly UnicornSpot[];
  /** Hears the view when it settles, for the live API's watch. */
  onView?: (area: LiveArea) => void;
  onPick: (point: PickupLocation) => void;
  onReady: (map: LeafletMap) => void;
}

export default function RideMap({ map, pickup, dropoff, picking, unicorn, freeUnicorns = [], onView, onPick, onReady }: RideMapProps) {
  const { t } = useI18n();
  return (
    <section
      className={picking === 'dropoff' ? 'map-frame picking-dropoff' : 'map-frame'}
      aria-label={t(picking === 'dropoff' ? 'ride.mapLabelDropoff' : 'ride.mapLabel')}
    >
      {/* MapContainer keeps its first className (Leaflet adds its own to that element), so the mode's class sits on the frame. */}
      <MapContainer
        center={map.center}
        zoom={map.zoom}
        className="map"
        ref={(m) => {
          if (m) onReady(m);
        }}
      >
        <MapTiles map={map} />
        <ClickToPick onPick={onPick} />
        {pickup ? (
          <Marker
            position={[pickup.Latitude, pickup.Longitude]}
            icon={pickupIcon}
            alt={t('ride.pickupMarker')}
            keyboard={false}
            interactive={false}
          />
        ) : null}
        {dropoff ? (
          <Marker
            position={[dropoff.Latitude, dropoff.Longitude]}
            icon={dropoffIcon}
            alt={t('ride.dropoffMarker')}
            keyboard={false}
            interactive={false}
          />
        ) : null}
        {onView ? <ViewWatcher onView={onView} /> : null}
        <FreeUnicorns spots={freeUnicorns} />
        {unicorn ? <UnicornFlight key={unicorn.key} target={unicorn.to} origin={unicorn.from} /> : null}
      </MapContainer>
    </section>
  );
}
