import { DeadlineExceeded } from './errors';

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
 * What one booking attempt may take: a fleet read and a booking transaction, each a single store
 * call that may take up to `storeCallMaxMs`. An attempt starts only with this much time left.
 */
export const attemptBudgetMs = (storeCallMaxMs: number) => 2 * storeCallMaxMs;

/** A store call the deadline cut off fails as DeadlineExceeded (a 503), not as whatever the store threw. */
export async function cutOffAt<T>(deadline: Deadline, call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (deadline.signal.aborted) throw new DeadlineExceeded(`The deadline passed while ${what}`, { cause: error });
    throw error;
  }
}
