import 'leaflet/dist/leaflet.css';
import type { Ride } from '@wildrydes/contract';
import { useEffect } from 'react';
import { MapContainer, Marker, useMap } from 'react-leaflet';
import type { MapConfig } from '../../config/runtime-config';
import { useI18n } from '../../i18n/i18n';
import { MapTiles } from '../../map/MapTiles';
import { pickupIcon } from '../../map/marker-icons';

/** Zooms the map so every pickup shown is in view (again when more rides load). */
function FitPickups({ rides }: { rides: readonly Ride[] }) {
  const map = useMap();
  useEffect(() => {
    if (rides.length === 0) return;
    const points = rides.map((r): [number, number] => [r.PickupLocation.Latitude, r.PickupLocation.Longitude]);
    map.fitBounds(points, { padding: [32, 32], maxZoom: 15, animate: false });
  }, [map, rides]);
  return null;
}

export interface RidesMapProps {
  map: MapConfig;
  rides: readonly Ride[];
  /** The text a marker's image carries, e.g. "Pickup of the ride at 21 Nov 2026, 10:04". */
  markerLabel: (ride: Ride) => string;
}

/** The rider's pickups as markers. The list beside it holds the same facts for keyboards and screen readers. */
export default function RidesMap({ map, rides, markerLabel }: RidesMapProps) {
  const { t } = useI18n();
  return (
    <section className="map-frame" aria-label={t('rides.mapLabel')}>
      <MapContainer center={map.center} zoom={map.zoom} className="map rides-map">
        <MapTiles map={map} />
        {rides.map((ride) => (
          <Marker
            key={ride.RideId}
            position={[ride.PickupLocation.Latitude, ride.PickupLocation.Longitude]}
            icon={pickupIcon}
            alt={markerLabel(ride)}
            keyboard={false}
            interactive={false}
          />
        ))}
        <FitPickups rides={rides} />
      </MapContainer>
    </section>
  );
}
