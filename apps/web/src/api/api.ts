import { createClient, type WildRydesClient } from '@wildrydes/client';

export type { ApiFailure, ApiResult, RideTimes, WildRydesClient } from '@wildrydes/client';
// The status rule's one home on the web side (the client package: the API's own module is too big to ship).
export { isActive, isActiveRideConflict, isCancellable, isUnavailable, nextStatusChange, rideStatusAt } from '@wildrydes/client';

/** The API client the pages use (@wildrydes/client): it never throws, every outcome is an ApiResult. */
export function apiClient(invokeUrl: string, fetchFn?: typeof fetch): WildRydesClient {
  // The client's own wait (DEFAULT_TIMEOUT_MS, its one home) before the page offers a retry.
  return createClient({ invokeUrl, ...(fetchFn ? { fetch: fetchFn } : {}) });
}
