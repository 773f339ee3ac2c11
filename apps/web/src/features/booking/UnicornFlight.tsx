import type { PickupLocation } from '@wildrydes/contract';
import type { LatLng, Map as LeafletMap, Marker as LeafletMarker } from 'leaflet';
import { useEffect, useRef } from 'react';
import { Marker, useMap } from 'react-leaflet';
import { useI18n } from '../../i18n/i18n';
import { unicornIcon } from '../../map/marker-icons';
import { ease, entryPoint, FLIGHT_MS } from './flight-path';

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The flight's first point: where the unicorn's path enters the view, else the north-east corner. */
function startOf(map: LeafletMap, target: PickupLocation, origin: PickupLocation | undefined): LatLng {
  if (origin) {
    const size = map.getSize();
    const entry = entryPoint(
      map.latLngToContainerPoint([origin.Latitude, origin.Longitude]),
      map.latLngToContainerPoint([target.Latitude, target.Longitude]),
      size.x,
      size.y,
    );
    if (entry) return map.containerPointToLatLng([entry.x, entry.y]);
  }
  return map.getBounds().getNorthEast();
}

/**
 * Flies the unicorn to `target` (the pickup; after pickup, the drop-off) from the side of the map
 * it comes from (`origin`, when the API says; else the north-east corner, like the workshop's
 * animation), and leaves it there; without motion it simply appears. The flight is the picture:
 * the ride's status follows its times. Runs once per mount: the page mounts it per leg of a ride.
 */
export function UnicornFlight({ target, origin }: { target: PickupLocation; origin?: PickupLocation | undefined }) {
  const map = useMap();
  const { t } = useI18n();
  const markerRef = useRef<LeafletMarker>(null);
  const start = useRef<LatLng | null>(null);
  start.current ??= startOf(map, target, origin);
  const to: [number, number] = [target.Latitude, target.Longitude];

  // biome-ignore lint/correctness/useExhaustiveDependencies: the flight is fixed at mount (a new ride remounts this component)
  useEffect(() => {
    if (prefersReducedMotion()) {
      markerRef.current?.setLatLng(to);
      return;
    }
    const from = start.current ?? map.getBounds().getNorthEast();
    let frame = 0;
    const began = performance.now();
    const step = (now: number) => {
      const progress = Math.min(1, (now - began) / FLIGHT_MS);
      const k = ease(progress);
      markerRef.current?.setLatLng([from.lat + (to[0] - from.lat) * k, from.lng + (to[1] - from.lng) * k]);
      if (progress < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <Marker
      ref={markerRef}
      position={prefersReducedMotion() ? to : (start.current ?? to)}
      icon={unicornIcon}
      alt={t('ride.unicornAlt')}
      keyboard={false}
      interactive={false}
      zIndexOffset={1000}
    />
  );
}
