import type { FleetCensus } from '@wildrydes/rides';
import type { Context } from 'aws-lambda';
import { log, withContext } from '../logger';
import { flushMetrics, record } from '../metrics';

interface FleetCensusDeps {
  census: (now: number, signal?: AbortSignal) => Promise<FleetCensus>;
  now: () => number;
}

/**
 * Every few minutes (an EventBridge schedule in AWS): counts the fleet's free and busy unicorns and
 * writes them as metrics for the dashboard. A failed count is logged and thrown (Lambda's Errors
 * metric, and its alarm, see it); the next run counts again.
 */
export function createFleetCensusHandler(deps: FleetCensusDeps) {
  return async (_event: unknown, context: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>): Promise<FleetCensus> => {
    withContext(context);
    const requestId = context.awsRequestId;
    // Stop a second before Lambda would, so the failure is ours to log.
    const signal = AbortSignal.timeout(Math.max(1, context.getRemainingTimeInMillis() - 1000));
    const counted = await deps.census(deps.now(), signal);
    log('info', 'fleet counted', { requestId, ...counted });
    record('UnicornsFree', counted.free);
    record('UnicornsBusy', counted.busy);
    flushMetrics(requestId);
    return counted;
  };
}
