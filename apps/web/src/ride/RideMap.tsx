import 'leaflet/dist/leaflet.css';
import type { PickupLocation } from '@wildrydes/contract';
import type { Map as LeafletMap } from 'leaflet';
import { MapContainer, Marker, useMapEvents } from 'react-leaflet';
import type { MapConfig } from '../config/runtime-config';
import { useI18n } from '../i18n/i18n';
import { MapTiles } from '../map/MapTiles';
import { pickupIcon } from './marker-icon';
import { UnicornFlight } from './UnicornFlight';

function ClickToPick({ onPick }: { onPick: (pickup: PickupLocation) => void }) {
  useMapEvents({
    click: (event) => onPick({ Latitude: event.latlng.lat, Longitude: event.latlng.lng }),
  });
  return null;
}

export interface RideMapProps {
  map: MapConfig;
  pickup: PickupLocation | undefined;
  /** Set while a unicorn is on its way; `key` restarts the flight for each ride. */
  flight: { key: string; origin: PickupLocation | undefined; onArrived: () => void } | undefined;
  onPick: (pickup: PickupLocation) => void;
  onReady: (map: LeafletMap) => void;
}

export default function RideMap({ map, pickup, flight, onPick, onReady }: RideMapProps) {
  const { t } = useI18n();
  return (
    <section className="map-frame" aria-label={t('ride.mapLabel')}>
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
        {flight && pickup ? <UnicornFlight key={flight.key} pickup={pickup} origin={flight.origin} onArrived={flight.onArrived} /> : null}
      </MapContainer>
    </section>
  );
}
