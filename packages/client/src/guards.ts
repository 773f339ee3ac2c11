import type {
  AccountDeletion,
  ErrorResponse,
  PickupLocation,
  Ride,
  RidePage,
  RideResponse,
  RideStatus,
  Unicorn,
} from '@wildrydes/contract';

// Light checks of what the API answers. The contract's zod schemas stay out of the browser
// bundle; these guard only what the client's callers read.

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isLocation = (value: unknown): value is PickupLocation => isObject(value) && isNumber(value.Latitude) && isNumber(value.Longitude);
// A record, so a status added to the contract fails the typecheck here until it is listed.
const STATUSES: Record<RideStatus, true> = { Assigned: true, PickedUp: true, Completed: true, Cancelled: true };
const isStatus = (value: unknown): value is RideStatus => typeof value === 'string' && Object.hasOwn(STATUSES, value);

/** What the ride's status is derived from: its status, its times and its drop-off (both ride shapes carry them). */
const hasTimes = (value: Obj) =>
  isStatus(value.Status) &&
  isTime(value.PickupTime) &&
  isTime(value.DropoffTime) &&
  (value.CancelTime === undefined || isTime(value.CancelTime)) &&
  isLocation(value.DropoffLocation);

function isUnicorn(value: unknown): value is Unicorn {
  return (
    isObject(value) &&
    typeof value.Name === 'string' &&
    typeof value.Color === 'string' &&
    (value.Gender === 'Male' || value.Gender === 'Female')
  );
}

export function isRideResponse(value: unknown): value is RideResponse {
  return (
    isObject(value) && typeof value.RideId === 'string' && isUnicorn(value.Unicorn) && typeof value.Rider === 'string' && hasTimes(value)
  );
}

export function isRide(value: unknown): value is Ride {
  return (
    isObject(value) &&
    typeof value.RideId === 'string' &&
    isUnicorn(value.Unicorn) &&
    typeof value.RequestTime === 'string' &&
    isLocation(value.PickupLocation) &&
    hasTimes(value)
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

export function errorFields(value: unknown): Pick<ErrorResponse, 'message' | 'Reference' | 'RideId'> | undefined {
  if (!isObject(value) || typeof value.message !== 'string' || value.message === '') return undefined;
  return {
    message: value.message,
    ...(typeof value.Reference === 'string' ? { Reference: value.Reference } : {}),
    ...(typeof value.RideId === 'string' && value.RideId !== '' ? { RideId: value.RideId } : {}),
  };
}

export function isAccountDeletion(value: unknown): value is AccountDeletion {
  return isObject(value) && value.Deleted === true && isNumber(value.DeletedRides);
}
