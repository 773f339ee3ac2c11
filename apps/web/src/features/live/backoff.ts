/**
 * When to try the live connection again: exponential from BACKOFF_FIRST_MS to BACKOFF_MAX_MS, with
 * "full jitter" (a random delay up to the step), so a server restart is not met by every open page
 * reconnecting in the same instant.
 */
export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/** The wait before reconnect attempt `attempt` (0 for the first retry); `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt));
  return Math.round(BACKOFF_FIRST_MS / 2 + random * (step - BACKOFF_FIRST_MS / 2));
}

/** After this many failed attempts in a row the page says it is polling instead (it keeps retrying). */
export const ATTEMPTS_BEFORE_POLLING = 3;

/** How often the ride is read over HTTP while the live connection is down. */
export const POLL_INTERVAL_MS = 5_000;
