/**
 * The Powertools variant (observability-powertools.ts) plus Powertools' Tracer, as it is meant to be
 * used: the SDK client captured (a subsegment per DynamoDB call), the handler's segment annotated.
 * Measured to decide whether WildRydes takes Tracer on (docs/operations.md).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { client, handler as floor } from './sdk-floor';

const logger = new Logger({ serviceName: 'wildrydes' });
const metrics = new Metrics({ namespace: 'WildRydes', serviceName: 'wildrydes', defaultDimensions: { stage: 'bench' } });
const tracer = new Tracer({ serviceName: 'wildrydes' });
tracer.captureAWSv3Client(client);

export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  tracer.annotateColdStart();
  const answer = await floor();
  logger.info('ride booked', { requestId: context.awsRequestId });
  metrics.addMetric('RidesBooked', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return answer;
};
