import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { TokenRefusal } from './auth/id-token';

/**
 * The service's business metrics, written as CloudWatch embedded metric format (EMF) lines by
 * Powertools' Metrics: CloudWatch Logs turns them into metrics, so the hot path makes no API call.
 * Namespace and service come from serverless.yml (POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME);
 * every metric also carries the stage, so stages in one account stay apart. The names are the one
 * home of what alarms and the dashboard read (packages/infra/serverless/observability.cjs; a template
 * test checks every name they use is here).
 */
export const METRIC = {
  /** A ride booked (201, not a replay). */
  RidesBooked: MetricUnit.Count,
  /** A retried Idempotency-Key answered with the ride it booked before. */
  RidesReplayed: MetricUnit.Count,
  /** Booking transactions a booked ride took (1 when no other request got in the way). */
  BookingAttempts: MetricUnit.Count,
  /** How far the booked unicorn was from the pickup, in kilometres. */
  DispatchDistanceKm: MetricUnit.NoUnit,
  /** How long the rider waits for the booked unicorn. */
  DispatchEtaSeconds: MetricUnit.Seconds,
  /** POST /ride refused: the rider has a ride on its way (409). */
  RidesRefusedFairUse: MetricUnit.Count,
  /** POST /ride refused: no unicorn within the longest wait (503, nothing booked). */
  RidesRefusedNoUnicorn: MetricUnit.Count,
  RidesCancelled: MetricUnit.Count,
  AccountsDeleted: MetricUnit.Count,
  /** A token refused (401, or a live connection denied); also by `Reason`, never the token. */
  TokensRefused: MetricUnit.Count,
  /**
   * A 503 "try again": a dependency (DynamoDB, Cognito, the JWKS) failed or was too slow, the
   * request ran out of time, or every candidate unicorn kept being taken. Nothing was written.
   */
  TransientErrors: MetricUnit.Count,
  /**
   * A 5xx that is a failure of ours (transient errors included); not the 503 for want of a unicorn,
   * which is a refusal (RidesRefusedNoUnicorn). http/error-answers.ts marks which are which.
   */
  ServerErrors: MetricUnit.Count,
  /** The fleet, counted every few minutes by FleetCensus: unicorns free now, and busy (booked). */
  UnicornsFree: MetricUnit.Count,
  UnicornsBusy: MetricUnit.Count,
  /** Live messages posted to connections; connections API Gateway no longer knew (410); posts that failed. */
  PushesSent: MetricUnit.Count,
  ConnectionsGone: MetricUnit.Count,
  PushesFailed: MetricUnit.Count,
} as const satisfies Record<string, (typeof MetricUnit)[keyof typeof MetricUnit]>;

export type MetricName = keyof typeof METRIC;

const metrics = new Metrics({ defaultDimensions: { stage: process.env.STAGE ?? 'unknown' } });

/** Adds `value` to a metric of this invocation; `flushMetrics` writes them out. */
export function record(name: MetricName, value = 1): void {
  metrics.addMetric(name, METRIC[name], value);
}

/** A token refusal, counted once overall (what the alarm reads) and once by its reason (what the dashboard shows). */
export function recordTokenRefusal(reason: TokenRefusal, requestId?: string): void {
  record('TokensRefused');
  const byReason = metrics.singleMetric();
  byReason.addDimension('Reason', reason);
  if (requestId) byReason.addMetadata('requestId', requestId);
  byReason.addMetric('TokensRefused', METRIC.TokensRefused, 1);
}

/**
 * Writes this invocation's metrics as one EMF line (nothing when there are none), with the request
 * id as metadata (not a dimension): in CloudWatch Logs Insights the line leads to the request's logs.
 */
export function flushMetrics(requestId?: string): void {
  if (!metrics.hasStoredMetrics()) return;
  if (requestId) metrics.addMetadata('requestId', requestId);
  metrics.publishStoredMetrics();
}
