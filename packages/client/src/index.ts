export { createClient, DEFAULT_TIMEOUT_MS, type ApiFailure, type ApiResult, type ClientOptions, type WildRydesClient } from './client';
export { isRide, isRidePage, isRideResponse } from './guards';
