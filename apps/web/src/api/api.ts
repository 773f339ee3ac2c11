import { createClient, type WildRydesClient } from '@wildrydes/client';

export type { ApiFailure, ApiResult, RideTimes, WildRydesClient } from '@wildrydes/client';
// The status rule's one home on the web side (the client package: the API's own module is too big to ship).
export { isActive, isActiveRideConflict, isCancellable, isUnavailable, nextStatusChange, rideStatusAt } from '@wildrydes/client';

/** How long the app waits for any API answer before offering a retry. */
export const API_TIMEOUT_MS = 15_000;

/** The API client the pages use (@wildrydes/client): it never throws, every outcome is an ApiResult. */
export function apiClient(invokeUrl: string, fetchFn?: typeof fetch): WildRydesClient {
  return createClient({ invokeUrl, timeoutMs: API_TIMEOUT_MS, ...(fetchFn ? { fetch: fetchFn } : {}) });
}
