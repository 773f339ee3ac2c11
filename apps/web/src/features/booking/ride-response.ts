import type { PickupLocation, RideResponse } from '@wildrydes/contract';

/**
 * Where the unicorn sets off from (`UnicornPosition`): the flight then comes from that side of the
 * map. The contract requires it, but the client's light guard does not check it, so it is read
 * defensively: a missing or malformed one means a flight from the corner, never a broken page.
 */
export function unicornOrigin(ride: RideResponse): PickupLocation | undefined {
  const position: unknown = (ride as RideResponse & { UnicornPosition?: unknown }).UnicornPosition;
  if (typeof position !== 'object' || position === null) return undefined;
  const { Latitude, Longitude } = position as Record<string, unknown>;
  if (typeof Latitude !== 'number' || typeof Longitude !== 'number') return undefined;
  if (Math.abs(Latitude) > 90 || Math.abs(Longitude) > 180) return undefined;
  return { Latitude, Longitude };
}

/** How long until the unicorn arrives, in the page's language ("4 minutes", "4분", "3 hours"), else the API's own text. */
export function etaText(ride: RideResponse, lang: string): string | undefined {
  const seconds: unknown = (ride as RideResponse & { EtaSeconds?: unknown }).EtaSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) {
    // A queued ride can be hours or days away: "about 178 hours" says less than "about 7 days".
    const [value, unit] =
      seconds < 60
        ? [Math.max(1, Math.round(seconds)), 'second']
        : seconds < 120 * 60
          ? [Math.round(seconds / 60), 'minute']
          : seconds < 48 * 3600
            ? [Math.round(seconds / 3600), 'hour']
            : [Math.round(seconds / 86_400), 'day'];
    try {
      return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
    } catch {
      // An engine without unit formatting: the API's text below.
    }
  }
  return typeof ride.Eta === 'string' && ride.Eta !== '' ? ride.Eta : undefined;
}
