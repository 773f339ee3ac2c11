import type { RequestErrorCode } from '@wildrydes/contract';
import { DomainError, type DomainErrorCode } from '@wildrydes/rides';
import { JwksUnavailable, Unauthorized } from '../auth/id-token';
import type { MetricName } from '../metrics';
import { isTransient } from '../store/dynamodb-client';

/** A request a route cannot read (its body, query or a header): the message is for the caller. */
export class InvalidRequest extends Error {
  override name = 'InvalidRequest';
  constructor(
    readonly code: RequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every way a REST route can fail: the domain's refusals (packages/rides/src/errors.ts), a request
 * it cannot read, a token it does not accept, and failures of ours.
 */
type FailureCode = DomainErrorCode | RequestErrorCode | 'Unauthorized' | 'DependencyUnavailable' | 'Unexpected';

interface HttpAnswer {
  status: 400 | 401 | 404 | 409 | 413 | 422 | 500 | 503;
  /** Sent as Retry-After: nothing was done, ask again after this many seconds. */
  retryAfterSeconds?: number;
  /**
   * A failure of ours rather than an answer about the request: logged as an error, counted in
   * ServerErrors (and TransientErrors when it is worth a retry), answered with the generic 5xx body
   * (its message is for the logs, not for riders).
   */
  fault?: true;
  /** The business metric this refusal counts toward (see metrics.ts), if any. */
  metric?: MetricName;
}

/**
 * How each failure is answered over HTTP: the one table (add a row here when
 * packages/rides/src/errors.ts gains an error). Every 503 means "nothing was done".
 */
export const ERROR_ANSWERS: Record<FailureCode, HttpAnswer> = {
  InvalidRequest: { status: 400 },
  RequestTooLarge: { status: 413 },
  Unauthorized: { status: 401 },
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
  DispatchContended: { status: 503, retryAfterSeconds: 1, fault: true },
  DeadlineExceeded: { status: 503, retryAfterSeconds: 1, fault: true },
  // DynamoDB or Cognito failed or was too slow, or the pool's signing keys could not be fetched
  // (the token may well be good: not a 401).
  DependencyUnavailable: { status: 503, retryAfterSeconds: 1, fault: true },
  Unexpected: { status: 500, fault: true },
};

/** The row of ERROR_ANSWERS that answers `error`. */
export function failureCode(error: unknown): FailureCode {
  if (error instanceof DomainError || error instanceof InvalidRequest) return error.code;
  if (error instanceof Unauthorized) return 'Unauthorized';
  if (error instanceof JwksUnavailable || isTransient(error)) return 'DependencyUnavailable';
  return 'Unexpected';
}
