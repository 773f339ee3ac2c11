/**
 * The SDK floor (sdk-floor.ts) plus Powertools' Logger and Metrics, used as WildRydes uses them:
 * created at import, the Lambda context added per invocation, one log line and one metric.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { handler as floor } from './sdk-floor';

const logger = new Logger({ serviceName: 'wildrydes' });
const metrics = new Metrics({ namespace: 'WildRydes', serviceName: 'wildrydes', defaultDimensions: { stage: 'bench' } });

export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  const answer = await floor();
  logger.info('ride booked', { requestId: context.awsRequestId });
  metrics.addMetric('RidesBooked', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return answer;
};
