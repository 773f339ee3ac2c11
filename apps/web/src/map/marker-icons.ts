import L from 'leaflet';
import './leaflet-csp';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import dropoffUrl from '../assets/dropoff.svg';
import unicornUrl from '../assets/unicorn.svg';

/**
 * Leaflet finds its default marker images by a CSS path lookup that breaks once a bundler
 * renames the files, so the images are imported and passed explicitly.
 */
export const pickupIcon = L.icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

/** The unicorn lands with its hooves on the pickup point. */
export const unicornIcon = L.icon({
  iconUrl: unicornUrl,
  iconSize: [64, 64],
  iconAnchor: [32, 60],
  className: 'unicorn-icon',
});

/** The drop-off: a red pin with a chequered flag, unlike the blue pickup pin; anchored by its tip. */
export const dropoffIcon = L.icon({
  iconUrl: dropoffUrl,
  iconSize: [32, 44],
  iconAnchor: [16, 43],
  className: 'dropoff-icon',
});

/** A free unicorn near the view (live): the unicorn, small and faded, so the rider's own stands out. */
export const freeUnicornIcon = L.icon({
  iconUrl: unicornUrl,
  iconSize: [32, 32],
  iconAnchor: [16, 30],
  className: 'free-unicorn-icon',
});
