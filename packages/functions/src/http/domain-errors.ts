import type { DomainErrorCode } from '@wildrydes/rides';
import type { MetricName } from '../metrics';

/**
 * How each refusal of the domain is answered over HTTP: the one table (add a line here when
 * packages/rides/src/errors.ts gains an error). 5xx answers here mean "nothing was done, try again
 * after Retry-After seconds".
 */
interface HttpAnswer {
  status: 400 | 401 | 404 | 409 | 422 | 503;
  retryAfterSeconds?: number;
  /**
   * A hiccup inside the service rather than an answer about the request: logged as an error and
   * answered with the generic 503 body (its message is for the logs, not for riders).
   */
  transient?: true;
  /** The business metric this refusal counts toward (see metrics.ts), if any. */
  metric?: MetricName;
}

export const DOMAIN_ERROR_HTTP: Record<DomainErrorCode, HttpAnswer> = {
  InvalidCursor: { status: 400 },
  IdempotencyKeyReused: { status: 422 },
  RideNotFound: { status: 404 },
  ActiveRide: { status: 409, metric: 'RidesRefusedFairUse' },
  TooLateToCancel: { status: 409 },
  AccountInUse: { status: 409 },
  // The token is genuine but its account is gone: as good as no token.
  AccountDeleted: { status: 401 },
  // Unicorns free up as rides end: a minute is a fair wait before asking again.
  NoUnicornNearby: { status: 503, retryAfterSeconds: 60, metric: 'RidesRefusedNoUnicorn' },
  DispatchContended: { status: 503, retryAfterSeconds: 1, transient: true },
  DeadlineExceeded: { status: 503, retryAfterSeconds: 1, transient: true },
};
