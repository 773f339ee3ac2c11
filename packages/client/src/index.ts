export { type ApiFailure, type ApiResult, type ClientOptions, createClient, DEFAULT_TIMEOUT_MS, type WildRydesClient } from './client';
export { isRide, isRidePage, isRideResponse } from './guards';
