import type { ErrorResponse, Ride, RidePage, RideResponse, Unicorn } from '@wildrydes/contract';

// Light checks of what the API answers. The contract's zod schemas stay out of the browser
// bundle; these guard only what the client's callers read.

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isUnicorn(value: unknown): value is Unicorn {
  return (
    isObject(value) &&
    typeof value.Name === 'string' &&
    typeof value.Color === 'string' &&
    (value.Gender === 'Male' || value.Gender === 'Female')
  );
}

export function isRideResponse(value: unknown): value is RideResponse {
  return isObject(value) && typeof value.RideId === 'string' && isUnicorn(value.Unicorn) && typeof value.Rider === 'string';
}

export function isRide(value: unknown): value is Ride {
  return (
    isObject(value) &&
    typeof value.RideId === 'string' &&
    isUnicorn(value.Unicorn) &&
    typeof value.RequestTime === 'string' &&
    isObject(value.PickupLocation) &&
    isNumber(value.PickupLocation.Latitude) &&
    isNumber(value.PickupLocation.Longitude)
  );
}

export function isRidePage(value: unknown): value is RidePage {
  return (
    isObject(value) &&
    Array.isArray(value.Rides) &&
    value.Rides.every(isRide) &&
    (value.NextCursor === undefined || typeof value.NextCursor === 'string')
  );
}

export function errorFields(value: unknown): Pick<ErrorResponse, 'message' | 'Reference'> | undefined {
  if (!isObject(value) || typeof value.message !== 'string' || value.message === '') return undefined;
  return { message: value.message, ...(typeof value.Reference === 'string' ? { Reference: value.Reference } : {}) };
}
