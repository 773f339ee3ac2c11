/**
 * How long a request may still work before it must answer. The caller owns the clock (for a
 * Lambda function: its remaining time less what it keeps to send the answer); the domain only
 * reads it, so the rules below stay pure and testable.
 */
export interface Deadline {
  /** Milliseconds left to work; zero or less once the request must answer. */
  remainingMs(): number;
  /** Aborted once no time is left: every store call takes it, so none outlives the request. */
  signal: AbortSignal;
}

/**
 * Too little time was left to start a step that writes, or a store call was cut off by the
 * deadline: a 503, worth a retry in a moment (with the same Idempotency-Key, which answers with
 * the ride if a cut-off booking did land).
 */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  readonly transient = true;
}

/**
 * What one booking attempt may take: a fleet read and a booking transaction, each a single store
 * call that may take up to `storeCallMaxMs`. An attempt starts only with this much time left.
 */
export const attemptBudgetMs = (storeCallMaxMs: number) => 2 * storeCallMaxMs;
