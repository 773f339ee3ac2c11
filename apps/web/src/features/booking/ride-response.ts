import type { PickupLocation, RideResponse } from '@wildrydes/contract';

import type { ApiFailure, ApiResult } from '../../api/api';

/** Why a ride request failed; the API calls themselves live in @wildrydes/client (see api/api.ts). */
export type RideFailure = ApiFailure;
export type RideResult = ApiResult<RideResponse>;

/** A v4 UUID; crypto.randomUUID only exists in secure contexts, so fall back to random bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Where the unicorn sets off from, when the API says (`UnicornPosition`, newer APIs only): the
 * flight then comes from that side of the map. Read defensively: older APIs do not send it.
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
