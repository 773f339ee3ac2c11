/**
 * Helpers for tests that run against the local stack started by the root test command (or by
 * `pnpm stack`). They find it through stack.json and talk to it only on localhost. One module per
 * job; importers take everything from here (`@wildrydes/local-stack/testing`).
 */
export {
  API_CALL_TIMEOUT_MS,
  type ApiAnswer,
  cancelRide,
  deleteAccount,
  getApi,
  postRide,
  postRideSettled,
  RIDE_REQUEST_TIMEOUT_MS,
  webOrigin,
} from './api-calls';
export { apiInvocationsSince, apiLogFile, apiLogOffset } from './api-log';
export {
  addUnicorns,
  allRides,
  claimedRideId,
  countRides,
  getRide,
  getRiderRecord,
  getUnicorn,
  localDynamoDb,
} from './dynamodb-items';
export { emfMetrics } from './emf';
export { BURST_CITY, fleetCity, pickupsAcross, pickupsAround, sharedCities } from './fleet-cities';
export { overlappingBookings } from './overlapping-bookings';
export {
  confirmationCode,
  createRider,
  demoRider,
  type MintedRider,
  mintToken,
  otherUserPool,
  riderOf,
  riderToken,
  riderTokens,
  signIn,
  type Tokens,
} from './riders';
export { runPool } from './run-pool';
export { pauseService, restartDynamoDb, resumeService, startDutyCycle, stopDynamoDb } from './service-faults';
export { readStack } from './stack-access';
export { invokeFunction, localFunctionSettings } from './stack-functions';
