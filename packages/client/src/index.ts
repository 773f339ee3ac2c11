export {
  type ActiveRideConflict,
  type ApiFailure,
  type ApiResult,
  type ClientOptions,
  createClient,
  DEFAULT_TIMEOUT_MS,
  type HttpFailure,
  isActiveRideConflict,
  isUnavailable,
  retryAfterSeconds,
  type Unavailable,
  type WildRydesClient,
} from './client';
export { isAccountDeletion, isRide, isRidePage, isRideResponse } from './guards';
export { isActive, isCancellable, nextStatusChange, type RideTimes, rideStatusAt } from './status';
