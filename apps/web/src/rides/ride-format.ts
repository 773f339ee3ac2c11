import type { PickupLocation } from '@wildrydes/contract';

/** The rider's own regional format when it is in the page's language (en-GB, ko-KR), else the language. */
export function dateLocale(lang: string): string {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return tags.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
}

/** A point as the status line and the ride list print it: five decimals, about a metre. */
export const coordinates = (point: PickupLocation) => ({ lat: point.Latitude.toFixed(5), lng: point.Longitude.toFixed(5) });

/** The same place, to the 1e-7° the API keeps: a ride without a drop-off ends where it began. */
export const samePlace = (a: PickupLocation, b: PickupLocation) =>
  Math.abs(a.Latitude - b.Latitude) < 5e-8 && Math.abs(a.Longitude - b.Longitude) < 5e-8;
